"""manage.py import_plan FILE --inspection ID --as USERNAME [--dry-run]: the same import as the pages, for
bulk loading. Prints the preview as text; exits non-zero when the file cannot be read or a row has a problem
(and then imports nothing)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import date_format

from accounts import rules
from accounts.models import User
from inspections.models import Inspection
from plans.importing import preview as previews
from plans.importing.reading import UnreadableFile, read_table


class Command(BaseCommand):
    help = "Import a council's spreadsheet action plan (XLSX or CSV) into an inspection, as the given leader."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--inspection", type=int, required=True, help="The inspection's id.")
        parser.add_argument("--as", dest="username", required=True, help="The leader the import is recorded as.")
        parser.add_argument("--dry-run", action="store_true", help="Print the preview and save nothing.")

    def handle(self, *args, file, inspection, username, dry_run, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user has the username {username!r}.")
        inspection = Inspection.objects.for_user(user).select_related("local_authority").filter(pk=inspection).first()
        if inspection is None:
            raise CommandError(f"{user.username} has no inspection with that id in their council.")
        if not rules.can_import_plan(user, inspection):
            raise CommandError(f"{user.username} may not import a plan: only the council's leaders may.")
        try:
            table = read_table(file.name, file.read_bytes())
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        except UnreadableFile as error:
            raise CommandError(f"{file}: {error}") from error
        # Not saved: the command holds the upload itself, so nothing waits in the database.
        pending = previews.new_upload(table, inspection=inspection, user=user, file_name=file.name)
        shown = previews.preview(pending, user=user)
        self._print(shown)
        if shown.problem_rows:
            raise CommandError(f"Nothing imported: {shown.summary}.")
        if dry_run:
            self.stdout.write(f"Dry run: nothing imported. {shown.summary}.")
            return
        done, created = previews.run_import(pending, user=user)
        if done.problem_rows:
            raise CommandError(f"Nothing imported: {done.summary}.")
        self.stdout.write(f"Imported {len(created)} actions from {file.name} into {inspection}.")

    def _print(self, shown):
        out = self.stdout.write
        sheet = f", sheet '{shown.pending.sheet_name}'" if shown.pending.sheet_name else ""
        out(f"{shown.pending.file_name}{sheet}")
        out("Columns:")
        for letter, heading, label in shown.columns:
            out(f"  {letter} {heading or '(no heading)'}: {label}")
        for row in shown.rows:
            if row.problems:
                for message in row.problems:
                    out(f"  Problem: {message}")
            elif row.kind == "new":
                planned = row.planned
                new = " (new)" if planned.is_new_area else ""
                out(
                    f"  Row {row.number}: {planned.title} | {planned.area}{new} | {planned.owner} | "
                    f"{date_format(planned.due_date)} | {planned.status_label}"
                )
            else:
                out(f"  Row {row.number}: skipped, {row.planned.skip_reason}")
        out(shown.summary)
