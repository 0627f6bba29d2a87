"""A plan with a past, for the board pack tests: actions whose history moved them before and after the
"changes since" date, notes (one internal), a measure with values and a missed deadline. Built through the
services, with the times each change happened."""

import datetime
import io
from decimal import Decimal
from urllib.parse import urlencode

import pypdf
from django.utils import timezone

from actions.models import Status
from actions.services import create_action, record_progress
from deadlines import services as deadlines
from tests.factories import MeasureFactory, MeasureValueFactory

TODAY = timezone.localdate()
SINCE = TODAY - datetime.timedelta(days=28)

PUBLIC_NOTE = "Waiting for police data."
INTERNAL_NOTE = "Chief executive briefed privately on the delay."
SIGN_OFF_NOTE = "Guide seen on the council's website."
ALL_NOTES = [INTERNAL_NOTE, PUBLIC_NOTE, SIGN_OFF_NOTE, "Audit started.", "Sessions booked.", "Guide published."]


def days_ago(days, hour=10):
    day = TODAY - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def pack_url(audience="board", since=SINCE, inspections=(), pdf=False):
    query = [("audience", audience), ("since_0", since.day), ("since_1", since.month), ("since_2", since.year)]
    query += [("inspections", inspection.pk) for inspection in inspections]
    return f"/board-packs/{'pdf/' if pdf else ''}?{urlencode(query)}"


def pdf_text(response):
    """The text of every page of a PDF response, as a screen reader or a search would find it."""
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def make_plan(area, leader, owner):
    """Three actions of `area`, and what each was on SINCE and is now:

    - "Audit return home interviews": green then, blocked (red) now, its latest note internal;
    - "Train staff on missing episodes": green then, overdue (red) now;
    - "Publish a guide for families": completed (amber) then, signed off (complete) now.
    """

    def action(title, due_in_days, created_days_ago=60):
        return create_action(
            improvement_area=area,
            owner=owner,
            created_by=leader,
            title=title,
            due_date=TODAY + datetime.timedelta(days=due_in_days),
            at=days_ago(created_days_ago),
        )

    audit = action("Audit return home interviews", 90)
    record_progress(action=audit, author=owner, status=Status.IN_PROGRESS, note="Audit started.", at=days_ago(50))
    record_progress(action=audit, author=owner, status=Status.BLOCKED, note=PUBLIC_NOTE, at=days_ago(10))
    record_progress(
        action=audit, author=leader, status=Status.BLOCKED, note=INTERNAL_NOTE, internal=True, at=days_ago(2)
    )
    training = action("Train staff on missing episodes", -5)
    record_progress(action=training, author=owner, status=Status.IN_PROGRESS, note="Sessions booked.", at=days_ago(40))
    guide = action("Publish a guide for families", 30)
    record_progress(action=guide, author=owner, status=Status.COMPLETED, note="Guide published.", at=days_ago(40))
    record_progress(action=guide, author=leader, status=Status.SIGNED_OFF, note=SIGN_OFF_NOTE, at=days_ago(3))

    measure = MeasureFactory(
        local_authority=area.inspection.local_authority,
        name="Return home interviews offered within 72 hours",
        owner=owner,
        improvement_areas=[area],
    )
    # Last month's figure is below the baseline: off track.
    last_month_end = TODAY.replace(day=1) - datetime.timedelta(days=1)
    MeasureValueFactory(measure=measure, period_end=last_month_end, value=Decimal("55.5"))
    # The report arrived at the end of the inspection; the final plan was never sent: a missed deadline.
    deadlines.record_receipt(inspection=area.inspection, received_on=area.inspection.end_date, author=leader)
    return {"audit": audit, "training": training, "guide": guide, "measure": measure}
