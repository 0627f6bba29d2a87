"""What the council does about it: action items and their append-only history."""

import datetime
from collections import Counter, defaultdict

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.scoping import ScopedQuerySet
from inspections.models import ImprovementArea

# Amber warns this many days before a not-started action falls due.
RAG_WARNING_DAYS = 14
# "Due soon" in lists and on the dashboard: open actions due within this many days from today.
DUE_SOON_DAYS = 30


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    BLOCKED = "blocked", "Blocked"
    COMPLETED = "completed", "Completed"
    SIGNED_OFF = "signed_off", "Signed off"


DONE_STATUSES = (Status.COMPLETED, Status.SIGNED_OFF)
OPEN_STATUSES = tuple(status for status in Status if status not in DONE_STATUSES)
# A note must explain these changes: what blocks it, or what was delivered.
NOTE_REQUIRED_STATUSES = (Status.BLOCKED, Status.COMPLETED, Status.SIGNED_OFF)


class UpdateKind(models.TextChoices):
    """What a history row records; set by the service that writes it, never read from its note."""

    CREATED = "created", "Created"
    PROGRESS = "progress", "Progress"
    EDITED = "edited", "Edited"
    REASSIGNED = "reassigned", "Reassigned"
    ARCHIVED = "archived", "Archived"
    SIGNED_OFF = "signed_off", "Signed off"
    REOPENED = "reopened", "Reopened"
    IMPORTED = "imported", "Imported"


# A history row of these kinds gives the action to its owner: their My actions page says so. An imported
# action is not among them: it was already the owner's in the council's own plan.
ASSIGNMENT_KINDS = (UpdateKind.CREATED, UpdateKind.REASSIGNED)
# The notes people write about progress (an imported action's holds its plan's progress update); the others
# (created, edited, reassigned, archived) the service writes to say what changed, and are not what "Latest
# progress note" means.
PROGRESS_NOTE_KINDS = (UpdateKind.PROGRESS, UpdateKind.IMPORTED, UpdateKind.SIGNED_OFF, UpdateKind.REOPENED)
# A history row that is a progress note saying something: what "Latest progress note" shows. The partial index
# progress_note_latest_idx has the same condition, so that with_latest_note() finds each action's latest in
# the index's first entry for it.
PROGRESS_NOTE_Q = Q(kind__in=PROGRESS_NOTE_KINDS) & ~Q(note="")


def is_overdue(*, status, due_date, today):
    """Overdue: not done and due before today. overdue_q() says the same in SQL."""
    return status not in DONE_STATUSES and due_date < today


def overdue_q(today):
    return ~Q(status__in=DONE_STATUSES) & Q(due_date__lt=today)


def due_soon_q(today):
    """Open and due from today to DUE_SOON_DAYS ahead, both ends included."""
    return ~Q(status__in=DONE_STATUSES) & Q(due_date__gte=today, due_date__lte=due_soon_until(today))


def due_soon_until(today):
    return today + datetime.timedelta(days=DUE_SOON_DAYS)


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    COMPLETE = "complete", "Complete"


def rag_for(*, status, due_date, today):
    """Derive the RAG rating; it is never typed in.

    Complete once signed off; Amber while completed work awaits sign-off; Red when
    blocked or overdue; Amber when not started and due within RAG_WARNING_DAYS; else Green.
    Mirrors ActionItemQuerySet.with_rag(), which does the same in SQL.
    """
    if status == Status.SIGNED_OFF:
        return Rag.COMPLETE
    if status == Status.COMPLETED:
        return Rag.AMBER
    if status == Status.BLOCKED or is_overdue(status=status, due_date=due_date, today=today):
        return Rag.RED
    if status == Status.NOT_STARTED and due_date <= today + datetime.timedelta(days=RAG_WARNING_DAYS):
        return Rag.AMBER
    return Rag.GREEN


# What each rating means, for the key beside every list of ratings. Worded from rag_for's rule:
# actions/tests/test_rag.py checks that the two agree.
RAG_MEANINGS = {
    Rag.RED: "Blocked, or overdue: not completed by its due date.",
    Rag.AMBER: (
        f"Completed and waiting for a leader to sign it off, or not started and due within {RAG_WARNING_DAYS} days."
    ),
    Rag.GREEN: f"On track: neither blocked nor overdue, and in progress or due in more than {RAG_WARNING_DAYS} days.",
    Rag.COMPLETE: "Signed off by a leader.",
}


def rag_reason_for(*, status, due_date, today, signed_off_on=None):
    """Why rag_for gives its rating, in words: "Overdue since 26 November 2026".

    It asks rag_for for the rating and says which of its conditions applied; `signed_off_on`
    dates a signed-off action's reason.
    """
    rag = rag_for(status=status, due_date=due_date, today=today)
    due = date_format(due_date)
    if rag == Rag.COMPLETE:
        return f"Signed off on {date_format(signed_off_on)}" if signed_off_on else "Signed off"
    if rag == Rag.AMBER:
        if status == Status.COMPLETED:
            return "Completed: waiting for a leader to sign it off"
        return f"Not started and due within {RAG_WARNING_DAYS} days, on {due}"
    if rag == Rag.RED:
        overdue = is_overdue(status=status, due_date=due_date, today=today)
        if status == Status.BLOCKED:
            return f"Blocked, and overdue since {due}" if overdue else "Blocked"
        return f"Overdue since {due}"
    return f"On track, due {due}"


def end_of(day):
    """The first moment after `day` ends, in the service's time zone: history written before it happened by then."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))


def percent(part, whole):
    """Whole percent, rounded the same way on every page (the dashboard, inspections, themes)."""
    return round(100 * part / whole) if whole else 0


class ActionProgress:
    """How far a group of actions has got: counts by status and by RAG, and how many are overdue or
    due soon (see ActionItemQuerySet.progress_by). The one count of progress every page shows."""

    def __init__(self):
        self.by_status = Counter()
        self.by_rag = Counter()
        self.overdue = 0
        self.due_soon = 0

    def add(self, other):
        self.by_status.update(other.by_status)
        self.by_rag.update(other.by_rag)
        self.overdue += other.overdue
        self.due_soon += other.due_soon

    @property
    def total(self):
        return sum(self.by_status.values())

    @property
    def signed_off(self):
        return self.by_status[Status.SIGNED_OFF]

    @property
    def awaiting_sign_off(self):
        return self.by_status[Status.COMPLETED]

    @property
    def blocked(self):
        return self.by_status[Status.BLOCKED]

    def count(self, status, rag, n, overdue, due_soon):
        self.by_status[status] += n
        self.by_rag[rag] += n
        self.overdue += overdue
        self.due_soon += due_soon

    @property
    def percent_signed_off(self):
        return percent(self.signed_off, self.total)

    @property
    def status_counts(self):
        """[(label, count)] for every status, in the workflow's order."""
        return [(label, self.by_status[value]) for value, label in Status.choices]

    @property
    def rag_counts(self):
        """[(rag, label, count)] for every RAG rating, worst first."""
        return [(value, label, self.by_rag[value]) for value, label in Rag.choices]


class ActionItemQuerySet(ScopedQuerySet):
    local_authority_field = "improvement_area__inspection__local_authority"

    def for_user(self, user):
        """The user's authority's actions that are in use. Withdrawn (archived) ones show only on their
        own page, in All actions' "Show only withdrawn actions" and in the admin."""
        return super().for_user(user).in_use()

    def in_use(self):
        """Not withdrawn (archived)."""
        return self.filter(archived_at__isnull=True)

    def for_user_including_archived(self, user):
        return super().for_user(user)

    def open(self):
        return self.exclude(status__in=DONE_STATUSES)

    def awaiting_sign_off(self):
        """Completed, waiting for a leader to sign them off (Amber until then)."""
        return self.filter(status=Status.COMPLETED)

    def blocked(self):
        return self.filter(status=Status.BLOCKED)

    def overdue(self, today=None):
        return self.filter(overdue_q(today or timezone.localdate()))

    def due_soon(self, today=None):
        return self.filter(due_soon_q(today or timezone.localdate()))

    def with_rag(self, today=None):
        """Annotate `rag_value` in SQL, so lists can filter and count by RAG; `action.rag` reads it."""
        today = today or timezone.localdate()
        soon = today + datetime.timedelta(days=RAG_WARNING_DAYS)
        return self.annotate(
            rag_value=Case(
                When(status=Status.SIGNED_OFF, then=Value(Rag.COMPLETE.value)),
                When(status=Status.COMPLETED, then=Value(Rag.AMBER.value)),
                When(Q(status=Status.BLOCKED) | overdue_q(today), then=Value(Rag.RED.value)),
                When(Q(status=Status.NOT_STARTED) & Q(due_date__lte=soon), then=Value(Rag.AMBER.value)),
                default=Value(Rag.GREEN.value),
                output_field=models.CharField(),
            )
        )

    def with_is_overdue(self, today=None):
        """Annotate `is_overdue_value`, to sort by; `action.is_overdue` reads it."""
        return self.annotate(
            is_overdue_value=Case(
                When(overdue_q(today or timezone.localdate()), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )

    def for_list(self):
        """What a list row shows: its area, inspection, authority and owner, in one query."""
        return self.select_related("improvement_area__inspection__local_authority", "owner")

    def overdue_first(self, today=None):
        """My actions' order: overdue first, then by due date."""
        return self.with_is_overdue(today).order_by("-is_overdue_value", "due_date", "pk")

    def leaders_lists(self, limit, today=None):
        """The dashboard's three lists in one query: {"awaiting_sign_off": the first `limit` completed actions,
        longest waiting first; "overdue" and "due_soon": the first `limit` of each, earliest due date first}.

        No action is on two of them: a completed action is neither overdue nor due soon, and due soon starts
        today, when overdue ends. Each row is annotated with_rag(), and `shortlist`, the list it is on.
        """
        today = today or timezone.localdate()
        awaiting = Q(status=Status.COMPLETED)
        shortlist = Case(
            When(awaiting, then=Value("awaiting_sign_off")),
            When(overdue_q(today), then=Value("overdue")),
            When(due_soon_q(today), then=Value("due_soon")),
            output_field=models.CharField(),
        )
        # Each list's own order: since completion for the sign-off queue, else by due date.
        order = Case(When(awaiting, then=F("completed_on")), default=F("due_date"))
        rows = (
            self.with_rag(today)
            .filter(awaiting | overdue_q(today) | due_soon_q(today))
            .annotate(shortlist=shortlist)
            .annotate(position=Window(RowNumber(), partition_by=F("shortlist"), order_by=[order.asc(), F("pk").asc()]))
            .filter(position__lte=limit)
            .order_by("position")
        )
        lists = {"awaiting_sign_off": [], "overdue": [], "due_soon": []}
        for action in rows:
            lists[action.shortlist].append(action)
        return lists

    def progress_by(self, field, today=None):
        """{value of `field`: ActionProgress}, counted in one grouped query.

        For example progress_by("improvement_area") gives each improvement area's progress;
        a key with no actions reads as an empty ActionProgress.
        """
        progress = defaultdict(ActionProgress)
        for key, *counts in self._progress_rows([field], today):
            progress[key].count(*counts)
        return progress

    def progress(self, today=None):
        """The ActionProgress of all these actions, in one grouped query."""
        progress = ActionProgress()
        for counts in self._progress_rows([], today):
            progress.count(*counts)
        return progress

    def _progress_rows(self, fields, today):
        """(*fields, status, rag, n, overdue, due_soon) for each group of fields, status and rag."""
        today = today or timezone.localdate()
        return (
            self.with_rag(today)
            .order_by()
            .values_list(*fields, "status", "rag_value")
            .annotate(
                n=Count("pk"),
                overdue=Count("pk", filter=overdue_q(today)),
                due_soon=Count("pk", filter=due_soon_q(today)),
            )
        )

    def with_history_on(self, day):
        """Annotate `status_on` and `due_date_on`: the status and due date each action had when `day` ended, read
        from its append-only history (both None for an action created after it). `action.rag_on(day)` reads them.

        A row written before due dates were kept in the history (bulk-generated data) stands for today's date.
        """
        rows = ProgressUpdate.objects.filter(action=OuterRef("pk"), created_at__lt=end_of(day)).order_by(
            "-created_at", "-pk"
        )
        return self.annotate(
            status_on=Subquery(rows.values("status_after")[:1]),
            due_date_on=Coalesce(Subquery(rows.values("due_date")[:1]), F("due_date")),
        )

    def progress_on(self, day):
        """The ActionProgress of these actions as it stood when `day` ended, from their history: those that
        existed then, by the status and RAG each had then. One query."""
        progress = ActionProgress()
        for status, due_date in self.with_history_on(day).order_by().values_list("status_on", "due_date_on"):
            if status is None:
                continue
            overdue = is_overdue(status=status, due_date=due_date, today=day)
            soon = status not in DONE_STATUSES and day <= due_date <= due_soon_until(day)
            progress.count(status, rag_for(status=status, due_date=due_date, today=day), 1, overdue, soon)
        return progress

    def with_latest_note(self, *, internal=True):
        """Annotate `latest_note` and `latest_note_at`: the newest progress note (PROGRESS_NOTE_KINDS) that says
        something. With internal=False an internal note is passed over, for every audience but the board's."""
        notes = ProgressUpdate.objects.filter(PROGRESS_NOTE_Q, action=OuterRef("pk")).order_by("-created_at", "-pk")
        if not internal:
            notes = notes.filter(internal=False)
        # Two subqueries, each the first entry of progress_note_latest_idx for the action (a LATERAL join
        # would read it once, but Django's ORM does not write one, and SQLite has none).
        return self.annotate(
            latest_note=Subquery(notes.values("note")[:1]),
            latest_note_at=Subquery(notes.values("created_at")[:1]),
        )

    def recently_assigned_to(self, user, *, since):
        """The user's actions that someone else assigned to them since `since` and that they have not
        updated since: the "Recently assigned to you" list on My actions.

        An assignment is a history row of one of the ASSIGNMENT_KINDS. Annotates `assigned_at`,
        the latest such row's time. One query.
        """
        history = ProgressUpdate.objects.filter(action=models.OuterRef("pk")).order_by("-created_at", "-pk")
        assignments = history.filter(created_at__gte=since, kind__in=ASSIGNMENT_KINDS).exclude(author=user)
        own_updates = history.filter(author=user)
        return (
            self.filter(owner=user)
            .annotate(
                assigned_at=models.Subquery(assignments.values("created_at")[:1]),
                own_update_at=models.Subquery(own_updates.values("created_at")[:1]),
            )
            .filter(assigned_at__isnull=False)
            .filter(Q(own_update_at__isnull=True) | Q(own_update_at__lt=models.F("assigned_at")))
        )


class ActionItem(models.Model):
    improvement_area = models.ForeignKey(ImprovementArea, on_delete=models.PROTECT, related_name="actions")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_actions")
    due_date = models.DateField()
    # The due date first agreed, kept by update_action when the due date first moves: council plans
    # show the original timescale beside the revised one.
    original_due_date = models.DateField(null=True, blank=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    success_measure = models.TextField("how we will know", blank=True, help_text="How success will be measured.")
    completed_on = models.DateField("completion date", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="created_actions"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    # Optimistic concurrency: every save raises it; a save from a stale form is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Actions with history are archived, never deleted.
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        permissions = [
            ("sign_off_actionitem", "Can sign off a completed action"),
            ("view_dashboard", "Can view the improvement dashboard"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(status__in=DONE_STATUSES, completed_on__isnull=False)
                    | (~Q(status__in=DONE_STATUSES) & Q(completed_on__isnull=True))
                ),
                name="action_completion_date_iff_done",
                violation_error_message=(
                    "An action has a completion date exactly when it is completed or signed off."
                ),
            ),
        ]
        indexes = [
            # My actions: an owner's actions by status and due date.
            models.Index(fields=["owner", "status", "due_date"], name="action_owner_status_idx"),
            # Overdue and due-soon lists, and sorting by due date.
            models.Index(fields=["due_date"], name="action_due_date_idx"),
            # Improvement area and inspection pages count their actions by status.
            models.Index(fields=["improvement_area", "status"], name="action_area_status_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("action_detail", args=[self.pk])

    @property
    def rag(self):
        """Its RAG rating: as the list's query annotated it (with_rag), or worked out here."""
        if hasattr(self, "rag_value"):
            return self.rag_value
        return rag_for(status=self.status, due_date=self.due_date, today=timezone.localdate())

    def rag_reason(self, *, signed_off_on=None):
        """Why it has its RAG rating, in words (see rag_reason_for); `signed_off_on` comes from its history."""
        return rag_reason_for(
            status=self.status, due_date=self.due_date, today=timezone.localdate(), signed_off_on=signed_off_on
        )

    def rag_on(self, day):
        """Its RAG rating when `day` ended, worked out from its history as rag_for would have given it that day:
        the status its last history row by then gave it, and the due date then in force. None if it did not
        exist yet. Reads with_history_on's annotations, or else its history: one query."""
        if hasattr(self, "status_on"):
            status, due_date = self.status_on, self.due_date_on
        else:
            row = self.updates.filter(created_at__lt=end_of(day)).order_by("-created_at", "-pk").first()
            status, due_date = (row.status_after, row.due_date or self.due_date) if row else (None, None)
        if status is None:
            return None
        return rag_for(status=status, due_date=due_date, today=day)

    @property
    def is_overdue(self):
        if hasattr(self, "is_overdue_value"):
            return self.is_overdue_value
        return is_overdue(status=self.status, due_date=self.due_date, today=timezone.localdate())

    @property
    def is_signed_off(self):
        """Signed off means locked: nothing about it changes until a leader reopens it."""
        return self.status == Status.SIGNED_OFF

    @property
    def is_withdrawn(self):
        return self.archived_at is not None

    @property
    def revised_from(self):
        """The original due date, if the due date has since moved to another day; else None."""
        if self.original_due_date is not None and self.original_due_date != self.due_date:
            return self.original_due_date
        return None

    @property
    def local_authority_id(self):
        """Reads self.improvement_area.inspection: select_related them in lists."""
        return self.improvement_area.inspection.local_authority_id


class ProgressUpdateQuerySet(ScopedQuerySet):
    local_authority_field = "action__improvement_area__inspection__local_authority"

    def update(self, **kwargs):
        raise TypeError("Progress updates are append-only; they are never changed.")

    def delete(self):
        raise TypeError("Progress updates are append-only; they are never deleted.")

    def most_recent(self, limit):
        """The newest `limit` updates with their authors and actions, newest first.

        One query: a narrow sort of ids over this queryset (an authority's actions' history, through the
        per-action index) in a subquery, then the `limit` rows in full.
        """
        ids = self.order_by("-created_at", "-pk").values("pk")[:limit]
        return list(
            self.model.objects.filter(pk__in=ids).select_related("author", "action").order_by("-created_at", "-pk")
        )


class ProgressUpdate(models.Model):
    """One row of an action's history. Written only by actions.services; never edited or deleted."""

    # Indexed first in progress_action_created_idx, which serves every lookup by action: no index of its own.
    action = models.ForeignKey(ActionItem, on_delete=models.PROTECT, related_name="updates", db_index=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_updates")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    kind = models.CharField(max_length=20, choices=UpdateKind.choices)
    status_before = models.CharField(max_length=20, choices=Status.choices, blank=True)
    status_after = models.CharField(max_length=20, choices=Status.choices)
    note = models.TextField(blank=True)
    # Internal notes are for the improvement board only: no other audience's board pack shows them.
    internal = models.BooleanField(default=False, db_default=False)
    # The action's due date once this row was written, so that its RAG on any past day can be worked out.
    due_date = models.DateField(null=True, blank=True)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # An action's history, newest first, in the order every query reads it (ties by id); the
            # dashboard's most recent updates read their ids from it alone (an index-only scan).
            models.Index(fields=["action", "-created_at", "-id"], name="progress_action_created_idx"),
            # No index on created_at alone: with one, PostgreSQL answered "an authority's newest
            # updates" by walking every council's history backwards (12 s for a council with none).
            # Each action's latest progress note (ActionItemQuerySet.with_latest_note, for the CSV export,
            # the board pack and report): the index's first entry for the action, with no sort and no
            # other kinds of row to pass over.
            models.Index(
                fields=["action", "-created_at", "-id"], condition=PROGRESS_NOTE_Q, name="progress_note_latest_idx"
            ),
        ]

    def __str__(self):
        return f"{self.get_status_before_display() or 'New'} → {self.get_status_after_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise TypeError("Progress updates are append-only; they are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Progress updates are append-only; they are never deleted.")

    @property
    def is_status_change(self):
        return self.status_before != self.status_after

    @property
    def heading(self):
        """What the row records, in a few words, for the action's history."""
        if self.kind == UpdateKind.PROGRESS:
            if self.is_status_change:
                return f"{self.get_status_before_display()} to {self.get_status_after_display()}"
            return f"{self.get_status_after_display()} (no change of status)"
        return _HEADINGS[self.kind].format(status=self.get_status_after_display())


_HEADINGS = {
    UpdateKind.CREATED: "Action created",
    UpdateKind.EDITED: "Details changed",
    UpdateKind.REASSIGNED: "Reassigned",
    UpdateKind.ARCHIVED: "Withdrawn",
    UpdateKind.SIGNED_OFF: "Signed off",
    UpdateKind.REOPENED: "Reopened, back to {status}",
    UpdateKind.IMPORTED: "Imported as {status}",
}
