from django.core.management import call_command
from django.core.management.base import BaseCommand

# Rebuilt by `migrate` (content types, permissions) or not worth keeping (sessions, sign-in attempts).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


class Command(BaseCommand):
    help = "Write every row of the database to a JSON file that import_json can load into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        call_command(
            "dumpdata",
            exclude=EXCLUDED,
            natural_foreign=True,
            indent=1,
            output=path,
            verbosity=0,
        )
        self.stdout.write(f"Exported the database to {path}")
