"""Where a page's time goes: each page requested in process and profiled with pyinstrument.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_bench DEBUG=0 SECRET_KEY=x \
        .venv/bin/python bench/profile.py --page "All actions, deep page" --requests 20

Runs against a database filled by `make bench` (or `generate_scale_data`), with production settings
(DEBUG off, so the cached template loader), as a signed-in person of authority 500 as bench/pages.py
names them. Each page is requested a few times to warm it, then --requests times without the profiler
(the median CPU time per request) and as many under it: each function's share of the time, including
what it calls (those above --threshold per cent), goes to the terminal; --html DIR also writes each
page's interactive profile there.
"""

import argparse
import os
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bromley_tracker.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

from accounts.models import User  # noqa: E402
from bench import pages, probe  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--page", action="append", choices=pages.MEASURED, help="A page (repeat); default all.")
    parser.add_argument("--code", default="500", help="The authority whose people sign in.")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--threshold", type=float, default=2.0, help="Hide frames under this per cent.")
    parser.add_argument("--html", help="Write each page's interactive profile to this folder.")
    args = parser.parse_args()
    pool = probe.build_pool([args.code], staff_slots=1, leader_slots=1, admin_slots=1)
    rng = random.Random(3)
    for page in args.page or pages.MEASURED:
        role = pages.PAGE_ROLE.get(page, "staff")
        slot = next(s for s in pool["slots"] if s["role"] == role)
        client = Client(HTTP_HOST="127.0.0.1")
        if page != pages.HEALTHZ:
            client.force_login(User.objects.get(username=slot["username"]))
        url = pages.url_for(page, slot, rng)
        for _ in range(3):
            probe.request(client, page, url, capture=False)
        # The CPU time without the profiler's own overhead, then the profile.
        cpu = statistics.median(probe.request(client, page, url, capture=False)[2] for _ in range(args.requests))
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.requests):
            probe.request(client, page, url, capture=False)
        profiler.stop()
        print(f"\n## {page}: {url}, {1000 * cpu:.1f} ms of CPU per request (median)\n")
        options = {"filter_threshold": args.threshold / 100}
        print(
            profiler.output_text(
                unicode=True, flat=True, flat_time="total", time="percent_of_total", processor_options=options
            )
        )
        if args.html:
            folder = Path(args.html)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{page.lower().replace(' ', '-').replace(',', '')}.html").write_text(profiler.output_html())


if __name__ == "__main__":
    main()
