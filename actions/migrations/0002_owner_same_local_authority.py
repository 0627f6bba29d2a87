from django.db import migrations

from actions.db_rules import install_owner_rule, remove_owner_rule


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0001_initial"),
        ("accounts", "0002_initial"),
    ]

    operations = [migrations.RunPython(install_owner_rule, remove_owner_rule)]
