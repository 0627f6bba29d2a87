"""The owner digest tells the owner of a measure when its next value is due, as it does for actions."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from measures.models import Frequency, month_end
from reminders import compose
from reminders.models import week_of
from tests.factories import ActionItemFactory, MeasureFactory, MeasureValueFactory, UserFactory

from .conftest import links_in, text_of

SITE = "https://tracker.example.gov.uk"


@pytest.fixture
def owner(bromley):
    return UserFactory(username="owner", staff=True, local_authority=bromley, email="owner@bromley.gov.uk")


def measure_with_latest(owner, name, period_end, frequency=Frequency.MONTHLY):
    measure = MeasureFactory(
        local_authority=owner.local_authority,
        owner=owner,
        name=name,
        frequency=frequency,
        baseline_date=datetime.date(2024, 1, 1),
        target_date=datetime.date(2028, 12, 31),
    )
    MeasureValueFactory(measure=measure, period_end=period_end, value=Decimal("75"))
    return measure


def digest_text_on(day):
    """The owners' digests composed at noon on `day`, as {recipient's username: plain text}."""
    now = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    composed = compose.Composed()
    compose.owner_digests(week=week_of(day), now=now, composed=composed)
    return {email.recipient.username: email.body_text for email in composed.emails}


def test_an_owner_of_a_late_measure_and_no_actions_gets_a_digest_that_links_to_it(smtp, owner):
    three_months_ago = month_end(timezone.localdate(), -3)
    late = measure_with_latest(owner, "Return home interviews within 72 hours", three_months_ago)

    call_command("send_reminders", "--digests-now", stdout=StringIO())

    [digest] = smtp.inbox.to("owner@bromley.gov.uk")
    text = text_of(digest)
    assert "Here are your improvement actions and measures that need attention this week." in text
    was_due = date_format(month_end(three_months_ago, 1))
    assert f"# Measures with a value due\n\n* Return home interviews within 72 hours (Was due {was_due})" in text
    assert SITE + late.get_absolute_url() in links_in(digest)
    assert "because you own improvement actions or measures" in text


def test_a_measure_due_within_the_fortnight_is_listed_and_one_due_later_is_not(owner):
    measure_with_latest(owner, "Reviews held on time", datetime.date(2027, 2, 28))
    measure_with_latest(owner, "Permanent social workers", datetime.date(2026, 12, 31), Frequency.ANNUALLY)

    text = digest_text_on(datetime.date(2027, 3, 20))["owner"]

    assert "* Reviews held on time (Due 31 March 2027)" in text
    assert "Permanent social workers" not in text


def test_an_owner_whose_measures_are_not_yet_due_gets_no_digest(owner):
    measure_with_latest(owner, "Reviews held on time", datetime.date(2027, 2, 28))

    assert "owner" not in digest_text_on(datetime.date(2027, 3, 1))


def test_the_measures_section_follows_the_actions_in_one_digest(owner, area):
    ActionItemFactory(improvement_area=area, owner=owner, title="Late audit", due_date=datetime.date(2027, 3, 10))
    measure_with_latest(owner, "Reviews held on time", datetime.date(2027, 2, 28))

    text = digest_text_on(datetime.date(2027, 3, 20))["owner"]

    assert text.index("# Overdue\n\n* Late audit") < text.index("# Measures with a value due")
