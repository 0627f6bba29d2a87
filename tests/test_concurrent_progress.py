"""Many people (leaders, who may all update any action) saving progress on one action at once: nothing
lost, nothing half-written.

Real threads with their own database connections, on PostgreSQL (SQLite serialises
every writer, so it cannot show the race).
"""

import random
import threading

import pytest
from django.db import connection, connections

from actions.models import ActionItem, ProgressUpdate, Status
from actions.services import EditConflict, record_progress
from tests.factories import ActionItemFactory, UserFactory, after_creation

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (CI runs it)"),
]

THREADS = 8
UPDATES_PER_THREAD = 25
CHOICES = [Status.NOT_STARTED, Status.IN_PROGRESS, Status.BLOCKED, Status.COMPLETED]


def run_in_threads(target, count):
    errors = []

    def wrapper(n):
        try:
            target(n)
        except Exception as exc:  # collected and re-raised below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=wrapper, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_every_concurrent_update_is_recorded_and_the_status_matches_the_last_row(bromley):
    action = ActionItemFactory(improvement_area__inspection__local_authority=bromley)
    authors = [UserFactory(local_authority=bromley, leader=True) for _ in range(THREADS)]
    accepted = []
    lock = threading.Lock()

    def worker(n):
        rng = random.Random(n)
        for i in range(UPDATES_PER_THREAD):
            status = rng.choice(CHOICES)
            update = record_progress(
                action=ActionItem(pk=action.pk), author=authors[n], status=status, note=f"thread {n} update {i}"
            )
            with lock:
                accepted.append(update.pk)

    errors = run_in_threads(worker, THREADS)

    assert errors == []
    history = list(ProgressUpdate.objects.filter(action=action).order_by("pk"))
    assert len(accepted) == THREADS * UPDATES_PER_THREAD
    assert sorted(accepted) == [row.pk for row in after_creation(action).order_by("pk")]
    # Each row starts from the status the one before it left: no update was applied over a stale read.
    for before, after in zip(history, history[1:], strict=False):
        assert after.status_before == before.status_after
    action.refresh_from_db()
    assert action.status == history[-1].status_after
    assert (action.completed_on is not None) == (action.status in (Status.COMPLETED, Status.SIGNED_OFF))
    # Version 1 came with the row recording its creation; each update raised it by one.
    assert action.version == len(history)


def test_of_several_saves_from_the_same_form_version_exactly_one_wins(bromley):
    action = ActionItemFactory(improvement_area__inspection__local_authority=bromley)
    authors = [UserFactory(local_authority=bromley, leader=True) for _ in range(THREADS)]
    outcomes = []
    barrier = threading.Barrier(THREADS)

    def worker(n):
        barrier.wait()
        try:
            record_progress(
                action=ActionItem(pk=action.pk),
                author=authors[n],
                status=Status.IN_PROGRESS,
                note=f"from form {n}",
                expected_version=1,
            )
            outcomes.append("saved")
        except EditConflict as conflict:
            assert str(authors[0].__class__.objects.get(pk=conflict.action.updated_by_id)) in str(conflict)
            outcomes.append("refused")

    errors = run_in_threads(worker, THREADS)

    assert errors == []
    assert outcomes.count("saved") == 1
    assert outcomes.count("refused") == THREADS - 1
    assert after_creation(action).count() == 1
