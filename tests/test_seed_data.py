"""The seed fixture holds the facts in the sources; load_demo_data builds a believable, repeatable demo."""

import datetime
import html
import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import authenticate as django_authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.test import RequestFactory
from django.utils import timezone
from django.utils.html import strip_tags

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
REGISTER = django_settings.BASE_DIR / "docs" / "sources.md"
README = django_settings.BASE_DIR / "README.md"
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
    # The only source does not say which judgement was not outstanding, so none is recorded.
    assert inspection.judgements.count() == 0
    assert "so no judgements are recorded" in inspection.summary


def test_the_missing_children_theme_spans_2016_2018_and_2021(seeded):
    theme = Theme.objects.get(slug="missing-children-and-return-home-interviews")
    years = set(theme.improvement_areas.values_list("inspection__start_date__year", flat=True))
    assert years == {2016, 2018, 2021}


def test_every_improvement_area_has_a_theme_and_no_senior_lead(seeded):
    assert not ImprovementArea.objects.filter(theme__isnull=True).exists()
    assert not ImprovementArea.objects.filter(senior_lead__isnull=False).exists()
    assert Theme.objects.annotate(n=Count("improvement_areas")).filter(n=0).count() == 0


# The sources.


def register_names():
    """The sources' names, as the register's headings give them."""
    return re.findall(r"^### (.+)$", REGISTER.read_text(), flags=re.MULTILINE)


def citations(inspection):
    return [name.strip() for name in inspection.source.split(";")]


def test_every_inspection_cites_sources_the_register_names(seeded):
    names = register_names()
    assert len(names) == 5
    cited = set()
    for inspection in Inspection.objects.all():
        assert citations(inspection), inspection
        for name in citations(inspection):
            assert name in names, f"{inspection}: {name}"
            cited.add(name)
    assert cited == set(names)
    assert not Inspection.objects.exclude(report_url="").exists()


RESEARCH_NOTE = re.compile(r"sources?[ /]0\d\d|\.txt\b|\[", flags=re.IGNORECASE)


def test_what_officers_read_holds_no_research_notes(seeded):
    texts = [
        *(f"{i}: {text}" for i in Inspection.objects.all() for text in (i.summary, i.source)),
        *(f"{a}: {a.text}" for a in ImprovementArea.objects.all()),
        *(f"{t}: {t.description}" for t in Theme.objects.all()),
    ]
    assert texts
    assert [text for text in texts if RESEARCH_NOTE.search(text)] == []


def visible_text(response):
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


@pytest.fixture
def bromley_officer(seeded):
    return User.objects.create_user(
        "officer", password=PASSWORD, local_authority=LocalAuthority.objects.get(code="305")
    )


def test_the_inspection_page_cites_its_source_by_name(client, bromley_officer):
    client.force_login(bromley_officer)
    visit = Inspection.objects.get(local_authority__code="305", kind=InspectionKind.FOCUSED_VISIT)
    text = visible_text(client.get(visit.get_absolute_url()))

    assert "Source Ofsted focused visit letter, 19 October 2021" in text
    assert "95% of reviews held on time" in text
    assert not RESEARCH_NOTE.search(text)


def test_an_inspection_from_several_sources_cites_each_by_name(client, bromley_officer):
    client.force_login(bromley_officer)
    text = visible_text(client.get(bromley_inspection(2018).get_absolute_url()))

    assert (
        "Source News report of Ofsted's 2018 inspection of Bromley; "
        "News report of Bromley's statutory direction being lifted, early 2019; "
        "Public Sector Executive news report, 9 January 2019"
    ) in text
    assert not RESEARCH_NOTE.search(text)


def test_the_theme_page_says_once_when_the_theme_was_raised_and_quotes_no_notes(client, bromley_officer):
    client.force_login(bromley_officer)
    text = visible_text(client.get("/themes/missing-children-and-return-home-interviews/"))

    assert text.count("Raised in 2016, 2018 and 2021") == 1
    assert "delays in police notification meant it was unclear when children had gone missing" in text
    assert not RESEARCH_NOTE.search(text)


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


def readme_demo_accounts():
    """{username: (role, council)} from the README's table of demo accounts."""
    lines = README.read_text().splitlines()
    start = lines.index("| username | role | council |")
    rows = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        names, role, council = (cell.strip() for cell in line.strip("|").split("|"))
        for name in re.findall(r"`([^`]+)`", names):
            rows[name] = (role, council)
    return rows


def test_the_readme_lists_every_demo_account_with_its_role_and_council(demo_password):
    call_command("load_demo_data")

    listed = readme_demo_accounts()
    users = User.objects.select_related("local_authority").prefetch_related("groups")
    assert set(listed) == {user.username for user in users}
    for user in users:
        role, council = listed[user.username]
        assert role.startswith(user.groups.get().name), user.username
        assert council == user.local_authority.name, user.username


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
