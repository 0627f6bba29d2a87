"""Administrators hold every permission, the new ones too: they see what the reminders sent."""

from django.db import migrations

from accounts.migrations import _roles


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0001_initial"),
        ("accounts", "0006_superuser_belongs_to_no_council"),
    ]

    operations = [migrations.RunPython(_roles.create_roles, migrations.RunPython.noop)]
