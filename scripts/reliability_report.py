"""Run the trust tests and write what they tried, with figures, to docs/reliability.md.

Usage: `make reliability`, which runs it against PostgreSQL (DATABASE_URL), so the concurrency tests run.
"""

import datetime
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bromley_tracker.settings_test")

import django  # noqa: E402

django.setup()

from bromley_tracker.sign_in import address_window_minutes, lockout_minutes  # noqa: E402
from tests import test_concurrent_progress as concurrency  # noqa: E402
from tests import test_permission_matrix as matrix  # noqa: E402
from tests import test_sign_in_attacks as attacks  # noqa: E402

SUITES = {
    "Access: permission matrix": "tests/test_permission_matrix.py",
    "Nothing lost: concurrent progress updates": "tests/test_concurrent_progress.py",
    "Nothing lost: append-only history, archive": "actions/tests/test_constraints.py",
    "Nothing lost: JSON backup round trip": "tests/test_backup.py",
    "Bad input: forms and addresses": "tests/test_bad_input.py",
    "Bad input: property-based fuzzing": "tests/test_fuzz.py",
    "Hardened settings": "tests/test_security_settings.py",
    "Sign-in throttling and sessions": "tests/test_sign_in.py",
    "Sign-in: client address behind proxies": "tests/test_client_ip.py",
    "Sign-in: change password counted": "tests/test_change_password.py",
    "Sign-in attacks": "tests/test_sign_in_attacks.py",
}


def run(path):
    """Run one test file; return its exit code, summary line, hypothesis examples and recorded figures."""
    with tempfile.TemporaryDirectory() as tmp:
        junit = Path(tmp) / "results.xml"
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "--hypothesis-show-statistics"]
            + [f"--junitxml={junit}", "-o", "junit_family=xunit1", path],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        figures = {}
        if junit.exists():
            for case in ET.parse(junit).iter("testcase"):
                figures[case.get("name")] = {p.get("name"): p.get("value") for p in case.iter("property")}
    summary = re.findall(
        r"^(?:=+ )?(\d+ passed.*?|\d+ failed.*?)(?: in [\d.]+s)?(?: \([\d:]+\))?(?: =+)?$", result.stdout, re.M
    )
    examples = sum(int(n) for n in re.findall(r"- (\d+) passing, \d+ failing", result.stdout))
    return result.returncode, (summary[-1] if summary else "no result"), examples, figures


def answer(status):
    return {"302": "signed in (302)", "429": "refused (429)"}.get(status, f"HTTP {status}")


def sign_in_attacks(figures, passed):
    """What each sign-in attack did, from the figures its test recorded."""
    brute = figures.get("test_brute_force_across_usernames_is_locked_after_five_guesses", {})
    victim = figures.get("test_a_victim_cannot_be_locked_out_from_another_address", {})
    flood = figures.get("test_a_flood_from_one_address_is_slowed_without_locking_anyone", {})
    if not (brute and victim and flood):
        return "The sign-in attacks did not run; see the table below."
    held = "held" if passed else "DID NOT HOLD (the test failed; see the table below)"
    lines = [
        f"Outcome: {held}.",
        "",
        f"- Brute force across usernames: {brute['wrong_guesses_sent']} wrong passwords for one account from one"
        f" address, {attacks.ROUNDS} times four with a correct sign-in to the attacker's own account (another"
        f" council's) after each four. Passwords checked: {brute['wrong_guesses_checked']}; the lockout page"
        f" answered {brute['answered_with_the_lockout_page']} of them, from the fifth on. A success clears only the"
        " failures of its own username on its own address.",
        f"- Lockout of a victim from another address: {victim['attacker_failures']} failures from the attacker's"
        " address (20 as the victim, 20 with made-up usernames). The victim from another address:"
        f" {answer(victim['victim_from_another_address'])}; a colleague on the attacker's address:"
        f" {answer(victim['colleague_on_the_attackers_address'])}. Behind one trusted proxy, with the victim's"
        f" address forged at the left of X-Forwarded-For: the victim {answer(victim['victim_behind_the_proxy'])},"
        f" the attacker {answer(victim['attacker_behind_the_proxy'])}, locked at their real address.",
        f"- Flood from one address: {flood['attempts']} attempts, each for a different username. Passwords"
        f" checked: {flood['passwords_checked']}; refused from attempt {flood['first_refused_attempt']} on"
        f" ({flood['refused']} refusals, 429, no password tried, nothing recorded). Usernames locked by it:"
        f" {flood['usernames_locked']}. A real user at another address meanwhile:"
        f" {answer(flood['real_user_elsewhere'])}; the flooded address once a window had passed without a"
        f" failure: {answer(flood['attackers_address_after_the_window'])}.",
    ]
    return "\n".join(lines)


def main():
    from django.conf import settings
    from django.db import connection

    rows, total_examples, failed, attack_figures, attacks_passed = [], 0, False, {}, False
    for name, path in SUITES.items():
        code, summary, examples, figures = run(path)
        failed |= code != 0
        total_examples += examples
        if path == "tests/test_sign_in_attacks.py":
            attack_figures, attacks_passed = figures, code == 0
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
- Inputs fuzzed: {total_examples} generated inputs (hypothesis, derandomised) across every form and filter,
  raw query strings, cookie headers and every due-date part, drawn from the whole Unicode range; none gave a
  500, and markup in them never reached a page unescaped.
- Backup: the JSON export of the demo database, loaded into an emptied database, gives back every row of every
  table unchanged (times to the microsecond). PostgreSQL backups: `make backup` (pg_dump, custom format) and
  `make restore BACKUP=...` (pg_restore in one transaction).

## Sign-in attacks

Run through the sign-in page as an attacker would (`tests/test_sign_in_attacks.py`), with the production
limits: {settings.AXES_FAILURE_LIMIT} failures lock a username on one address for {lockout_minutes()} minutes;
{settings.SIGN_IN_ADDRESS_FAILURE_LIMIT} failures from one address refuse it until {address_window_minutes()}
minutes pass without one.

{sign_in_attacks(attack_figures, attacks_passed)}

## Runs

| what | tests | result |
|---|---|---|
{chr(10).join(rows)}

## What is in place

- Access: every query for a page, export or admin list goes through one queryset method per model,
  `for_user(user)`, which keeps a user to their local authority; objects of another authority give 404.
- Sign-in throttling (django-axes): five failures for one username from one address lock that username on
  that address for 15 minutes, with a page that says what to do; the last two tries are counted down. Wrong
  current passwords on the change-password page count the same way. An address with 50 failures is refused
  until 5 minutes pass without one. The client's address is read from `X-Forwarded-For` only through
  `TRUSTED_PROXY_COUNT` proxies. Over-long usernames are refused before any password is tried. A forgotten
  password is reset by an emailed link, which also lifts the lock. Passwords: at least 12 characters, not
  common, not all numbers, not like the username. Sessions end after an hour without activity (at most
  5 minutes later, as a session is saved at most every 5 minutes rather than on every page; never sooner).
- Optimistic concurrency: the edit form, the progress form and the admin carry the action's version; a save
  built on an older version is refused with a message naming who changed it and when, and keeps what was typed.
- History is append-only: the model refuses to change or delete a progress update, the admin shows it read-only,
  and an action with history cannot be deleted (an administrator archives it instead).
- Production settings pass `manage.py check --deploy`: HSTS, secure and HttpOnly cookies, SSL redirect behind
  `X-Forwarded-Proto`, `X-Frame-Options: DENY`, a same-origin referrer policy, and a Content Security Policy
  that allows only the app's own scripts and styles. `/healthz` says only whether the database answers
  (503 when it does not, even for a visitor with a session cookie) and answers HEAD, as pages do. A NUL
  character in the address, a form or a header is a 400; a cookie holding one is ignored.
  Log lines are JSON with the request ID (echoed in `X-Request-ID`); users see GOV.UK error pages, never a trace.
"""
    (ROOT / "docs" / "reliability.md").write_text(text)
    print("Wrote docs/reliability.md")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
