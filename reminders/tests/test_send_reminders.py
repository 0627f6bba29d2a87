"""send_reminders against a real SMTP server: who gets which email, once, and what happens when sending fails."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from actions.models import Status
from actions.services import create_action, record_progress, update_action
from reminders.models import OutboundEmail, State
from reminders.services import save_email_settings
from tests.factories import ActionItemFactory, UserFactory

from .conftest import html_of, links_in, text_of

SITE = "https://tracker.example.gov.uk"


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue().strip()


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def owner(bromley):
    return UserFactory(username="owner", staff=True, local_authority=bromley, email="owner@bromley.gov.uk")


def test_an_owner_digest_lists_overdue_blocked_and_due_soon_actions_with_working_links(
    smtp, client, area, owner, leader
):
    ActionItemFactory(improvement_area=area, owner=owner, title="Late audit", due_date=days(-3))
    blocked = ActionItemFactory(improvement_area=area, owner=owner, title="Stuck review", due_date=days(40))
    record_progress(action=blocked, author=owner, status=Status.BLOCKED, note="Waiting for data")
    ActionItemFactory(improvement_area=area, owner=owner, title="Soon training", due_date=days(10))
    ActionItemFactory(improvement_area=area, owner=owner, title="Far plan", due_date=days(60))

    summary = run("--digests-now")

    [digest] = smtp.inbox.to("owner@bromley.gov.uk")
    assert digest["Subject"] == "Your improvement actions this week"
    assert digest["Auto-Submitted"] == "auto-generated"
    text = text_of(digest)
    assert "# Overdue\n\n* Late audit" in text
    assert "# Blocked\n\n* Stuck review" in text
    assert "# Due in the next 14 days\n\n* Soon training" in text
    assert "Far plan" not in text
    assert "Stuck review" in html_of(digest)
    assert "because you own improvement actions" in text
    links = links_in(digest)
    assert all(link.startswith(SITE + "/") for link in links)
    assert links[-1] == f"{SITE}/accounts/email-settings/"
    client.force_login(owner)
    for link in links:
        page = client.get(link.removeprefix(SITE))
        assert page.status_code == 200, link
    assert summary.startswith("Recorded 2 emails (1 owner digest, 1 leader digest); sent 2;")


def test_a_digest_is_not_sent_twice_in_a_week(smtp, area, owner):
    ActionItemFactory(improvement_area=area, owner=owner, due_date=days(-1))

    run("--digests-now")
    run("--digests-now")
    run("--digests-now")

    assert smtp.inbox.subjects("owner@bromley.gov.uk") == ["Your improvement actions this week"]


def test_digests_go_on_the_digest_weekday_without_being_asked(smtp, settings, area, owner):
    ActionItemFactory(improvement_area=area, owner=owner, due_date=days(-1))
    settings.REMINDERS_DIGEST_WEEKDAY = (timezone.localdate().weekday() + 1) % 7
    run()
    assert smtp.inbox.to("owner@bromley.gov.uk") == []

    settings.REMINDERS_DIGEST_WEEKDAY = timezone.localdate().weekday()
    run()
    run()
    assert len(smtp.inbox.to("owner@bromley.gov.uk")) == 1


def test_an_owner_with_nothing_to_say_gets_no_digest(smtp, area, owner):
    ActionItemFactory(improvement_area=area, owner=owner, due_date=days(60))

    assert "sent 0" in run("--digests-now")
    assert smtp.inbox.messages == []


def test_the_digest_lists_actions_assigned_since_the_last_one(smtp, area, owner, leader):
    create_action(improvement_area=area, owner=owner, created_by=leader, title="New far action", due_date=days(90))

    run("--digests-now")

    [digest] = [m for m in smtp.inbox.to("owner@bromley.gov.uk") if m["Subject"].startswith("Your improvement")]
    assert "# Assigned to you since your last digest\n\n* New far action" in text_of(digest)


def test_an_smtp_failure_marks_nothing_sent_and_the_next_run_sends_it(smtp, area, owner):
    ActionItemFactory(improvement_area=area, owner=owner, due_date=days(-1))
    smtp.stop()

    summary = run("--digests-now")

    assert "1 failed and will be retried" in summary
    assert not OutboundEmail.objects.filter(state=State.SENT).exists()
    smtp.start()
    summary = run()
    assert "sent 1" in summary
    assert len(smtp.inbox.to("owner@bromley.gov.uk")) == 1
    assert OutboundEmail.objects.get().state == State.SENT


def test_a_person_who_switched_the_digest_off_does_not_get_it(smtp, area, owner):
    ActionItemFactory(improvement_area=area, owner=owner, due_date=days(-1))
    save_email_settings(user=owner, choices={"owner_digest": False})

    summary = run("--digests-now")

    assert smtp.inbox.messages == []
    assert "1 switched off" in summary


def test_people_without_an_email_address_are_skipped_and_counted(smtp, area, bromley):
    nameless = UserFactory(staff=True, local_authority=bromley, email="")
    ActionItemFactory(improvement_area=area, owner=nameless, due_date=days(-1))

    summary = run("--digests-now")

    assert smtp.inbox.messages == []
    assert "skipped 1 without an email address" in summary


def test_a_dry_run_prints_what_would_go_and_sends_and_records_nothing(smtp, area, owner):
    ActionItemFactory(improvement_area=area, owner=owner, due_date=days(-1))

    summary = run("--dry-run", "--digests-now")

    assert "to owner@bromley.gov.uk: Your improvement actions this week" in summary
    assert "would send 1 emails (1 owner digest)" in summary
    assert smtp.inbox.messages == []
    assert not OutboundEmail.objects.exists()


def test_the_new_owner_is_told_at_once_of_an_assignment(smtp, client, area, owner, leader):
    action = ActionItemFactory(improvement_area=area, owner=leader, title="Handed over", due_date=days(30))
    update_action(
        action=action,
        author=leader,
        improvement_area=area,
        title=action.title,
        description=action.description,
        owner=owner,
        due_date=action.due_date,
        success_measure=action.success_measure,
    )

    run()
    run()

    [message] = smtp.inbox.to("owner@bromley.gov.uk")
    assert message["Subject"] == "Action assigned to you: Handed over"
    assert f"{leader} has assigned an improvement action to you." in text_of(message)
    client.force_login(owner)
    assert "Handed over" in client.get(links_in(message)[0].removeprefix(SITE)).content.decode()


def test_leaders_are_told_at_once_when_an_action_is_completed(smtp, area, owner, leader, other_leader):
    action = ActionItemFactory(improvement_area=area, owner=owner, title="Done thing", due_date=days(30))
    record_progress(action=action, author=owner, status=Status.COMPLETED, note="Delivered")

    run()

    assert smtp.inbox.subjects(leader.email) == ["Action completed, awaiting sign-off: Done thing"]
    assert smtp.inbox.to(other_leader.email) == []
    assert smtp.inbox.to("owner@bromley.gov.uk") == []


def test_an_assignment_email_switched_off_is_not_sent(smtp, area, owner, leader):
    save_email_settings(user=owner, choices={"assigned": False})
    create_action(improvement_area=area, owner=owner, created_by=leader, title="Quiet", due_date=days(30))

    assert "1 switched off" in run()
    assert "0 switched off" in run()
    assert smtp.inbox.messages == []


def test_a_change_that_rolled_back_queues_nothing(smtp, area, owner, leader):
    with pytest.raises(RuntimeError), transaction.atomic():
        create_action(improvement_area=area, owner=owner, created_by=leader, title="Never", due_date=days(30))
        raise RuntimeError("the request failed after the change")

    run()

    assert smtp.inbox.messages == []
    assert not OutboundEmail.objects.exists()
