"""The roles again, now that pending imports have permissions: Administrators hold every permission."""

from django.db import migrations

from accounts.migrations import _roles


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("accounts", "0008_measures_roles"),
    ]

    operations = [migrations.RunPython(_roles.create_roles, migrations.RunPython.noop)]
