from django.db import migrations

from accounts.migrations._roles import create_roles, remove_roles


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("actions", "0001_initial"),
        ("inspections", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
