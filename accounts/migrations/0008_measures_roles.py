"""The roles gain the measures' permissions: everyone reads measures, leaders add them and enter any values."""

from django.db import migrations

from accounts.migrations import _roles


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_deadline_roles"),
        ("measures", "0001_initial"),
    ]

    operations = [migrations.RunPython(_roles.create_roles, migrations.RunPython.noop)]
