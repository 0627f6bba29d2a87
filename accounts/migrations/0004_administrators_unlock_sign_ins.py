"""Administrators hold every permission, including django-axes's, so they can unlock a locked sign-in."""

from django.db import migrations

from accounts.migrations import _roles


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_roles"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(_roles.create_roles, migrations.RunPython.noop)]
