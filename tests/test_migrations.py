import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db
def test_every_migration_is_applied_to_the_test_database():
    # The test database is built by running the migrations, on SQLite or PostgreSQL as configured.
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


@pytest.mark.django_db
def test_the_models_have_no_unmade_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_the_roles_exist_with_their_permissions():
    from django.contrib.auth.models import Group

    leaders = Group.objects.get(name="Leaders")
    staff = Group.objects.get(name="Staff")
    assert leaders.permissions.filter(codename="sign_off_actionitem").exists()
    assert not staff.permissions.filter(codename="sign_off_actionitem").exists()
    assert staff.permissions.filter(codename="add_progressupdate").exists()
    assert Group.objects.get(name="Administrators").permissions.filter(codename="change_user").exists()


@pytest.mark.django_db
def test_actions_moved_before_the_original_due_date_was_kept_get_it_from_their_history(action, leader):
    import datetime
    import importlib

    from django.apps import apps

    from actions.models import ActionItem, ProgressUpdate, UpdateKind
    from tests.factories import ActionItemFactory

    migration = importlib.import_module("actions.migrations.0006_actionitem_original_due_date")
    never_moved = ActionItemFactory(improvement_area=action.improvement_area)
    unchanged = {"status_before": action.status, "status_after": action.status}
    for note in [
        "Reassigned from A to B. Due date changed from 31 January 2027 to 28 February 2027.",
        "Due date changed from 28 February 2027 to 31 March 2027.",
    ]:
        # Rows as written before original_due_date was kept: update_action would now keep it itself.
        ProgressUpdate.objects.create(action=action, author=leader, kind=UpdateKind.EDITED, note=note, **unchanged)

    migration.keep_original_due_dates(apps, None)

    assert ActionItem.objects.get(pk=action.pk).original_due_date == datetime.date(2027, 1, 31)
    assert ActionItem.objects.get(pk=never_moved.pk).original_due_date is None
