"""`make bench-reminders`: what `send_reminders --dry-run --digests-now` costs with every council in England.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_bench .venv/bin/python bench/reminders.py

Uses the generated councils already in the database (from `make bench` or `generate_scale_data`); with none,
it generates --authorities of them first. Then it composes every email a digest day would send, recording and
sending nothing, and counts each part's seconds, SQL queries, batches and emails. Prints the table and records
it in docs/performance.md.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bromley_tracker.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import LocalAuthority, User  # noqa: E402
from actions.management.commands.generate_scale_data import generated_authorities  # noqa: E402
from actions.models import ActionItem, ProgressUpdate  # noqa: E402
from bench.record import record_latest  # noqa: E402
from reminders import compose  # noqa: E402
from reminders.models import week_of  # noqa: E402

SECTION = """## Reminders at national scale

What a digest day costs to compose, from `make bench-reminders` (bench/reminders.py): the digests
take a fixed number of queries per batch of people, whatever the number of people or actions; the
at-once emails read the last two days of history in one pass."""


class Counter:
    def __init__(self):
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        return execute(sql, params, many, context)


def measure(name, build, people, *, batched=True):
    composed = compose.Composed()
    counter = Counter()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        build(composed)
    seconds = time.perf_counter() - started
    batches = max(1, -(-people // compose.BATCH_SIZE)) if batched else 1
    emails = sum(compose.counted(composed.emails).values())
    return {
        "part": name,
        "people": people,
        "batches": batches,
        "queries": counter.queries,
        "seconds": round(seconds, 1),
        "emails": emails,
        "skipped": composed.no_address + composed.switched_off,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authorities", type=int, default=153, help="Councils to generate when there are none.")
    parser.add_argument("--no-doc", action="store_true", help="Do not record the figures in docs/performance.md.")
    args = parser.parse_args()
    if not generated_authorities().exists():
        call_command("generate_scale_data", authorities=args.authorities)

    now = timezone.now()
    week = week_of(timezone.localdate(now))
    owners = ActionItem.objects.filter(archived_at__isnull=True).open().values("owner_id").distinct().count()
    leaders = sum(len(group) for group in compose.leaders_by_authority().values())
    authorities = LocalAuthority.objects.count()
    recent = ProgressUpdate.objects.filter(created_at__gte=now - compose.AT_ONCE_WINDOW).count()
    rows = [
        measure(
            "At once (history of the last 2 days)",
            lambda c: compose.at_once_emails(now=now, composed=c),
            recent,
            batched=False,
        ),
        measure("Owners' digests", lambda c: compose.owner_digests(week=week, now=now, composed=c), owners),
        measure(
            "Leaders' digests",
            lambda c: compose.leader_digests(week=week, now=now, composed=c, snapshots=[]),
            authorities,
        ),
    ]
    lines = [
        f"### {datetime.date.today().isoformat()}: {authorities} authorities, {User.objects.count()} people, "
        f"{ActionItem.objects.count()} actions",
        "",
        f"`send_reminders --dry-run --digests-now`, part by part ({owners} owners of open actions, {leaders} "
        f"leaders, {recent} history rows in the last two days; batches of {compose.BATCH_SIZE}):",
        "",
        "| part | people or rows | batches | SQL queries | seconds | emails | skipped |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['part']} | {row['people']} | {row['batches']} | {row['queries']} | {row['seconds']} | "
            f"{row['emails']} | {row['skipped']} |"
        )
    table = "\n".join(lines)
    print(table)
    if not args.no_doc:
        record_latest("reminders", table, section=SECTION)


if __name__ == "__main__":
    main()
