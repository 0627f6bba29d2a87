"""`make bench-import`: what previewing and importing a 1,000-row council plan costs.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker .venv/bin/python bench/import_plan.py

Needs a migrated database (any: SQLite or PostgreSQL) and leaves it as it was: a council, its people and an
inspection are made, the plan is read, previewed and imported, and everything is rolled back. The plan is a
real .xlsx built with openpyxl: headings on row 3, 50 recommendations (10 already in the inspection) written
once above their actions, owners by full name, dates in the styles councils use. Each stage runs twice: once
timed with its SQL queries counted, once under tracemalloc for its peak memory. Prints the table and records
it in docs/performance.md.
"""

import argparse
import datetime
import io
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bromley_tracker.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from accounts import roles  # noqa: E402
from accounts.models import LocalAuthority, User  # noqa: E402
from actions.models import ActionItem  # noqa: E402
from bench.record import record_latest  # noqa: E402
from inspections.models import ImprovementArea, Inspection, InspectionKind  # noqa: E402
from plans.importing import preview as previews  # noqa: E402
from plans.importing.reading import read_table  # noqa: E402
from plans.models import PendingImport  # noqa: E402

SECTION = """## Importing a plan

What a council's spreadsheet plan costs to preview and import, from `make bench-import`
(bench/import_plan.py), which leaves the database as it found it. The preview takes a fixed
number of queries whatever the plan's size; confirming takes a few a row (its action, its
history row and the service's savepoint) and one for each new improvement area."""
DATES = ["31/03/2027", "30 June 2027", "September 2027", "Q4 2027-28", datetime.datetime(2027, 12, 31)]
STATUSES = ["Not started", "On track", "Green", "Complete", "Blue", "Red"]


class Rollback(Exception):
    pass


def plan_workbook(rows, owners):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Action plan"
    sheet.append(["Bromley children's services improvement plan"])
    sheet.append([])
    sheet.append(["Rec no", "Recommendation", "Action", "Lead", "Timescale", "How we will know", "RAG", "Update"])
    for n in range(rows):
        number = n // (rows // 50) + 1
        first = n % (rows // 50) == 0
        status = STATUSES[n % len(STATUSES)]
        sheet.append(
            [
                number if first else None,
                f"Recommendation {number}: leaders should improve this part of practice." if first else None,
                f"Action {n + 1}: audit, report and act on what the audit finds",
                owners[n % len(owners)].get_full_name(),
                DATES[n % len(DATES)],
                "95% of children seen within the timescale",
                status,
                "What blocks it, or how far it has got" if status == "Red" or n % 3 == 0 else "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def measure(stage, work):
    """(seconds, queries) of one run, then peak memory (MB) of a second, each rolled back."""
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    def once():
        try:
            with transaction.atomic():
                result = work()
                raise Rollback(result)
        except Rollback as done:
            return done.args[0]

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        result = once()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    once()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "stage": stage,
        "seconds": round(seconds, 2),
        "queries": len(queries),
        "peak_mb": round(peak / 2**20, 1),
    }, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000, help="Rows in the plan (a multiple of 50).")
    parser.add_argument("--no-doc", action="store_true", help="Do not record the figures in docs/performance.md.")
    args = parser.parse_args()

    with transaction.atomic():
        council, _ = LocalAuthority.objects.get_or_create(code="IMP", defaults={"name": "Import benchmark council"})
        leader = User.objects.create(username="import-bench.leader", local_authority=council, first_name="Lee")
        leader.groups.add(Group.objects.get(name=roles.LEADERS))
        owners = [
            User.objects.create(
                username=f"import-bench.staff{n}", first_name="Owner", last_name=f"Number {n}", local_authority=council
            )
            for n in range(20)
        ]
        inspection = Inspection.objects.create(
            local_authority=council,
            kind=InspectionKind.ILACS_STANDARD,
            start_date=datetime.date(2026, 5, 1),
            end_date=datetime.date(2026, 5, 12),
        )
        for number in range(1, 11):
            ImprovementArea.objects.create(
                inspection=inspection,
                number=number,
                short_title=f"Recommendation {number}",
                text="As the report says.",
            )
        data = plan_workbook(args.rows, owners)

        def pending():
            table = read_table("plan.xlsx", data)
            return previews.keep_upload(table, inspection=inspection, user=leader, file_name="plan.xlsx")

        read, _ = measure("Read the file and keep the upload", pending)
        upload = pending()

        def preview():
            shown = previews.preview(PendingImport.objects.get(pk=upload.pk), user=leader)
            assert not shown.problem_rows, shown.problem_rows[:3]
            return shown.summary

        checked, summary = measure("Preview (dry run)", preview)

        browser = Client(HTTP_HOST="localhost")
        browser.force_login(leader)

        def page():
            response = browser.get(f"/inspections/{inspection.pk}/import/{upload.pk}/")
            assert response.status_code == 200 and summary.encode() in response.content, response.status_code
            return len(response.content)

        shown, size = measure("Preview page, rendered", page)

        def run():
            done, created = previews.run_import(PendingImport.objects.get(pk=upload.pk), user=leader)
            assert len(created) == args.rows, done.summary
            return ActionItem.objects.filter(improvement_area__inspection=inspection).count()

        imported, count = measure("Confirm import", run)
        transaction.set_rollback(True)

    lines = [
        f"### {datetime.date.today().isoformat()}: a {args.rows:,}-row plan ({len(data) // 1024} KB .xlsx)",
        "",
        f"{summary}; {count:,} actions, each with its first history row, on confirming ({connection.vendor}).",
        f"The preview page is {size // 1024:,} KB of HTML, every row on it.",
        "",
        "| stage | seconds | SQL queries | peak memory (MB) |",
        "|---|---:|---:|---:|",
    ]
    for row in (read, checked, shown, imported):
        lines.append(f"| {row['stage']} | {row['seconds']} | {row['queries']} | {row['peak_mb']} |")
    table = "\n".join(lines)
    print(table)
    if not args.no_doc:
        record_latest("import", table, section=SECTION)


if __name__ == "__main__":
    main()
