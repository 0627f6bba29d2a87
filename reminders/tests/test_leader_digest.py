"""The leaders' weekly digest: their authority's overdue, blocked and awaiting sign-off, and RAG against last week."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from actions.models import Status
from actions.services import record_progress
from reminders.models import RagSnapshot, week_of
from reminders.services import save_email_settings
from tests.factories import ActionItemFactory, ImprovementAreaFactory, UserFactory

from .conftest import links_in, text_of

SITE = "https://tracker.example.gov.uk"
SUBJECT = "Your authority's improvement actions this week"


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def send_digests():
    call_command("send_reminders", "--digests-now", stdout=StringIO())


@pytest.fixture
def owner(bromley):
    return UserFactory(username="owner", staff=True, local_authority=bromley)


def test_leaders_get_their_authoritys_overdue_blocked_and_awaiting_sign_off(smtp, client, area, owner, leader):
    ActionItemFactory(improvement_area=area, owner=owner, title="Late audit", due_date=days(-2))
    stuck = ActionItemFactory(improvement_area=area, owner=owner, title="Stuck review", due_date=days(30))
    record_progress(action=stuck, author=owner, status=Status.BLOCKED, note="No data")
    done = ActionItemFactory(improvement_area=area, owner=owner, title="Finished training", due_date=days(30))
    record_progress(action=done, author=owner, status=Status.COMPLETED, note="Delivered")
    ActionItemFactory(improvement_area=area, owner=owner, title="On track plan", due_date=days(60))

    send_digests()

    [digest] = [m for m in smtp.inbox.to(leader.email) if m["Subject"] == SUBJECT]
    text = text_of(digest)
    assert f"# Overdue\n\n* Late audit (Was due {days(-2):%-d %B %Y}, owned by {owner})" in text
    assert "# Blocked\n\n* Stuck review" in text
    assert "# Completed, awaiting your sign-off\n\n* Finished training" in text
    assert "On track plan" not in text
    assert "Red: 2; Amber: 1; Green: 1; Complete: 0." in text
    assert "because you may sign off your authority's actions" in text
    client.force_login(leader)
    for link in links_in(digest):
        assert link.startswith(SITE + "/")
        assert client.get(link.removeprefix(SITE)).status_code == 200, link


def test_the_counts_by_rag_are_set_against_last_weeks(smtp, bromley, area, owner, leader):
    last_week = week_of(timezone.localdate()) - datetime.timedelta(days=7)
    RagSnapshot.objects.create(
        local_authority=bromley, week=last_week, counts={"red": 0, "amber": 0, "green": 1, "complete": 0}
    )
    ActionItemFactory(improvement_area=area, owner=owner, due_date=days(-2))
    ActionItemFactory(improvement_area=area, owner=owner, due_date=days(60))

    send_digests()

    [digest] = [m for m in smtp.inbox.to(leader.email) if m["Subject"] == SUBJECT]
    assert "Red: 1 (+1 since last week); Amber: 0 (no change); Green: 1 (no change)" in text_of(digest)
    assert RagSnapshot.objects.get(week=week_of(timezone.localdate())).counts["red"] == 1


def test_another_authoritys_leader_hears_nothing_of_it(smtp, area, owner, leader, other_leader):
    ActionItemFactory(improvement_area=area, owner=owner, due_date=days(-2))
    ImprovementAreaFactory(inspection__local_authority=other_leader.local_authority)

    send_digests()

    assert smtp.inbox.to(other_leader.email) == []
    assert smtp.inbox.subjects(leader.email) == [SUBJECT]


def test_staff_get_no_leaders_digest(smtp, area, owner, staff_user):
    ActionItemFactory(improvement_area=area, owner=staff_user, due_date=days(-2))

    send_digests()

    assert smtp.inbox.subjects(staff_user.email) == ["Your improvement actions this week"]


def test_an_authority_with_nothing_overdue_blocked_or_awaiting_sends_no_leaders_digest(smtp, area, owner, leader):
    ActionItemFactory(improvement_area=area, owner=owner, due_date=days(60))

    send_digests()

    assert smtp.inbox.to(leader.email) == []


def test_a_leader_who_switched_it_off_does_not_get_it(smtp, area, owner, leader):
    save_email_settings(user=leader, choices={"leader_digest": False})
    ActionItemFactory(improvement_area=area, owner=owner, due_date=days(-2))

    send_digests()

    assert smtp.inbox.to(leader.email) == []
