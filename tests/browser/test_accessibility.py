"""WCAG 2.2 AA: axe-core over every page, as each role sees it, on the demo data, on a desktop and on a
320 px wide phone, where no page may scroll sideways (reflow, 1.4.10) and every table scrolls in its own region.

A screenshot of each page lands in test-artifacts/screenshots/. On failure the report names
every violation on every page swept, not only the first.
"""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import expect

from accounts.models import LocalAuthority, User
from actions.models import ActionItem, Status
from deadlines import services
from deadlines.models import Milestone, MilestoneKind
from inspections.models import ImprovementArea, Inspection, Theme
from measures.models import Measure
from plans.tests.spreadsheets import xlsx
from tests.browser.reflow import PHONE, page_width, tables_outside_scroll_regions
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Axe()
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    # "region" (all content inside landmarks) is a best practice, not a WCAG criterion; the GOV.UK
    # page template's skip link and phase banner sit outside them by design.
    "rules": {"region": {"enabled": False}},
    "resultTypes": ["violations"],
}
BROMLEY = "305"
# Each sweep runs at the browser's default desktop size and at a small phone's width.
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WIDTHS = [pytest.param(None, id="desktop"), pytest.param(PHONE, id="320px")]


class Sweep:
    """Visits pages as one user, runs axe on each, and keeps every report to fail with at the end."""

    def __init__(self, page, role, screenshot, viewport=None):
        self.page, self.screenshot, self.viewport = page, screenshot, viewport
        self.role = f"{role}-{viewport['width']}px" if viewport else role
        self.reports = []
        self.checked = []

    def visit(self, name, url, *, status=200):
        response = self.page.goto(url)
        assert response.status == status, f"{self.role}, {name}: {url} answered {response.status}"
        self.check(name)

    def check(self, name):
        """Run axe over the page as it is now (after a visit, or after submitting a form)."""
        expect(self.page.get_by_role("heading", level=1)).to_have_count(1)
        results = AXE.run(self.page, options=AXE_OPTIONS)
        # axe did look: it found rules that apply (a blank page would have none).
        assert results.response["passes"] or results.response["violations"], f"axe checked nothing on {name}"
        if results.violations_count:
            self.reports.append(f"{self.role}, {name} ({self.page.url}):\n{results.generate_report()}")
        if self.viewport and page_width(self.page) > self.viewport["width"]:
            self.reports.append(
                f"{self.role}, {name}: the page is {page_width(self.page)} px wide and scrolls sideways"
            )
        if unscrollable := tables_outside_scroll_regions(self.page):
            self.reports.append(f"{self.role}, {name}: tables outside a labelled scroll region: {unscrollable}")
        self.screenshot(self.page, f"{self.role}-{name}")
        self.checked.append(name)

    def assert_no_violations(self):
        assert not self.reports, "\n\n".join(self.reports)


def bromley_actions():
    return ActionItem.objects.filter(improvement_area__inspection__local_authority__code=BROMLEY)


def bromley_measures():
    return Measure.objects.filter(local_authority__code=BROMLEY)


def common_pages(sweep):
    """The pages every role has: lists, inspections, areas, themes, password and page not found."""
    inspection = Inspection.objects.filter(local_authority__code=BROMLEY, improvement_areas__isnull=False).first()
    area = ImprovementArea.objects.filter(inspection=inspection).order_by("number").first()
    theme = Theme.objects.filter(improvement_areas__inspection__local_authority__code=BROMLEY).first()
    sweep.visit("my-actions", "/")
    sweep.visit("all-actions", "/actions/")
    sweep.visit("all-actions-filtered", "/actions/?status=in_progress&status=blocked&sort=-due_date")
    sweep.visit("all-actions-filter-errors", "/actions/?due_from=31/2/2024&due_to=1/1/2020")
    sweep.visit("inspections", "/inspections/")
    sweep.visit("inspection", inspection.get_absolute_url())
    sweep.visit("area", area.get_absolute_url())
    sweep.visit("themes", "/themes/")
    sweep.visit("theme", theme.get_absolute_url())
    sweep.visit("interventions", "/interventions/")
    sweep.visit("measures", "/measures/")
    sweep.visit("measures-filtered", "/measures/?rating=behind&owner=")
    sweep.visit("measure", bromley_measures().exclude(values=None).first().get_absolute_url())
    sweep.visit("change-password", "/accounts/password/")
    sweep.visit("email-settings", "/accounts/email-settings/")
    sweep.visit("page-not-found", "/actions/999999/", status=404)


@pytest.mark.parametrize("viewport", WIDTHS)
def test_the_sign_in_pages_are_accessible(new_page, screenshot, viewport):
    page = new_page(viewport)
    sweep = Sweep(page, "anonymous", screenshot, viewport)
    sweep.visit("sign-in", "/accounts/login/")
    # Empty fields fail validation before any sign-in is attempted, so no lockout counts it.
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("sign-in-errors")

    def fail_to_sign_in():
        page.get_by_label("Username").fill("nobody")
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Sign in").click()

    for _ in range(3):
        fail_to_sign_in()
    expect(page.get_by_text("You have 2 more tries before this account is locked")).to_be_visible()
    sweep.check("sign-in-tries-left")
    for _ in range(2):
        fail_to_sign_in()
    expect(page.get_by_role("heading", name="You cannot sign in for 15 minutes")).to_be_visible()
    sweep.check("locked-out")

    sweep.visit("password-reset", "/accounts/password-reset/")
    page.get_by_role("button", name="Send a reset link").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("password-reset-errors")
    page.get_by_label("Email").fill("nobody@example.org")
    page.get_by_role("button", name="Send a reset link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    sweep.check("password-reset-sent")
    user = UserFactory(username="forgetful")
    uid, token = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
    sweep.visit("password-reset-choose", f"/accounts/password-reset/{uid}/{token}/")
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("password-reset-choose-errors")
    sweep.visit("password-reset-bad-link", "/accounts/password-reset/MQ/made-up/")
    sweep.visit("signed-out", "/accounts/signed-out/")
    sweep.assert_no_violations()


@pytest.mark.parametrize("viewport", WIDTHS)
def test_the_public_page_is_accessible(demo_data, new_page, screenshot, viewport):
    LocalAuthority.objects.filter(code=BROMLEY).update(public_page=True)
    sweep = Sweep(new_page(viewport), "anonymous", screenshot, viewport)
    sweep.visit("public-page", f"/public/{BROMLEY}/")
    sweep.visit("public-page-switched-off", "/public/881/", status=404)
    sweep.assert_no_violations()


@pytest.mark.parametrize("viewport", WIDTHS)
def test_every_staff_page_is_accessible(demo_data, sign_in, screenshot, viewport):
    page = sign_in("staff", demo_data, viewport)
    sweep = Sweep(page, "staff", screenshot, viewport)
    common_pages(sweep)

    own = bromley_actions().filter(owner__username="staff").exclude(status=Status.SIGNED_OFF).first()
    sweep.visit("action-owner", own.get_absolute_url())
    # Saving without a new status or a note is refused with a message next to the note.
    page.get_by_role("button", name="Save update").click()
    expect(page).to_have_title(f"Error: {own.title} – Improvement tracker")
    sweep.check("action-update-errors")

    measure = bromley_measures().filter(owner__username="staff").first()
    sweep.visit("measure-owner", measure.get_absolute_url())
    page.get_by_role("button", name="Save value").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("measure-add-value-errors")
    value = measure.values.order_by("-period_end").first()
    sweep.visit("correct-value", f"/measures/{measure.pk}/values/{value.pk}/correct/")
    page.get_by_role("button", name="Save correction").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("correct-value-errors")

    others = bromley_actions().exclude(owner__username="staff").first()
    sweep.visit("action-not-owner", others.get_absolute_url())
    sweep.visit("permission-denied", "/dashboard/", status=403)
    sweep.assert_no_violations()


@pytest.mark.parametrize("viewport", WIDTHS)
def test_every_leader_page_is_accessible(demo_data, sign_in, screenshot, viewport):
    page = sign_in("leader", demo_data, viewport)
    sweep = Sweep(page, "leader", screenshot, viewport)
    common_pages(sweep)

    inspection = Inspection.objects.filter(local_authority__code=BROMLEY, improvement_areas__isnull=False).first()
    completed = bromley_actions().filter(status=Status.COMPLETED).first()
    signed_off = bromley_actions().filter(status=Status.SIGNED_OFF).first()
    sweep.visit("dashboard", "/dashboard/")
    owner = bromley_actions().exclude(status=Status.SIGNED_OFF).first().owner
    sweep.visit("dashboard-narrowed", f"/dashboard/?inspection={inspection.pk}&owner={owner.pk}")
    sweep.visit("dashboard-narrowing-errors", "/dashboard/?inspection=not-an-inspection")
    sweep.visit("board-report", f"/inspections/{inspection.pk}/board-report/")
    # Leaders' home: what waits for them, with the key to the ratings opened.
    page.goto("/")
    page.get_by_text("What the ratings mean").click()
    expect(page.get_by_text("Signed off by a leader.")).to_be_visible()
    sweep.check("my-actions-ratings-explained")
    sweep.visit("action-completed", completed.get_absolute_url())
    sweep.visit("action-signed-off", signed_off.get_absolute_url())
    sweep.visit("new-action", "/actions/new/")
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("new-action-errors")
    sweep.visit("edit-action", f"/actions/{completed.pk}/edit/")
    sweep.visit("sign-off", f"/actions/{completed.pk}/sign-off/")
    page.get_by_role("button", name="Sign off").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("sign-off-errors")
    sweep.visit("reopen", f"/actions/{signed_off.pk}/reopen/")
    page.get_by_role("button", name="Reopen action").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("reopen-errors")
    in_progress = bromley_actions().filter(status=Status.IN_PROGRESS).first()
    sweep.visit("withdraw", f"/actions/{in_progress.pk}/withdraw/")
    page.get_by_role("button", name="Withdraw action").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("withdraw-errors")
    page.get_by_label("Why is this action being withdrawn?").fill("Replaced by a county-wide audit")
    page.get_by_role("button", name="Withdraw action").click()
    expect(page.get_by_text("Action withdrawn")).to_be_visible()
    sweep.check("action-withdrawn")
    sweep.visit("all-actions-withdrawn", "/actions/?withdrawn=yes")
    deadline_pages(sweep, page)
    sweep.visit("new-measure", "/measures/new/")
    page.get_by_role("button", name="Save measure").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("new-measure-errors")
    sweep.visit("edit-measure", f"/measures/{bromley_measures().first().pk}/edit/")
    import_pages(sweep, page, inspection)
    board_pack_pages(sweep, page, inspection)
    sweep.assert_no_violations()


def import_pages(sweep, page, inspection):
    """Import a plan: the upload with its error, and the preview with problems, corrections and rows to create."""
    sweep.visit("import-a-plan", f"/inspections/{inspection.pk}/import/")
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("import-a-plan-errors")
    plan = xlsx(
        [
            ["Rec no", "Recommendation", "Action", "Owner", "By when", "RAG", "Progress update"],
            ["1", "", "Audit every return home interview", "staff", "31/03/2027", "Green", "First audit done " * 20],
            ["9", "A recommendation new to the inspection", "Run a survey", "staff", "Q4 2026-27", "", ""],
            ["1", "", "An action with problems", "Nobody Here", "Ongoing", "Purple", ""],
            [],
        ]
    )
    page.get_by_label("Spreadsheet").set_input_files({"name": "plan.xlsx", "mimeType": XLSX, "buffer": plan})
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_text("1 row has a problem")).to_be_visible()
    page.get_by_text("Correct the column matches", exact=True).click()
    sweep.check("import-preview")
    page.get_by_label("Column C: Action").select_option(label="Not imported")
    page.get_by_role("button", name="Check again with these matches").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("import-preview-match-errors")


def board_pack_pages(sweep, page, inspection):
    """Create a board pack: the form, its errors, and the pack for each audience."""
    sweep.visit("board-pack-new", f"/board-packs/new/?inspections={inspection.pk}")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_role("button", name="Create the board pack").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("board-pack-errors")
    since = datetime.date.today() - datetime.timedelta(days=90)
    for audience in ("board", "scrutiny", "dfe", "public"):
        query = f"audience={audience}&since_0={since.day}&since_1={since.month}&since_2={since.year}"
        sweep.visit(f"board-pack-{audience}", f"/board-packs/?{query}")


def deadline_pages(sweep, page):
    """The deadlines' pages, with and without errors, on the 2018 inspection and its final plan."""
    inspection = Inspection.objects.get(local_authority__code=BROMLEY, start_date__year=2018)
    leader = User.objects.get(username="leader")
    sweep.visit("date-received", f"/inspections/{inspection.pk}/date-received/")
    page.get_by_role("button", name="Save date received").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("date-received-errors")
    services.record_receipt(inspection=inspection, received_on=datetime.date(2019, 1, 7), author=leader)
    services.add_milestone(
        inspection=inspection, kind=MilestoneKind.CABINET, due_on=datetime.date(2019, 2, 4), author=leader
    )
    plan = Milestone.objects.get(inspection=inspection, kind=MilestoneKind.FINAL_PLAN)
    sweep.visit("inspection-deadlines-due", inspection.get_absolute_url())
    sweep.visit("submission", f"/milestones/{plan.pk}/submission/")
    page.get_by_role("button", name="Save submission").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("submission-errors")
    services.record_submission(milestone=plan, submitted_on=datetime.date(2019, 4, 11), author=leader)
    sweep.visit("response", f"/milestones/{plan.pk}/response/")
    page.get_by_role("button", name="Save response").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("response-errors")
    sweep.visit("inspection-deadlines-submitted", inspection.get_absolute_url())
    sweep.visit("add-milestone", f"/inspections/{inspection.pk}/milestones/new/")
    page.get_by_role("button", name="Add milestone").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    sweep.check("add-milestone-errors")
    sweep.visit("dashboard-with-deadlines", "/dashboard/")


@pytest.mark.parametrize("viewport", WIDTHS)
def test_every_administrator_page_is_accessible(demo_data, sign_in, screenshot, viewport):
    # The Django admin (/admin/) is left out: it is Django's own interface, not ours to restyle.
    page = sign_in("admin", demo_data, viewport)
    sweep = Sweep(page, "administrator", screenshot, viewport)
    common_pages(sweep)
    sweep.visit("dashboard", "/dashboard/")
    sweep.visit("new-action", "/actions/new/")
    sweep.assert_no_violations()
