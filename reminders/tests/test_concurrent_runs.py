"""send_reminders on several servers at once: each email goes out once.

Real threads with their own database connections, on PostgreSQL (SQLite serialises every writer,
so it cannot show the race).
"""

import datetime
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from reminders.models import OutboundEmail, State
from tests.factories import ActionItemFactory, ImprovementAreaFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent writers (CI runs it)"),
]

RUNS = 4
OWNERS = 30


def test_concurrent_runs_send_each_email_once(smtp, bromley):
    area = ImprovementAreaFactory(inspection__local_authority=bromley)
    leader = UserFactory(leader=True, local_authority=bromley)
    for n in range(OWNERS):
        owner = UserFactory(staff=True, local_authority=bromley)
        ActionItemFactory(
            improvement_area=area, owner=owner, due_date=timezone.localdate() - datetime.timedelta(days=n + 1)
        )
    errors, start = [], threading.Barrier(RUNS)

    def run():
        try:
            start.wait()
            call_command("send_reminders", "--digests-now", stdout=StringIO())
        except Exception as exc:  # collected and re-raised below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    received = [message["To"] for message in smtp.inbox.messages]
    assert len(received) == OWNERS + 1
    assert len(set(received)) == OWNERS + 1
    assert leader.email in received
    assert set(OutboundEmail.objects.values_list("state", flat=True)) == {State.SENT}
