from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Empty the database and load a file written by export_json, in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", path, verbosity=0)
        self.stdout.write(f"Loaded {path} into an emptied database")
