"""Run the trust tests and write what they tried, with figures, to docs/reliability.md.

Usage: `make reliability`, which runs it against PostgreSQL (DATABASE_URL), so the concurrency tests run.
"""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bromley_tracker.settings_test")

import django  # noqa: E402

django.setup()

from tests import test_concurrent_progress as concurrency  # noqa: E402
from tests import test_permission_matrix as matrix  # noqa: E402

SUITES = {
    "Access: permission matrix": "tests/test_permission_matrix.py",
    "Nothing lost: concurrent progress updates": "tests/test_concurrent_progress.py",
    "Nothing lost: append-only history, archive": "actions/tests/test_constraints.py",
    "Nothing lost: JSON backup round trip": "tests/test_backup.py",
    "Bad input: forms and addresses": "tests/test_bad_input.py",
    "Bad input: property-based fuzzing": "tests/test_fuzz.py",
    "Hardened settings": "tests/test_security_settings.py",
    "Sign-in throttling and sessions": "tests/test_sign_in.py",
}


def run(path):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "--hypothesis-show-statistics", path],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    summary = re.findall(r"^(?:=+ )?(\d+ passed.*?|\d+ failed.*?)(?: in [\d.]+s)?(?: =+)?$", result.stdout, re.M)
    examples = sum(int(n) for n in re.findall(r"- (\d+) passing, \d+ failing", result.stdout))
    return result.returncode, (summary[-1] if summary else "no result"), examples


def main():
    from django.db import connection

    rows, total_examples, failed = [], 0, False
    for name, path in SUITES.items():
        code, summary, examples = run(path)
        failed |= code != 0
        total_examples += examples
        rows.append(f"| {name} | `{path}` | {summary} |")
        print(f"{name}: {summary}")

    routes = len(matrix.GET_MATRIX)
    cells = routes * len(matrix.ROLES) + len(matrix.POST_MATRIX) * len(matrix.ROLES)
    fired = concurrency.THREADS * concurrency.UPDATES_PER_THREAD
    text = f"""# Reliability

Produced by `make reliability` (scripts/reliability_report.py) on {datetime.date.today():%-d %B %Y},
against {connection.vendor}. Rerun it to refresh this page; every figure below comes from that run.

## Figures

- Routes × roles: {routes} named routes (every route the URL resolver knows, outside the admin) × {len(matrix.ROLES)}
  roles ({", ".join(matrix.ROLES)}) for GET, plus {len(matrix.POST_MATRIX)} changing routes × {len(matrix.ROLES)}
  roles for POST: {cells} checks. The admin is checked model by model: only administrators reach it, and an
  administrator of another authority gets 404 for this authority's objects.
- Concurrent progress updates: {concurrency.THREADS} threads × {concurrency.UPDATES_PER_THREAD} updates = {fired}
  fired at one action on PostgreSQL; the test fails unless all {fired} have their history row, each row starts from the
  status the previous one left, and the action's status equals the last row: lost = 0 when it passes. Then
  {concurrency.THREADS} saves from the same form version at once: exactly one is accepted, the rest are refused
  naming who changed it and when.
- Inputs fuzzed: {total_examples} generated inputs (hypothesis, derandomised) across every form and filter; none gave a
  500, and markup in them never reached a page unescaped.
- Backup: the JSON export of the demo database, loaded into an emptied database, gives back every row of every
  table unchanged (times to the microsecond). PostgreSQL backups: `make backup` (pg_dump, custom format) and
  `make restore BACKUP=...` (pg_restore in one transaction).

## Runs

| what | tests | result |
|---|---|---|
{chr(10).join(rows)}

## What is in place

- Access: every query for a page, export or admin list goes through one queryset method per model,
  `for_user(user)`, which keeps a user to their local authority; objects of another authority give 404.
- Sign-in throttling (django-axes): five failures for a username, or from an address, lock it for 15 minutes
  with a page that says so. Passwords: at least 12 characters, not common, not all numbers, not like the
  username. Sessions end after an hour without activity.
- Optimistic concurrency: the edit form, the progress form and the admin carry the action's version; a save
  built on an older version is refused with a message naming who changed it and when, and keeps what was typed.
- History is append-only: the model refuses to change or delete a progress update, the admin shows it read-only,
  and an action with history cannot be deleted (an administrator archives it instead).
- Production settings pass `manage.py check --deploy`: HSTS, secure and HttpOnly cookies, SSL redirect behind
  `X-Forwarded-Proto`, `X-Frame-Options: DENY`, a same-origin referrer policy, and a Content Security Policy
  that allows only the app's own scripts and styles. `/healthz` says only whether the database answers.
  Log lines are JSON with the request ID (echoed in `X-Request-ID`); users see GOV.UK error pages, never a trace.
"""
    (ROOT / "docs" / "reliability.md").write_text(text)
    print("Wrote docs/reliability.md")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
