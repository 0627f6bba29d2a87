"""Send the reminders due now. Safe to run every few minutes, on several servers at once."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from reminders import outbox
from reminders.compose import counted
from reminders.models import Kind

SHORT = {
    Kind.OWNER_DIGEST: "owner digest",
    Kind.LEADER_DIGEST: "leader digest",
    Kind.ASSIGNED: "assigned",
    Kind.COMPLETED: "completed",
}


class Command(BaseCommand):
    help = "Record the reminder emails due now (at-once emails, and the weekly digests on their day) and send them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be sent; record and send nothing."
        )
        parser.add_argument(
            "--digests-now",
            action="store_true",
            help="Send this week's digests today, whatever the day (still at most one per person per week).",
        )

    def handle(self, *args, dry_run=False, digests_now=False, **options):
        now = timezone.now()
        digests = outbox.digests_due(now=now, weekday=settings.REMINDERS_DIGEST_WEEKDAY, forced=digests_now)
        composed, snapshots = outbox.compose_due(now=now, digests=digests)
        kinds = counted(composed.emails)
        total = sum(kinds.values())
        made = f"{total} emails" + (
            " (" + ", ".join(f"{kinds[k]} {SHORT[k]}" for k in Kind if kinds[k]) + ")" if total else ""
        )
        skipped = f"skipped {composed.no_address} without an email address, {composed.switched_off} switched off"
        if dry_run:
            for email in composed.emails:
                if email.state != "skipped":
                    self.stdout.write(f"{email.get_kind_display()} to {email.to}: {email.subject}")
            self.stdout.write(f"Dry run: would send {made}; {skipped}.")
            return
        outbox.record(composed=composed, snapshots=snapshots, now=now, digests=digests)
        result = outbox.send_waiting()
        retry = f", {result.failed} failed and will be retried" if result.failed else ""
        waiting = f", {result.waiting} waiting for the next run" if result.waiting else ""
        self.stdout.write(f"Recorded {made}; sent {result.sent}{retry}{waiting}; {skipped}.")
