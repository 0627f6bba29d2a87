"""The import's django-import-export Resource. It checks each row of a plan against the inspection's
authority only (its people, the inspection's improvement areas, the actions already there), reports
each row's problems as a ValidationError that names the row and the column, and saves a row through
actions.services. A dry run (the preview) checks every row and writes nothing."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from import_export import resources
from import_export.instance_loaders import BaseInstanceLoader

from accounts.models import User
from actions import services as action_services
from actions.models import ActionItem, Status
from bromley_tracker.forms import EARLIEST_YEAR, LATEST_YEAR
from inspections import services as inspection_services
from inspections.models import Theme

from .headings import FIELD_LABELS, FIELDS, normalise
from .values import DATE_EXAMPLES, STATUS_EXAMPLES, parse_date, parse_status

# The dataset's columns: the row's number in the sheet, why it is skipped (if it is), then the fields.
COLUMNS = ["row", "skip", *FIELDS]
TITLE_LENGTH = ActionItem._meta.get_field("title").max_length
# "3", "Rec 3", "Recommendation 3:", "3.1" (its third recommendation's first action): area 3.
LEADING_NUMBER = re.compile(r"^\D{0,20}?(\d{1,4})")
NUMBERED_TEXT = re.compile(r"^\s*(?:recommendation|rec|area|afi|apa)?\s*(\d{1,4})\s*[.):-]\s+(.+)$", re.I | re.S)


@dataclass
class NewArea:
    """An improvement area the plan names that the inspection does not have yet."""

    number: int
    text: str
    theme: Theme | None = None
    saved: object = None

    def __str__(self):
        return f"{self.number}. {inspection_services.short_title_for(self.text)}"


@dataclass
class PlannedAction:
    """What one row of the plan will create, or why it is skipped."""

    row: int
    skip_reason: str = ""
    already_there: bool = False
    area: object = None
    title: str = ""
    description: str = ""
    owner: User | None = None
    due_date: object = None
    status: str = Status.NOT_STARTED
    status_word: str = ""
    success_measure: str = ""
    progress: str = ""
    action: ActionItem | None = None
    notes: list = field(default_factory=list)

    def __str__(self):
        return self.title

    @property
    def is_new_area(self):
        return isinstance(self.area, NewArea)

    @property
    def status_label(self):
        return Status(self.status).label


def shorten(text, length):
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0] + "…"


class PlanResource(resources.Resource):
    """One inspection's plan, imported by `user` (a leader of its authority) from the file `source_name`.

    `columns` names the sheet's heading for each field, for the row problems' messages.
    """

    class Meta:
        instance_loader_class = BaseInstanceLoader
        import_id_fields = []
        force_init_instance = True
        skip_diff = True
        report_skipped = True
        store_instance = True
        store_row_values = True
        # Only so that the library gives no row a savepoint of its own: save_instance below still saves each
        # row through the services, never in bulk. The import is one transaction, rolled back whole on any
        # problem, so a savepoint a row would be two queries a row for nothing (2,000 for a 1,000-row preview).
        use_bulk = True

    def __init__(self, *, inspection, user, source_name, columns=None, at=None, **kwargs):
        super().__init__(**kwargs)
        # Every match (people, areas, actions) is made inside the importing leader's own authority.
        if inspection.local_authority_id != user.local_authority_id:
            raise PermissionDenied("A plan is imported only into an inspection of the importer's own council.")
        self.inspection = inspection
        self.authority = inspection.local_authority
        self.user = user
        self.source_name = source_name
        self.columns = {**FIELD_LABELS, **(columns or {})}
        self.at = at or timezone.now()

    def before_import(self, dataset, **kwargs):
        """Everything the rows are matched against, in four queries whatever the plan's size."""
        self.people = {}
        for person in User.objects.for_local_authority(self.authority.pk).filter(is_active=True):
            names = {person.username, person.email, person.get_full_name()}
            for name in {" ".join(name.lower().split()) for name in names if name}:
                self.people.setdefault(name, []).append(person)
        areas = list(self.inspection.improvement_areas.all())
        self.areas_by_number = {area.number: area for area in areas}
        self.areas_by_text = {}
        for area in areas:
            self.areas_by_text.setdefault(normalise(area.short_title), area)
            self.areas_by_text.setdefault(normalise(area.text), area)
        self.new_areas_by_number, self.new_areas_by_text = {}, {}
        self.next_number = max(self.areas_by_number, default=0) + 1
        self.existing = {
            (area_id, normalise(title))
            for area_id, title in ActionItem.objects.filter(improvement_area__inspection=self.inspection).values_list(
                "improvement_area_id", "title"
            )
        }
        self.themes = {}
        for theme in Theme.objects.all():
            self.themes[normalise(theme.name)] = self.themes[normalise(theme.slug)] = theme
        self.seen = {}

    def init_instance(self, row=None):
        return PlannedAction(row=int(row["row"]))

    def import_instance(self, instance, row, **kwargs):
        """Read the row into `instance`, or raise ValidationError naming each of its problems."""
        if row["skip"]:
            instance.skip_reason = row["skip"]
            return
        if not row["title"]:
            instance.skip_reason = "No action in this row"
            return
        self.problems = {}
        instance.area = self._area(row)
        self._action_text(instance, row["title"], row["description"])
        instance.owner = self._owner(row["owner"])
        instance.due_date = self._due_date(row["due_date"])
        instance.status_word, instance.progress = row["status"], row["progress"]
        instance.status = self._status(row["status"], row["progress"])
        instance.success_measure = row["success_measure"]
        if self.problems:
            raise ValidationError(self.problems)
        self._check_duplicate(instance)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return bool(instance.skip_reason) and not import_validation_errors

    def save_instance(self, instance, is_create, row, **kwargs):
        # The preview is a dry run: it has checked the row and writes nothing, so it costs no query a row.
        if kwargs.get("dry_run"):
            return
        self.do_instance_save(instance, is_create)

    def do_instance_save(self, instance, is_create):
        """Save the row through the services: its new improvement area (once), then the action with its
        first history row."""
        area = instance.area
        if isinstance(area, NewArea):
            if area.saved is None:
                area.saved = inspection_services.add_improvement_area(
                    inspection=self.inspection, number=area.number, text=area.text, theme=area.theme, by=self.user
                )
            area = area.saved
        instance.action = action_services.import_action(
            improvement_area=area,
            owner=instance.owner,
            imported_by=self.user,
            source_name=self.source_name,
            title=instance.title,
            description=instance.description,
            due_date=instance.due_date,
            status=instance.status,
            status_word=instance.status_word,
            progress_note=instance.progress,
            success_measure=instance.success_measure,
            at=self.at,
        )

    # Reading one row's cells.

    def _problem(self, field_name, row_text):
        """A row problem: "Row 14, Owner: no one called 'J Smith' works for Bromley. ..."."""
        message = f"Row {self.row_number}, {self.columns[field_name]}: {row_text}"
        self.problems.setdefault(self.columns[field_name], []).append(message)

    def before_import_row(self, row, **kwargs):
        self.row_number = row["row"]

    def _area(self, row):
        number_text, text = row["area_number"], row["area"]
        number = None
        if match := LEADING_NUMBER.match(number_text):
            number = int(match.group(1))
        elif match := NUMBERED_TEXT.match(text):
            number, text = int(match.group(1)), match.group(2)
        if number is not None and number in self.areas_by_number:
            return self.areas_by_number[number]
        if text and normalise(text) in self.areas_by_text:
            return self.areas_by_text[normalise(text)]
        if number is not None and number in self.new_areas_by_number:
            return self.new_areas_by_number[number]
        if text and normalise(text) in self.new_areas_by_text:
            return self.new_areas_by_text[normalise(text)]
        if not text:
            if number is None:
                self._problem("area", "enter the recommendation or improvement area this action is for.")
            else:
                self._problem(
                    "area",
                    f"this inspection has no improvement area {number}. "
                    "Give the recommendation's words to add it as a new improvement area.",
                )
            return None
        if number is None:
            number, self.next_number = self.next_number, self.next_number + 1
        else:
            self.next_number = max(self.next_number, number + 1)
        area = NewArea(number=number, text=text, theme=self.themes.get(normalise(row["theme"])))
        self.new_areas_by_number[number] = self.new_areas_by_text[normalise(text)] = area
        return area

    def _action_text(self, instance, title, description):
        """A long action keeps its whole text as the description and a shortened title."""
        title = " ".join(title.split())
        instance.title = shorten(title, TITLE_LENGTH)
        instance.description = description or (title if instance.title != title else "")

    def _owner(self, text):
        how = "Use a username, an email address or a full name."
        if not text:
            self._problem("owner", f"enter who owns this action. {how}")
            return None
        people = self.people.get(" ".join(text.lower().split()), [])
        if len(people) == 1:
            return people[0]
        if people:
            self._problem(
                "owner",
                f"{len(people)} people called '{text}' work for {self.authority}. Use a username or an email address.",
            )
        else:
            self._problem("owner", f"no one called '{text}' works for {self.authority}. {how}")
        return None

    def _due_date(self, text):
        if not text:
            self._problem("due_date", f"enter when this action is due, for example {DATE_EXAMPLES}.")
            return None
        try:
            due = parse_date(text)
        except ValueError:
            self._problem("due_date", f"'{text}' is not a date we can read. Use a date such as {DATE_EXAMPLES}.")
            return None
        if not EARLIEST_YEAR <= due.year <= LATEST_YEAR:
            self._problem("due_date", f"'{text}' is not a year from {EARLIEST_YEAR} to {LATEST_YEAR}.")
            return None
        return due

    def _status(self, text, progress):
        try:
            status = parse_status(text)
        except ValueError:
            self._problem("status", f"'{text}' is not a status we know. Use {STATUS_EXAMPLES}.")
            return Status.NOT_STARTED
        if status == Status.BLOCKED and not progress.strip():
            self._problem(
                "progress", f"a blocked action ('{text}') needs a progress update saying what blocks it. Add one."
            )
        return status

    def _check_duplicate(self, instance):
        """Importing the same plan again creates nothing: an action already in the area is left alone."""
        area, title = instance.area, normalise(instance.title)
        if not isinstance(area, NewArea) and (area.pk, title) in self.existing:
            instance.skip_reason = f"Already there: improvement area {area.number} has this action"
            instance.already_there = True
            return
        key = (id(area), title)
        if key in self.seen:
            instance.skip_reason = f"The same action as row {self.seen[key]}, in the same improvement area"
            return
        self.seen[key] = instance.row
