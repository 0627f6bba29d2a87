"""The RAG an action had on a past day, worked out from its history, is the RAG its page showed that day.

Each step happens on its own frozen day, through the services, and the action's page is read on that day;
afterwards rag_on (and the queryset's progress_on) must give back what the page said.
"""

import datetime
import zoneinfo

import pytest
import time_machine

from actions.models import ActionItem, Rag, Status
from actions.services import create_action, record_progress
from tests.factories import move_due_date
from tests.html import document

LONDON = zoneinfo.ZoneInfo("Europe/London")


def on(day, hour=10):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON), tick=False)


def shown_rag(client, action):
    """The RAG rating the action's page shows its leader that day: the tag after "RAG rating:"."""
    # Signed in that day: a session from another day may have lapsed.
    client.force_login(action.created_by)
    response = client.get(action.get_absolute_url())
    [paragraph] = [p for p in document(response).find_all("p") if p.text.startswith("RAG rating:")]
    return paragraph.find("strong").text


@pytest.fixture
def history(client, area, leader, staff_user):
    """An action's life over spring 2026, with what its page showed on each day: {day: RAG shown}."""
    days = {}
    with on(datetime.date(2026, 3, 2)):
        action = create_action(
            improvement_area=area,
            owner=staff_user,
            created_by=leader,
            title="Audit return home interviews",
            due_date=datetime.date(2026, 3, 20),
        )
        days[datetime.date(2026, 3, 2)] = shown_rag(client, action)  # not started, due in 18 days
    with on(datetime.date(2026, 3, 9)):
        days[datetime.date(2026, 3, 9)] = shown_rag(client, action)  # not started, due in 11 days
    with on(datetime.date(2026, 3, 23)):
        days[datetime.date(2026, 3, 23)] = shown_rag(client, action)  # overdue
    with on(datetime.date(2026, 3, 24)):
        move_due_date(
            action, by=leader, due_date=datetime.date(2026, 5, 29), reason="The police data comes later than planned."
        )
        record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Audit started.")
        days[datetime.date(2026, 3, 24)] = shown_rag(client, action)  # in progress, due later
    with on(datetime.date(2026, 4, 14)):
        record_progress(action=action, author=staff_user, status=Status.BLOCKED, note="Waiting for police data.")
        days[datetime.date(2026, 4, 14)] = shown_rag(client, action)
    with on(datetime.date(2026, 5, 4)):
        record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Audit done.")
        days[datetime.date(2026, 5, 4)] = shown_rag(client, action)
    with on(datetime.date(2026, 5, 6)):
        action.refresh_from_db()
        record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Report seen.")
        days[datetime.date(2026, 5, 6)] = shown_rag(client, action)
    return action, days


def test_the_pages_showed_each_rating_in_turn(history):
    _action, days = history
    assert list(days.values()) == ["Green", "Amber", "Red", "Green", "Red", "Amber", "Complete"]


def test_the_rag_on_a_past_day_is_what_the_page_showed_that_day(history):
    action, days = history
    with on(datetime.date(2026, 11, 30)):
        action = ActionItem.objects.get(pk=action.pk)
        assert {day: Rag(action.rag_on(day)).label for day in days} == days


def test_the_queryset_gives_the_same_ratings_in_one_query(history, django_assert_num_queries):
    action, days = history
    with on(datetime.date(2026, 11, 30)):
        for day, shown in days.items():
            with django_assert_num_queries(1):
                [annotated] = ActionItem.objects.filter(pk=action.pk).with_history_on(day)
            assert Rag(annotated.rag_on(day)).label == shown, day


def test_progress_on_a_past_day_counts_by_the_ratings_then(history):
    action, _days = history
    actions = ActionItem.objects.filter(pk=action.pk)
    with on(datetime.date(2026, 11, 30)):
        overdue_day = actions.progress_on(datetime.date(2026, 3, 23))
        assert overdue_day.by_rag[Rag.RED] == 1 and overdue_day.overdue == 1
        assert actions.progress_on(datetime.date(2026, 5, 6)).signed_off == 1


def test_an_action_created_after_the_day_had_no_rating_then(history):
    action, _days = history
    assert ActionItem.objects.get(pk=action.pk).rag_on(datetime.date(2026, 3, 1)) is None
    assert ActionItem.objects.filter(pk=action.pk).progress_on(datetime.date(2026, 3, 1)).total == 0
