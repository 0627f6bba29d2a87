"""The benchmark's look inside the application, run by bench/run.py against the benchmark database.

    python bench/probe.py pool --codes 500,501 --out pool.json    # whom to sign in as, and what they open
    python bench/probe.py probe --pool pool.json --out probe.json  # queries, plans, export memory

`probe` requests each page in-process (Django's test client, production settings) and records the
number of SQL queries it runs (the second request of two, once caches are warm), each query's time
and plan from EXPLAIN ANALYZE, and the peak Python memory of exporting an authority's actions as CSV.
"""

import argparse
import contextlib
import json
import math
import os
import random
import re
import statistics
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bromley_tracker.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from actions.models import ActionItem  # noqa: E402
from bench import pages  # noqa: E402
from inspections.models import Inspection, Theme  # noqa: E402
from measures.models import Measure  # noqa: E402

PER_PAGE = 50  # All actions' page size; read from the view when it says.
CPU_SAMPLES = 5
EXECUTION_TIME = re.compile(r"Execution Time: ([0-9.]+) ms")
# Streamed results (the exports) are read through a server-side cursor: explain the query inside it.
DECLARE_CURSOR = re.compile(r"^DECLARE .*? CURSOR (?:WITH(?:OUT)? HOLD )?FOR ", re.S)


def per_page():
    try:
        from actions.views import listing

        return getattr(listing, "PER_PAGE", PER_PAGE)
    except ImportError:
        return PER_PAGE


def build_pool(codes, *, staff_slots, leader_slots, admin_slots):
    """Sessions to sign in (one per slot), spread over the authorities, and what each one opens and updates.

    Every slot updates its own actions, so that no two sessions save the same action at once.
    """
    rng = random.Random(1)
    authorities = []
    for code in codes:
        users = {u.username: u for u in User.objects.filter(local_authority__code=code)}
        actions = ActionItem.objects.filter(improvement_area__inspection__local_authority__code=code)
        # Open actions: saving a note on them, status unchanged, is always accepted.
        open_actions = list(actions.open().filter(archived_at__isnull=True).values_list("pk", "owner__username"))
        count = actions.count()
        authorities.append(
            {
                "code": code,
                "users": users,
                "open_actions": open_actions,
                "actions": rng.sample(list(actions.values_list("pk", flat=True)), min(60, count)),
                "inspections": list(
                    Inspection.objects.filter(local_authority__code=code).values_list("pk", flat=True)
                ),
                "themes": list(
                    Theme.objects.filter(improvement_areas__inspection__local_authority__code=code)
                    .values_list("slug", flat=True)
                    .distinct()
                ),
                "deep_page": max(1, math.ceil(count / per_page()) - 1),
                "measures": list(Measure.objects.filter(local_authority__code=code).values_list("pk", flat=True)),
            }
        )

    def assign(count, usernames_of):
        """(authority, username) per slot, round-robin over the authorities and then their people."""
        chosen = []
        for n in range(count):
            authority = authorities[n % len(authorities)]
            usernames = usernames_of(authority)
            chosen.append((authority, usernames[(n // len(authorities)) % len(usernames)]))
        return chosen

    def staff_of(authority):
        names = [name for name in authority["users"] if ".staff" in name]
        return sorted(names, key=lambda name: int(name.rsplit("staff", 1)[1]))

    staff = assign(staff_slots, staff_of)
    leaders = assign(leader_slots, lambda authority: [f"{authority['code']}.leader"])
    admins = assign(admin_slots, lambda authority: [f"{authority['code']}.admin"])
    signed_in_staff = {username for _, username in staff}

    def updatable(role, authority, username):
        """Open actions this person may update: staff their own; leaders those of staff not signed in."""
        if role == "staff":
            return [pk for pk, owner in authority["open_actions"] if owner == username]
        if role == "leader":
            return [pk for pk, owner in authority["open_actions"] if owner not in signed_in_staff]
        return []

    slots = []
    for role, chosen in (("staff", staff), ("leader", leaders), ("admin", admins)):
        sessions = Counter(username for _, username in chosen)
        seen = Counter()
        for authority, username in chosen:
            # Sessions of the same person share out their actions, so no two save the same one at once.
            actions = updatable(role, authority, username)[seen[username] :: sessions[username]]
            seen[username] += 1
            slots.append(
                {
                    "role": role,
                    "username": username,
                    "code": authority["code"],
                    "actions": authority["actions"],
                    "save_actions": actions,
                    "inspections": authority["inspections"],
                    "themes": authority["themes"],
                    "deep_page": authority["deep_page"],
                    "measures": authority["measures"],
                }
            )
    missing = {s["username"] for s in slots} - {name for a in authorities for name in a["users"]}
    if missing:
        raise SystemExit(f"No such users: {', '.join(sorted(missing))}")
    return {"slots": slots}


def explain(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    found = EXECUTION_TIME.search(plan)
    return float(found.group(1)) if found else 0.0, plan


def request(client, page, url, capture=True):
    """One request as the load generator makes it, the whole body read; the queries it ran; its CPU seconds."""
    form = pages.form_fields(client.get(url).content.decode()) if page == pages.SAVE_PROGRESS else None
    with CaptureQueriesContext(connection) if capture else contextlib.nullcontext() as queries:
        started = time.process_time()
        if form is not None:
            response = client.post(url, {**form, "note": pages.NOTE})
        else:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        cpu = time.process_time() - started
    # A copy: the next request empties the connection's log that captured_queries reads.
    return response, list(queries.captured_queries) if capture else [], cpu


def probe(pool, *, plans_per_page=3):
    results = {"pages": {}}
    rng = random.Random(2)
    for page in pages.MEASURED:
        role = pages.PAGE_ROLE.get(page, "staff")
        slot = next(s for s in pool["slots"] if s["role"] == role)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=slot["username"]))
        url = pages.url_for(page, slot, rng)
        request(client, page, url)
        response, queries, _ = request(client, page, url)
        cpu = [request(client, page, url, capture=False)[2] for _ in range(CPU_SAMPLES)]
        timed = []
        for query in queries:
            sql = DECLARE_CURSOR.sub("", query["sql"])
            if sql.startswith("SELECT"):
                ms, plan = explain(sql)
                timed.append({"sql": sql, "ms": ms, "plan": plan})
        timed.sort(key=lambda q: q["ms"], reverse=True)
        results["pages"][page] = {
            "url": url,
            "status": response.status_code,
            "queries": len(queries),
            "sql_ms": round(sum(q["ms"] for q in timed), 2),
            # The application's own CPU time (Python, templates, the driver), median of several requests.
            "cpu_ms": round(1000 * statistics.median(cpu), 1),
            "slowest": timed[:plans_per_page],
        }
    results["export_memory"] = export_memory(pool)
    return results


def export_memory(pool):
    """Peak Python memory while streaming CSV exports of different sizes: flat if the export streams."""
    slot = next(s for s in pool["slots"] if s["role"] == "leader")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=slot["username"]))
    measured = []
    exports = [
        ("every action of the authority", ""),
        ("completed and signed-off actions", "?status=completed&status=signed_off"),
        ("blocked actions", "?status=blocked"),
    ]
    for label, query in exports:
        client.get(f"/actions/export.csv{query}")  # warm
        tracemalloc.start()
        response = client.get(f"/actions/export.csv{query}")
        size = rows = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            rows += chunk.count(b"\n")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        measured.append({"export": label, "rows": rows - 1, "bytes": size, "peak_bytes": peak})
    measured += national_export_memory()
    return measured


NATIONAL_EXPORT_ROWS = 20_000


def national_export_memory():
    """The same export code over 20 authorities' worth of actions (no page offers that): memory stays flat."""
    try:
        from actions import exports

        queryset = ActionItem.objects.for_list().with_rag().order_by("due_date", "pk")[:NATIONAL_EXPORT_ROWS]
        rows = exports.export_rows(queryset, absolute_url=lambda path: f"http://127.0.0.1{path}")
        tracemalloc.start()
        size = count = 0
        for line in exports.csv_lines(rows):
            size += len(line.encode())
            count += 1
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    except (ImportError, AttributeError, TypeError) as error:  # the export's functions have changed
        return [{"export": f"actions of many authorities: not measured ({error})", "rows": 0, "bytes": 0}]
    return [
        {
            "export": "actions of many authorities (the export code, not a page)",
            "rows": count - 1,
            "bytes": size,
            "peak_bytes": peak,
        }
    ]


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    pool_parser = sub.add_parser("pool")
    pool_parser.add_argument("--codes", required=True)
    pool_parser.add_argument("--staff", type=int, default=24)
    pool_parser.add_argument("--leaders", type=int, default=8)
    pool_parser.add_argument("--admins", type=int, default=4)
    pool_parser.add_argument("--out", required=True)
    probe_parser = sub.add_parser("probe")
    probe_parser.add_argument("--pool", required=True)
    probe_parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if args.command == "pool":
        pool = build_pool(
            args.codes.split(","), staff_slots=args.staff, leader_slots=args.leaders, admin_slots=args.admins
        )
        Path(args.out).write_text(json.dumps(pool, indent=1))
    else:
        pool = json.loads(Path(args.pool).read_text())
        Path(args.out).write_text(json.dumps(probe(pool), indent=1))


if __name__ == "__main__":
    main()
