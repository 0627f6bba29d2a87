"""`make bench-board-pack`: the time and peak memory to build one council's board pack PDF at national scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_bench .venv/bin/python bench/board_pack.py

Uses a generated council already in the database (from `make bench` or `generate_scale_data`, 1,000 actions
with ten history rows each, and `generate_scale_measures`' 20 measures with three years of values); with none,
it generates one first. It builds the improvement board's pack (every note and name: the largest audience)
for the whole authority, as the PDF view does: the figures from the history, then WeasyPrint. It times the
best of --runs, then measures the peak of Python's memory (tracemalloc) over one more run and the process's
peak resident size. Prints the table and records it in docs/performance.md.
"""

import argparse
import datetime
import gc
import os
import resource
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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from actions.management.commands.generate_scale_data import generated_authorities  # noqa: E402
from actions.models import ActionItem, ProgressUpdate  # noqa: E402
from bench.record import DOC, QueryCounter, record_latest  # noqa: E402
from measures.models import Measure  # noqa: E402
from plans.packs import pdf  # noqa: E402
from plans.packs.audiences import BOARD  # noqa: E402
from plans.packs.content import build_pack, default_since  # noqa: E402

SECTION = """## A board pack at national scale

The time and memory to build one generated council's board pack PDF, from `make bench-board-pack`
(bench/board_pack.py), with every council in England in the database or just the one."""
TARGET_SECONDS = 10


def build(local_authority):
    """What the PDF view does: the pack's figures, then its PDF, then the collector's pass over what the layout
    left once it is back on (pdf.collector_paused). (seconds for each, queries, the PDF and pages, CPU seconds)"""
    counter = QueryCounter()
    cpu = time.process_time()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        today = timezone.localdate()
        pack = build_pack(
            local_authority=local_authority, audience=BOARD, since=default_since(local_authority, today), today=today
        )
    gathered = time.perf_counter()
    # render_pdf's two steps, under its one pause of the collector, to count the pages.
    with pdf.collector_paused():
        pages = pdf.laid_out(pack, base_url="http://localhost/")
        document = pdf.write(pages)
        rendered = time.perf_counter()
        page_count = len(pages.pages)
        del pages
    gc.collect()
    collected = time.perf_counter()
    return (
        gathered - started,
        rendered - gathered,
        collected - rendered,
        counter.queries,
        (document, page_count),
        time.process_time() - cpu,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Timed runs; the best is reported.")
    parser.add_argument("--no-doc", action="store_true", help=f"Do not record the figures in {DOC.name}.")
    args = parser.parse_args()
    generated = generated_authorities().order_by("code")
    if not generated.exists():
        call_command("generate_scale_data", authorities=1)
        call_command("generate_scale_measures")
    local_authority = generated.first()
    actions = ActionItem.objects.for_local_authority(local_authority.pk).in_use().count()
    updates = ProgressUpdate.objects.for_local_authority(local_authority.pk).count()
    measures = Measure.objects.for_local_authority(local_authority.pk).count()

    timings = [build(local_authority) for _ in range(max(1, args.runs))]
    gather, render, collect, queries, (document, pages), cpu = min(timings, key=lambda timing: sum(timing[:3]))
    tracemalloc.start()
    build(local_authority)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # ru_maxrss is in kilobytes on Linux.
    resident = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    total = gather + render + collect

    lines = [
        f"### {datetime.date.today().isoformat()}: {local_authority.name} ({local_authority.code}), "
        f"{actions} actions, {updates} history rows, {measures} measures",
        "",
        f"The improvement board's pack for the whole authority, as a PDF (best of {len(timings)} runs; "
        f"target under {TARGET_SECONDS} s):",
        "",
        "| part | seconds | SQL queries |",
        "|---|---:|---:|",
        f"| Figures from the history (`build_pack`) | {gather:.2f} | {queries} |",
        f"| PDF (WeasyPrint, PDF/UA-1) | {render:.2f} | 0 |",
        f"| Freeing what the layout left (Python's collector, once) | {collect:.2f} | 0 |",
        f"| **Total** | **{total:.2f}** | {queries} |",
        "",
        f"{pages} pages, {len(document) / 1024 / 1024:.1f} MB; {cpu:.2f} s of this process's CPU time (the machine's "
        f"load average was {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores). "
        f"Peak memory: {peak / 1024 / 1024:.0f} MB of Python "
        f"objects during one build (tracemalloc), {resident / 1024 / 1024:.0f} MB resident for the whole process.",
    ]
    table = "\n".join(lines)
    print(table)
    if not args.no_doc:
        record_latest("board-pack", table, section=SECTION)


if __name__ == "__main__":
    main()
