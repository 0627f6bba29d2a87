"""The seed fixture holds the facts in the sources; load_demo_data builds a believable, repeatable demo."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import authenticate as django_authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.test import RequestFactory
from django.utils import timezone

from accounts import roles
from accounts.models import User
from actions import demo
from actions.models import ActionItem, ProgressUpdate, Status
from inspections.models import (
    Grade,
    ImprovementArea,
    Inspection,
    InspectionKind,
    Judgement,
    JudgementArea,
    LocalAuthority,
    Theme,
)

SEED = str(django_settings.BASE_DIR / "fixtures" / "seed.json")
SOURCES = django_settings.BASE_DIR.parent / "shared" / "sources"
PASSWORD = "demo-password-for-tests"
SEEDED_MODELS = [LocalAuthority, JudgementArea, Inspection, Judgement, Theme, ImprovementArea]

pytestmark = pytest.mark.django_db


def counts():
    return {model.__name__: model.objects.count() for model in SEEDED_MODELS}


@pytest.fixture
def seeded():
    call_command("loaddata", SEED, verbosity=0)


def bromley_inspection(year, kind=None):
    qs = Inspection.objects.filter(local_authority__code="305", start_date__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.get()


def grades(inspection):
    return {j.area.short_name: j.grade for j in inspection.judgements.select_related("area")}


# The seed fixture.


def test_the_seed_loads_twice_without_duplicates():
    call_command("loaddata", SEED, verbosity=0)
    first = counts()
    call_command("loaddata", SEED, verbosity=0)

    assert counts() == first
    assert first == {
        "LocalAuthority": 2,
        "JudgementArea": 13,
        "Inspection": 5,
        "Judgement": 13,
        "Theme": 5,
        "ImprovementArea": 7,
    }


def test_after_loading_new_rows_get_fresh_primary_keys(seeded):
    # loaddata resets PostgreSQL's sequences past the fixed keys, so the admin can add rows.
    theme = Theme.objects.create(name="Placement sufficiency", slug="placement-sufficiency")
    assert theme.pk > 5


def test_local_authorities(seeded):
    assert set(LocalAuthority.objects.values_list("name", "code", "region")) == {
        ("Bromley", "305", "London"),
        ("Essex", "881", "East of England"),
    }


def test_judgement_areas_line_up_across_frameworks(seeded):
    ilacs_2023 = JudgementArea.objects.filter(framework="ILACS", applies_from__year=2023).order_by("position")
    assert list(ilacs_2023.values_list("short_name", flat=True)) == [
        "Leadership",
        "Help and protection",
        "Children in care",
        "Care leavers",
        "Overall effectiveness",
    ]
    assert ilacs_2023.get(short_name="Overall effectiveness").applies_until.isoformat() == "2026-03-31"
    for framework, year in (("SIF", 2013), ("ILACS", 2018)):
        names = JudgementArea.objects.filter(framework=framework, applies_from__year=year)
        assert set(names.values_list("short_name", flat=True)) == {
            "Leadership",
            "Help and protection",
            "Children in care",
            "Overall effectiveness",
        }


def test_bromley_2016_was_inadequate_in_every_judgement(seeded):
    inspection = bromley_inspection(2016, InspectionKind.SIF)
    assert len(grades(inspection)) == 4
    assert set(grades(inspection).values()) == {Grade.INADEQUATE}
    assert "statutory direction" in inspection.summary
    assert "approximate" in inspection.summary


def test_bromley_2018_leadership_outstanding_and_the_rest_good(seeded):
    inspection = bromley_inspection(2018, InspectionKind.ILACS_STANDARD)
    assert inspection.lead_inspector == "Dawn Godfrey"
    assert (inspection.published_on.year, inspection.published_on.month) == (2019, 1)
    assert grades(inspection) == {
        "Leadership": Grade.OUTSTANDING,
        "Help and protection": Grade.GOOD,
        "Children in care": Grade.GOOD,
        "Overall effectiveness": Grade.GOOD,
    }


def test_bromley_2018_has_five_numbered_improvement_areas(seeded):
    areas = bromley_inspection(2018).improvement_areas.order_by("number")
    assert [a.number for a in areas] == [1, 2, 3, 4, 5]
    assert {a.kind for a in areas} == {"area_for_improvement"}
    assert areas[0].text.startswith("Bromley should improve the take-up of return home interviews")


def test_the_focused_visit_has_no_judgements_and_its_inspectors(seeded):
    visit = Inspection.objects.get(local_authority__code="305", kind=InspectionKind.FOCUSED_VISIT)
    assert (visit.start_date.isoformat(), visit.end_date.isoformat()) == ("2021-09-14", "2021-09-15")
    assert visit.published_on.isoformat() == "2021-10-19"
    assert visit.judgements.count() == 0
    assert visit.lead_inspector == "Louise Hocking"
    assert visit.other_inspectors == "Anna Gravelle"
    assert "95% of reviews" in visit.summary and "84% permanent staff" in visit.summary
    area = visit.improvement_areas.get()
    assert area.text.startswith("That data and intelligence for return home interviews accurately reflects")


def test_bromley_2023_outstanding_in_every_judgement_including_care_leavers(seeded):
    inspection = bromley_inspection(2023)
    assert inspection.published_on.isoformat() == "2024-01-17"
    assert set(grades(inspection)) == {
        "Leadership",
        "Help and protection",
        "Children in care",
        "Care leavers",
        "Overall effectiveness",
    }
    assert set(grades(inspection).values()) == {Grade.OUTSTANDING}


def test_essex_outstanding_in_three_of_four_without_inventing_which(seeded):
    inspection = Inspection.objects.get(local_authority__code="881")
    assert inspection.lead_inspector == "Tara Geere"
    assert "three out of four" in inspection.summary
    # Source 003 does not say which judgement was not outstanding, so none is recorded.
    assert inspection.judgements.count() == 0
    assert "does not say which" in inspection.summary


def test_the_missing_children_theme_spans_2016_2018_and_2021(seeded):
    theme = Theme.objects.get(slug="missing-children-and-return-home-interviews")
    years = set(theme.improvement_areas.values_list("inspection__start_date__year", flat=True))
    assert years == {2016, 2018, 2021}


def test_every_improvement_area_has_a_theme_and_no_senior_lead(seeded):
    assert not ImprovementArea.objects.filter(theme__isnull=True).exists()
    assert not ImprovementArea.objects.filter(senior_lead__isnull=False).exists()
    assert Theme.objects.annotate(n=Count("improvement_areas")).filter(n=0).count() == 0


def test_every_inspection_names_source_files_that_exist(seeded):
    for inspection in Inspection.objects.all():
        names = re.findall(r"sources/([\w.-]+\.txt)", inspection.source)
        assert names, inspection
        for name in names:
            assert (SOURCES / name).is_file(), f"{inspection}: {name}"
    assert not Inspection.objects.exclude(report_url="").exists()


# The demo data.


@pytest.fixture
def demo_password(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)


def test_load_demo_data_twice_creates_everything_once(demo_password):
    call_command("load_demo_data")
    first = counts(), User.objects.count(), ActionItem.objects.count(), ProgressUpdate.objects.count()
    call_command("load_demo_data")
    second = counts(), User.objects.count(), ActionItem.objects.count(), ProgressUpdate.objects.count()

    assert second == first
    assert User.objects.count() == len(demo.ACCOUNTS)
    assert ActionItem.objects.count() == len(demo.BROMLEY_ACTIONS) + len(demo.ESSEX_ACTIONS)


def authenticate(**credentials):
    """Sign in as the sign-in page does (the throttling backend needs the request)."""
    return django_authenticate(RequestFactory().post("/accounts/login/"), **credentials)


def test_demo_accounts_authenticate_and_have_their_roles(demo_password):
    call_command("load_demo_data")
    call_command("load_demo_data")

    expected = {
        "admin": (roles.ADMINISTRATORS, "305"),
        "leader": (roles.LEADERS, "305"),
        "staff": (roles.STAFF, "305"),
        "staff2": (roles.STAFF, "305"),
        "essex.leader": (roles.LEADERS, "881"),
        "essex.staff": (roles.STAFF, "881"),
    }
    for username, (role, la_code) in expected.items():
        user = authenticate(username=username, password=PASSWORD)
        assert user is not None, username
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.local_authority.code == la_code
        assert user.get_full_name()
        assert user.is_staff == (username == "admin")
    assert authenticate(username="leader", password="wrong-password") is None


def test_an_existing_account_gets_the_new_password(demo_password, monkeypatch):
    call_command("load_demo_data")
    monkeypatch.setenv("DEMO_PASSWORD", "a-different-demo-password")
    call_command("load_demo_data")

    assert User.objects.filter(username="staff").count() == 1
    assert authenticate(username="staff", password="a-different-demo-password") is not None
    assert authenticate(username="staff", password=PASSWORD) is None


def test_demo_actions_have_history_and_cover_every_state(demo_password):
    call_command("load_demo_data")

    actions = ActionItem.objects.select_related("owner", "improvement_area__inspection")
    for action in actions:
        newest = action.updates.order_by("-created_at", "-pk").first()
        assert newest is not None, action
        assert newest.status_after == action.status, action
        assert demo.DEMO_NOTE in action.description
        assert action.owner.local_authority_id == action.improvement_area.inspection.local_authority_id
        assert action.owner.groups.filter(name=roles.STAFF).exists()

    statuses = set(actions.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert ActionItem.objects.overdue().exists()
    assert (
        ActionItem.objects.due_soon().filter(due_date__lte=timezone.localdate() + datetime.timedelta(days=14)).exists()
    )
    assert ActionItem.objects.filter(status=Status.BLOCKED).exists()
    assert ActionItem.objects.filter(status=Status.COMPLETED).exists()

    signed_off = ActionItem.objects.filter(status=Status.SIGNED_OFF)
    assert signed_off.filter(improvement_area__inspection__local_authority__code="305").exists()
    bromley_sign_offs = ProgressUpdate.objects.filter(
        status_after=Status.SIGNED_OFF, action__improvement_area__inspection__local_authority__code="305"
    )
    assert set(bromley_sign_offs.values_list("author__username", flat=True)) == {"leader"}


def test_demo_actions_reach_both_authorities(demo_password):
    call_command("load_demo_data")

    bromley = ActionItem.objects.filter(improvement_area__inspection__local_authority__code="305")
    essex = ActionItem.objects.filter(improvement_area__inspection__local_authority__code="881")
    assert 12 <= bromley.count() <= 20
    assert 4 <= essex.count() <= 6
    assert set(essex.values_list("owner__username", flat=True)) == {"essex.staff"}
    essex_area = ImprovementArea.objects.get(inspection__local_authority__code="881")
    assert essex_area.text.startswith("DEMO DATA")
    # The focused visit's area carries the most demo actions.
    busiest = bromley.values("improvement_area").annotate(n=Count("pk")).order_by("-n").first()
    assert ImprovementArea.objects.get(pk=busiest["improvement_area"]).inspection.kind == InspectionKind.FOCUSED_VISIT


def test_load_demo_data_refuses_without_a_password(monkeypatch, settings):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    settings.DEMO_PASSWORD = ""

    with pytest.raises(CommandError, match="DEMO_PASSWORD"):
        call_command("load_demo_data")
    assert not User.objects.exists()
    assert not LocalAuthority.objects.exists()


def test_the_password_can_come_from_settings(monkeypatch, settings):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    settings.DEMO_PASSWORD = "from-settings-password"

    call_command("load_demo_data")
    assert authenticate(username="leader", password="from-settings-password") is not None
