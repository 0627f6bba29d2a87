"""The roles gain the deadlines app's permissions: everyone reads deadlines and interventions, leaders record them."""

from django.db import migrations

from accounts.migrations import _roles


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_superuser_belongs_to_no_council"),
        ("deadlines", "0001_initial"),
    ]

    operations = [migrations.RunPython(_roles.create_roles, migrations.RunPython.noop)]
