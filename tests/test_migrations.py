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
