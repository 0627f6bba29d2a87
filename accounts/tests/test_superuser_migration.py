"""The migration that keeps superusers out of councils, run on a database where one is in a council."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_superuser_in_a_council_leaves_it_and_keeps_their_rights():
    old = migrate([("accounts", "0005_localauthority")])
    bromley = old.get_model("accounts", "LocalAuthority").objects.create(name="Bromley", code="305")
    User = old.get_model("accounts", "User")
    User.objects.create(username="root", is_superuser=True, is_staff=True, local_authority=bromley)
    User.objects.create(username="admin", is_staff=True, local_authority=bromley)

    new = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    users = new.get_model("accounts", "User").objects
    root = users.get(username="root")
    assert (root.is_superuser, root.is_staff, root.local_authority_id) == (True, True, None)
    assert users.get(username="admin").local_authority_id == bromley.pk
