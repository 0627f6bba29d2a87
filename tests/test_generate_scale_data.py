from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, OuterRef, Subquery
from django.test import RequestFactory

from accounts import roles, rules
from accounts.models import LocalAuthority, User
from actions.models import DONE_STATUSES, ActionItem, ProgressUpdate, Status, UpdateKind
from inspections.models import ImprovementArea, Inspection, Judgement

PASSWORD = "scale-test-password"
ACTIONS = 30
UPDATES = 6


@pytest.fixture
def generated(db, monkeypatch, settings):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    settings.DEBUG = False
    out = StringIO()
    call_command(
        "generate_scale_data",
        authorities=2,
        actions_per_authority=ACTIONS,
        updates_per_action=UPDATES,
        stdout=out,
    )
    return out.getvalue()


def test_it_adds_authorities_with_unused_codes(bromley, generated):
    codes = set(LocalAuthority.objects.exclude(pk=bromley.pk).values_list("code", flat=True))
    assert codes == {"500", "501"}
    assert "Added 2 local authorities (codes 500 to 501)" in generated


def test_it_skips_codes_in_use(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    LocalAuthority.objects.create(name="Existing", code="500")
    call_command("generate_scale_data", authorities=1, actions_per_authority=5, stdout=StringIO())
    assert LocalAuthority.objects.filter(code="501").exists()


def sign_in(username, password):
    return authenticate(RequestFactory().post("/accounts/login/"), username=username, password=password)


def test_generated_accounts_sign_in_with_the_demo_password(generated):
    leader = sign_in("500.leader", PASSWORD)
    staff = sign_in("501.staff1", PASSWORD)
    admin = sign_in("500.admin", PASSWORD)
    assert rules.can_sign_off(leader) and leader.local_authority.code == "500"
    assert not rules.can_sign_off(staff) and staff.groups.filter(name=roles.STAFF).exists()
    assert rules.can_reach_admin(admin) and admin.groups.filter(name=roles.ADMINISTRATORS).exists()
    assert sign_in("500.leader", "wrong") is None


def test_each_authority_has_20_to_50_people_and_its_history(generated):
    for la in LocalAuthority.objects.all():
        people = User.objects.filter(local_authority=la).exclude(username__endswith=".admin").count()
        assert 20 <= people <= 50
        inspections = Inspection.objects.filter(local_authority=la)
        assert 4 <= inspections.count() <= 5
        assert Judgement.objects.filter(inspection__local_authority=la).exists()
        per_inspection = ImprovementArea.objects.filter(inspection__local_authority=la).values("inspection")
        assert all(5 <= row["n"] <= 10 for row in per_inspection.annotate(n=Count("pk")))
        assert ActionItem.objects.for_local_authority(la.pk).count() == ACTIONS


def test_actions_have_about_the_asked_number_of_updates(generated):
    updates = ProgressUpdate.objects.count()
    assert 0.7 * UPDATES * 2 * ACTIONS <= updates <= 1.3 * UPDATES * 2 * ACTIONS


def test_every_action_status_is_its_newest_history_rows(generated):
    newest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-created_at", "-pk")
    actions = ActionItem.objects.annotate(newest_status=Subquery(newest.values("status_after")[:1]))
    assert actions.count() == 2 * ACTIONS
    for action in actions:
        assert action.status == action.newest_status
        assert (action.completed_on is not None) == (action.status in DONE_STATUSES)


def test_history_chains_are_consistent(generated):
    chains = {}
    for update in ProgressUpdate.objects.select_related("author").order_by("action", "created_at", "pk"):
        chains.setdefault(update.action_id, []).append(update)
    statuses_seen = set()
    for action in ActionItem.objects.select_related("owner", "improvement_area__inspection"):
        chain = chains[action.pk]
        assert (chain[0].kind, chain[0].status_before, chain[0].status_after) == (
            UpdateKind.CREATED,
            "",
            Status.NOT_STARTED,
        )
        for previous, update in zip(chain, chain[1:], strict=False):
            assert update.status_before == previous.status_after
            assert update.created_at > previous.created_at
            if update.status_after == Status.SIGNED_OFF and update.status_before != Status.SIGNED_OFF:
                assert update.kind == UpdateKind.SIGNED_OFF
                assert rules.can_sign_off(update.author)
            else:
                assert update.kind == UpdateKind.PROGRESS
        statuses_seen.add(action.status)
    assert len(statuses_seen) >= 4


def test_it_refuses_without_a_demo_password_unless_debug(db, monkeypatch, settings):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    settings.DEMO_PASSWORD = ""
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEMO_PASSWORD"):
        call_command("generate_scale_data", authorities=1, stdout=StringIO())
    assert not LocalAuthority.objects.exists()
