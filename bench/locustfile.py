"""Signed-in council staff, leaders and administrators using the tracker; driven by bench/run.py.

    BENCH_POOL=pool.json BENCH_TIMINGS=timings.json locust -f bench/locustfile.py --headless ...

BENCH_POOL (written by bench/run.py) holds sessions already signed in through the sign-in page, with
what each may open and update, so that signing in (a deliberately slow password hash) stays out of the
figures. BENCH_PAGE names one page to request again and again with no pause (the throughput runs);
without it, staff, leaders and administrators use every page, pausing 1 to 2 seconds between requests.
Each request's time is written to BENCH_TIMINGS when locust stops, so that bench/run.py computes exact
percentiles.
"""

import itertools
import json
import os
import sys
import time
from pathlib import Path

from locust import FastHttpUser, between, constant, events

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import pages  # noqa: E402

POOL = json.loads(Path(os.environ["BENCH_POOL"]).read_text()) if os.environ.get("BENCH_POOL") else {"slots": []}
ONE_PAGE = os.environ.get("BENCH_PAGE", "")
TIMINGS_FILE = os.environ.get("BENCH_TIMINGS", "")

timings = []


@events.request.add_listener
def record(request_type, name, response_time, exception, start_time=None, **kwargs):
    if name in pages.MEASURED:
        timings.append((name, round(response_time, 3), exception is None, start_time or time.time()))


@events.quitting.add_listener
def save(environment, **kwargs):
    if TIMINGS_FILE:
        Path(TIMINGS_FILE).write_text(json.dumps(timings))


slots = {
    role: itertools.cycle([slot for slot in POOL["slots"] if slot["role"] == role] or [None])
    for role in ("staff", "leader", "admin")
}


class TrackerUser(FastHttpUser):
    abstract = True
    role = "staff"
    wait_time = between(1, 2)

    def on_start(self):
        self.slot = next(slots[self.role])
        if self.slot is None:
            raise RuntimeError(f"BENCH_POOL has no {self.role} sessions.")
        self.cookie = "; ".join(f"{name}={value}" for name, value in self.slot["cookies"].items())

    def get(self, page, url=None):
        url = url or pages.url_for(page, self.slot)
        with self.client.get(
            url, name=page, headers={"Cookie": self.cookie}, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} from {url}")
            return response

    def save_progress(self):
        """Open an action this person may update, then save a note on it (keeping its status)."""
        url = pages.url_for(pages.SAVE_PROGRESS, self.slot)
        page = self.get(pages.ACTION_PAGE, url)
        if page.status_code != 200:
            return
        with self.client.post(
            url,
            data={**pages.form_fields(page.text), "note": pages.NOTE},
            name=pages.SAVE_PROGRESS,
            headers={"Cookie": self.cookie},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code} from saving {url}: the form was refused")


def page_task(page):
    def request_page(user):
        if page == pages.SAVE_PROGRESS:
            user.save_progress()
        else:
            user.get(page)

    request_page.__name__ = page
    return request_page


if ONE_PAGE:

    class OnePageUser(TrackerUser):
        """Requests one page again and again, with no pause."""

        role = pages.PAGE_ROLE.get(ONE_PAGE, "staff")
        wait_time = constant(0)
        tasks = [page_task(ONE_PAGE)]

else:

    class StaffUser(TrackerUser):
        weight = 2
        tasks = {
            page_task(pages.MY_ACTIONS): 3,
            page_task(pages.ALL_FILTERED): 2,
            page_task(pages.ALL_DEEP): 2,
            page_task(pages.ACTION_PAGE): 2,
            page_task(pages.SAVE_PROGRESS): 2,
            page_task(pages.INSPECTION): 2,
            page_task(pages.THEME): 2,
            page_task(pages.INTERVENTIONS): 1,
            page_task(pages.MEASURES): 1,
            page_task(pages.MEASURE_PAGE): 1,
            page_task(pages.EMAIL_SETTINGS): 1,
        }

    class LeaderUser(TrackerUser):
        role = "leader"
        weight = 1
        tasks = {
            page_task(pages.DASHBOARD): 4,
            page_task(pages.CSV_EXPORT): 3,
            page_task(pages.ALL_FILTERED): 1,
            page_task(pages.ALL_DEEP): 1,
            page_task(pages.ACTION_PAGE): 1,
            page_task(pages.SAVE_PROGRESS): 1,
            page_task(pages.LEADER_HOME): 1,
            page_task(pages.MEASURES): 1,
        }

    class AdminUser(TrackerUser):
        """The baseline: a council with only the Django admin would list its actions there."""

        role = "admin"
        fixed_count = 2
        tasks = [page_task(pages.ADMIN)]
