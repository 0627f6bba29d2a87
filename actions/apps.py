from django.apps import AppConfig
from django.db.models.signals import post_migrate


def install_owner_rule_after_migrate(sender, using, **kwargs):
    """SQLite drops a table's triggers when a migration rebuilds it: put the owner rule back every time."""
    from django.db import connections

    from .db_rules import install_owner_rule

    connection = connections[using]
    with connection.cursor() as cursor:
        # Plain statements: a schema editor cannot start inside a transaction on SQLite.
        install_owner_rule(None, _Executor(connection, cursor))


class _Executor:
    """What install_owner_rule needs of a schema editor: its connection and execute()."""

    def __init__(self, connection, cursor):
        self.connection, self.cursor = connection, cursor

    def execute(self, sql):
        self.cursor.execute(sql)


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Actions"

    def ready(self):
        post_migrate.connect(install_owner_rule_after_migrate, sender=self)
