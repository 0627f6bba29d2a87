"""Composing the digests costs a fixed number of queries per batch of people, however many there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reminders import compose
from reminders.models import week_of
from tests.factories import ActionItemFactory, ImprovementAreaFactory, UserFactory


def people_with_late_actions(authority, count):
    area = ImprovementAreaFactory(inspection__local_authority=authority)
    UserFactory(leader=True, local_authority=authority)
    for _ in range(count):
        owner = UserFactory(staff=True, local_authority=authority)
        ActionItemFactory(improvement_area=area, owner=owner, due_date=timezone.localdate() - datetime.timedelta(1))


def queries_to_compose():
    now = timezone.now()
    week = week_of(timezone.localdate(now))
    composed = compose.Composed()
    with CaptureQueriesContext(connection) as captured:
        compose.at_once_emails(now=now, composed=composed)
        compose.owner_digests(week=week, now=now, composed=composed)
        compose.leader_digests(week=week, now=now, composed=composed, snapshots=[])
    return len(captured), len(composed.emails)


@pytest.mark.parametrize("owners", [3, 12])
def test_the_queries_do_not_grow_with_the_people_in_a_batch(bromley, owners):
    people_with_late_actions(bromley, owners)

    queries, emails = queries_to_compose()

    assert emails == owners + 1
    assert queries <= 16


def test_each_further_batch_adds_the_same_few_queries(bromley, essex, monkeypatch):
    monkeypatch.setattr(compose, "BATCH_SIZE", 4)
    people_with_late_actions(bromley, 4)
    one_batch, _ = queries_to_compose()
    people_with_late_actions(essex, 8)

    three_batches, emails = queries_to_compose()

    assert emails == 14
    assert three_batches - one_batch <= 2 * 7
