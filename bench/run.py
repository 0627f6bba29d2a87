"""`make bench`: how fast the tracker is with every council in England on one deployment.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_bench .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --authorities 10 --duration 20 --step-duration 5   # a quick check

1. Empties the PostgreSQL database named by DATABASE_URL (its name must contain "bench"), migrates it
   and collects the static files.
2. Generates 1 authority, serves the app with gunicorn (production settings: DEBUG off), signs sessions
   in through the sign-in page, and runs the paced load: --users signed-in staff, leaders and two
   administrators of the generated authorities, pausing 1 to 2 s between requests, for --duration s.
3. Generates the other authorities (--authorities in all) and runs the same load again, then each page
   on its own with no pause at rising concurrency (--steps) to find the requests per second it sustains
   while its p95 stays under 250 ms.
   The first step, one user with no pause, also gives each page's time as a multiple of the floor's:
   `/healthz`, the lightest request through the same stack (the middleware and one query).
4. Both times, bench/probe.py counts each page's SQL queries and explains their plans, and measures the
   peak memory of a CSV export.
5. With --baseline PATH (another checkout, for example a worktree of the commit before a change), that
   checkout is served too, on the next port, from the same database and sessions: each page at one user,
   and the pages of BASELINE_LADDER up the whole throughput ladder, each step right after the same step
   of this checkout, so that the gain is measured side by side in one run.

Prints a table per page and writes bench/results.json; records a dated summary in docs/performance.md.
Raw timings, locust's CSV files, plans and the server log are kept in --work-dir.
"""

import argparse
import datetime
import json
import math
import os
import platform
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import floor, pages  # noqa: E402

BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/tracker_bench"
RESULTS = ROOT / "bench" / "results.json"
DOC = ROOT / "docs" / "performance.md"
DOC_START, DOC_END = "<!-- bench:latest -->", "<!-- /bench:latest -->"
LOG_MARK = "<!-- bench:log -->"
LOG_HEADER = "| Date | Authorities | Slowest p95 | Targets |\n|---|---|---|---|"

P95_TARGET_MS = 100
THROUGHPUT_P95_MS = 250
GROWTH_LIMIT = 1.5
# Under the paced load, every page's p95 at most this share of the admin changelist's.
ADMIN_SHARE = 0.5


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--authorities", type=int, default=153)
    parser.add_argument("--actions-per-authority", type=int, default=1000)
    parser.add_argument("--updates-per-action", type=int, default=10)
    parser.add_argument("--users", type=int, default=20, help="Concurrent signed-in users in the paced load.")
    parser.add_argument("--duration", type=int, default=90, help="Seconds of paced load, at each scale.")
    parser.add_argument("--warm-up", type=int, default=5, help="Seconds at the start of a paced run not counted.")
    parser.add_argument("--step-warm-up", type=int, default=2, help="The same, for each throughput step.")
    parser.add_argument("--steps", default="1,2,4,8", help="Concurrency of the no-pause throughput runs.")
    parser.add_argument("--step-duration", type=int, default=10, help="Seconds of each throughput step.")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes.")
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument(
        "--baseline",
        help="Another checkout of the project (its own .venv, or this one's) to measure side by side, on --port + 1.",
    )
    parser.add_argument("--work-dir", help="Where raw results go (default: a new temporary directory).")
    parser.add_argument(
        "--page",
        action="append",
        choices=pages.ALL_PAGES,
        help="Measure only this page's throughput and time at one user (repeat; the floor is always measured).",
    )
    parser.add_argument("--no-doc", action="store_true", help=f"Do not record the run in {DOC.relative_to(ROOT)}.")
    return parser.parse_args(argv)


class Bench:
    def __init__(self, args):
        self.args = args
        self.database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
        name = urlsplit(self.database_url).path.lstrip("/")
        if urlsplit(self.database_url).scheme not in {"postgres", "postgresql"} or "bench" not in name:
            raise SystemExit(
                f"The benchmark empties the database it runs on: set DATABASE_URL to a PostgreSQL database whose "
                f"name contains 'bench' (for example {DEFAULT_DATABASE_URL}), not {name!r}."
            )
        self.database_name = name
        self.work = Path(args.work_dir or tempfile.mkdtemp(prefix="tracker-bench-"))
        self.work.mkdir(parents=True, exist_ok=True)
        self.base_url = f"http://127.0.0.1:{args.port}"
        self.password = os.environ.get("DEMO_PASSWORD") or "national-scale-benchmark"
        self.env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "DEBUG": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
            # Plain HTTP on the loopback: no TLS here to redirect to.
            "HTTPS_ONLY": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DEMO_PASSWORD": self.password,
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
        self.server = None
        self.baseline = Path(args.baseline).resolve() if args.baseline else None
        self.baseline_url = f"http://127.0.0.1:{args.port + 1}"
        self.baseline_server = None

    # Steps.

    def log(self, message):
        print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)

    def manage(self, *arguments):
        subprocess.run([str(BIN / "python"), "manage.py", *arguments], cwd=ROOT, env=self.env, check=True)

    def reset_database(self):
        import psycopg

        parts = urlsplit(self.database_url)
        maintenance = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database_name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{self.database_name}"')

    def generate(self, count, first_code=500):
        started = time.monotonic()
        self.manage(
            "generate_scale_data",
            f"--authorities={count}",
            f"--actions-per-authority={self.args.actions_per_authority}",
            f"--updates-per-action={self.args.updates_per_action}",
            f"--first-code={first_code}",
        )
        self.manage("generate_scale_measures")
        return round(time.monotonic() - started, 1)

    def baseline_bin(self):
        """The baseline's own virtualenv if it has one, else this one."""
        own = self.baseline / ".venv" / "bin"
        return own if (own / "gunicorn").exists() else BIN

    def baseline_env(self):
        return {**self.env, "PYTHONPATH": str(self.baseline)}

    def start_server(self):
        self.server = self.serve(BIN, ROOT, self.env, self.args.port, "gunicorn.log")
        if self.baseline:
            self.baseline_server = self.serve(
                self.baseline_bin(), self.baseline, self.baseline_env(), self.args.port + 1, "gunicorn-baseline.log"
            )

    def serve(self, bin_dir, root, env, port, log_name):
        with open(self.work / log_name, "a") as log:
            server = subprocess.Popen(
                [
                    str(bin_dir / "gunicorn"),
                    "bromley_tracker.wsgi:application",
                    f"--bind=127.0.0.1:{port}",
                    f"--workers={self.args.workers}",
                    "--log-level=warning",
                ],
                cwd=root,
                env=env,
                stdout=log,
                stderr=log,
            )
        for _ in range(100):
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    return server
            except requests.RequestException:
                pass
            if server.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {self.work / log_name}")
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer /healthz on port {port} in 20 s.")

    def stop_server(self):
        for server in (self.server, self.baseline_server):
            if server and server.poll() is None:
                server.send_signal(signal.SIGTERM)
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
        self.server = self.baseline_server = None

    def make_pool(self, codes, label):
        path = self.work / f"pool-{label}.json"
        subprocess.run(
            [str(BIN / "python"), "bench/probe.py", "pool", "--codes", ",".join(codes), "--out", str(path)],
            cwd=ROOT,
            env=self.env,
            check=True,
        )
        pool = json.loads(path.read_text())
        with ThreadPoolExecutor(max_workers=self.args.workers) as executor:
            cookies = list(executor.map(self.sign_in, [slot["username"] for slot in pool["slots"]]))
        for slot, jar in zip(pool["slots"], cookies, strict=True):
            slot["cookies"] = jar
        path.write_text(json.dumps(pool, indent=1))
        return path, pool

    def sign_in(self, username):
        """Sign in through the sign-in page, as a person would; return the session's cookies."""
        session = requests.Session()
        form = session.get(f"{self.base_url}/accounts/login/", timeout=30)
        fields = pages.form_fields(form.text)
        response = session.post(
            f"{self.base_url}/accounts/login/",
            data={
                "csrfmiddlewaretoken": fields.get("csrfmiddlewaretoken", ""),
                "username": username,
                "password": self.password,
            },
            allow_redirects=False,
            timeout=30,
        )
        if response.status_code != 302 or "sessionid" not in session.cookies:
            raise SystemExit(f"Could not sign in as {username}: {response.status_code}")
        return session.cookies.get_dict()

    def probe(self, pool_path, label, *, baseline=False):
        """bench/probe.py of this checkout, or with baseline the baseline's own (its code, its pages)."""
        path = self.work / f"probe-{label}.json"
        if baseline:
            bin_dir, root, env = self.baseline_bin(), self.baseline, self.baseline_env()
        else:
            bin_dir, root, env = BIN, ROOT, self.env
        subprocess.run(
            [str(bin_dir / "python"), "bench/probe.py", "probe", "--pool", str(pool_path), "--out", str(path)],
            cwd=root,
            env=env,
            check=True,
        )
        return json.loads(path.read_text())

    def warm_up(self, pool):
        """A few requests per page and worker, so the runs measure warm workers."""
        for base_url in [self.base_url] + ([self.baseline_url] if self.baseline else []):
            for page in pages.MEASURED:
                role = pages.PAGE_ROLE.get(page, "staff")
                slot = next(s for s in pool["slots"] if s["role"] == role)
                for _ in range(2 * self.args.workers):
                    url = pages.url_for(page, slot)
                    if page != pages.SAVE_PROGRESS:
                        requests.get(base_url + url, cookies=slot["cookies"], allow_redirects=False, timeout=60)

    def locust(self, pool_path, label, *, users, duration, warm_up, page="", host=None):
        """One headless locust run; return its per-page figures."""
        timings = self.work / f"timings-{label}.json"
        env = {**self.env, "BENCH_POOL": str(pool_path), "BENCH_TIMINGS": str(timings), "BENCH_PAGE": page}
        with open(self.work / f"locust-{label}.log", "w") as log:
            subprocess.run(
                [
                    str(BIN / "locust"),
                    "--locustfile=bench/locustfile.py",
                    "--headless",
                    f"--host={host or self.base_url}",
                    f"--users={users}",
                    f"--spawn-rate={users}",
                    f"--run-time={duration + warm_up}s",
                    "--stop-timeout=10",
                    "--only-summary",
                    f"--csv={self.work / label}",
                    "--loglevel=WARNING",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=False,  # locust exits 1 when a request failed; the figures say so.
            )
        return summarise(json.loads(timings.read_text()), warm_up)

    def throughput(self, pool_path, page):
        """Requests per second the page sustains with no pause while its p95 stays under 250 ms, as
        (best, steps); with a baseline, its (best, steps) too, each step run right after this checkout's.

        The ladder starts at one user: that step is also the page's time at one user with no pause.
        """
        ladder = sorted({1, *[int(n) for n in self.args.steps.split(",")]})
        servers = {"current": self.base_url}
        if self.baseline:
            servers["baseline"] = self.baseline_url
        figures = {name: {"best": 0.0, "steps": [], "climbing": True} for name in servers}
        slug = "".join(c for c in page.lower().replace(" ", "-") if c.isalnum() or c == "-")
        for users in ladder:
            for name, host in servers.items():
                run = figures[name]
                if not run["climbing"] or (name == "baseline" and users > 1 and page not in floor.BASELINE_LADDER):
                    continue
                row = self.locust(
                    pool_path,
                    f"steps-{name}-{slug}-{users}",
                    users=users,
                    duration=self.args.step_duration,
                    warm_up=self.args.step_warm_up,
                    page=page,
                    host=host,
                ).get(page, {"requests": 0, "p50_ms": None, "p95_ms": None, "errors": 0, "rps": 0.0})
                run["steps"].append({"users": users, **row})
                if row["requests"] and row["errors"] == 0 and row["p95_ms"] < THROUGHPUT_P95_MS:
                    run["best"] = max(run["best"], row["rps"])
                else:
                    run["climbing"] = False
        return {name: (round(run["best"], 1), run["steps"]) for name, run in figures.items()}

    # The whole run.

    def run(self):
        args = self.args
        started = time.monotonic()
        self.log(f"Benchmark database {self.database_name}; raw results in {self.work}")
        self.reset_database()
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("collectstatic", "--no-input", "-v", "0")
        if self.baseline:
            if not (self.baseline / "static" / "build").is_dir():
                raise SystemExit(f"The baseline has no built assets: run `make assets` in {self.baseline} first.")
            subprocess.run(
                [str(self.baseline_bin() / "python"), "manage.py", "collectstatic", "--no-input", "-v", "0"],
                cwd=self.baseline,
                env=self.baseline_env(),
                check=True,
            )

        self.log("Generating 1 authority")
        generation_1 = self.generate(1)
        small = self.scale_run(["500"], "1", throughput=False)

        self.log(f"Generating {args.authorities - 1} more authorities")
        generation_n = self.generate(args.authorities - 1, first_code=501) if args.authorities > 1 else 0.0
        codes = spread_codes(args.authorities)
        national = self.scale_run(codes, str(args.authorities), throughput=True)

        results = assemble(
            args,
            small,
            national,
            generation={"1": generation_1, str(args.authorities): round(generation_1 + generation_n, 1)},
            elapsed=round(time.monotonic() - started),
        )
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        (self.work / "results.json").write_text(json.dumps(results, indent=2) + "\n")
        write_plans(self.work / "plans.md", national["probe"])
        print()
        print(table(results))
        print()
        print(floor_intro(results))
        print(render_table(*floor.table(results)))
        for target, missed in verdicts(results):
            print(f"- {target}: " + ("met by every page." if not missed else "missed by " + ", ".join(missed) + "."))
        print(f"\nWritten {RESULTS.relative_to(ROOT)}; plans in {self.work / 'plans.md'}")
        if not args.no_doc:
            record_in_doc(results)
            print(f"Recorded in {DOC.relative_to(ROOT)}")

    def scale_run(self, codes, label, *, throughput):
        args = self.args
        self.start_server()
        try:
            self.log(f"[{label} authorities] signing in sessions of authorities {', '.join(codes)}")
            pool_path, pool = self.make_pool(codes, label)
            self.log(f"[{label} authorities] counting queries and explaining plans")
            probe = self.probe(pool_path, label)
            baseline_probe = None
            if throughput and self.baseline:
                self.log(f"[{label} authorities] the same in the baseline, {self.baseline}")
                baseline_probe = self.probe(pool_path, f"baseline-{label}", baseline=True)
            self.warm_up(pool)
            self.log(f"[{label} authorities] paced load: {args.users} users for {args.duration} s")
            load_before = os.getloadavg()[0]
            paced = self.locust(
                pool_path, f"paced-{label}", users=args.users, duration=args.duration, warm_up=args.warm_up
            )
            result = {
                "codes": codes,
                "paced": paced,
                "probe": probe,
                "throughput": {},
                "baseline_throughput": {},
                "baseline_probe": baseline_probe,
                "baseline": baseline_commit(self.baseline) if throughput and self.baseline else None,
                # The machine's 1-minute load average before and after: other work on it skews the figures.
                "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
            }
            if throughput:
                for page in [pages.HEALTHZ, *args.page] if args.page else pages.MEASURED:
                    self.log(
                        f"[{label} authorities] throughput of {page}"
                        + (", and the baseline's" if self.baseline else "")
                    )
                    measured = self.throughput(pool_path, page)
                    result["throughput"][page] = measured["current"]
                    if "baseline" in measured:
                        result["baseline_throughput"][page] = measured["baseline"]
            return result
        finally:
            self.stop_server()


def baseline_commit(path):
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=path, capture_output=True, text=True)
    return commit.stdout.strip() or str(path)


def spread_codes(count, wanted=8):
    """Codes of up to `wanted` authorities spread over the generated ones (500 upwards)."""
    chosen = sorted({500 + round(i * (count - 1) / max(1, wanted - 1)) for i in range(min(wanted, count))})
    return [f"{code:03d}" for code in chosen]


def percentile(values, fraction):
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summarise(timings, warm_up):
    """Per page: requests, p50/p95/p99 (ms), errors and requests per second, after the warm-up."""
    if not timings:
        return {}
    start = min(t[3] for t in timings) + warm_up
    kept = [t for t in timings if t[3] >= start]
    window = max(1e-9, max(t[3] for t in kept) - start) if kept else 1.0
    figures = {}
    for page in pages.MEASURED:
        times = [t[1] for t in kept if t[0] == page]
        if not times:
            continue
        figures[page] = {
            "requests": len(times),
            "p50_ms": round(percentile(times, 0.50), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "p99_ms": round(percentile(times, 0.99), 1),
            "errors": sum(1 for t in kept if t[0] == page and not t[2]),
            "rps": round(len(times) / window, 1),
        }
    return figures


def ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


def assemble(args, small, national, *, generation, elapsed):
    n = str(args.authorities)
    admin_p95 = national["paced"].get(pages.ADMIN, {}).get("p95_ms")
    rows = []
    for page in pages.ALL_PAGES:
        paced = national["paced"].get(page, {})
        before = small["paced"].get(page, {})
        max_rps, steps = national["throughput"].get(page, (None, []))
        probe = national["probe"]["pages"].get(page, {})
        rows.append(
            {
                "name": page,
                "url": probe.get("url"),
                "requests": paced.get("requests", 0),
                "p50_ms": paced.get("p50_ms"),
                "p95_ms": paced.get("p95_ms"),
                "p99_ms": paced.get("p99_ms"),
                "errors": paced.get("errors", 0),
                "queries": probe.get("queries"),
                "queries_at_1": small["probe"]["pages"].get(page, {}).get("queries"),
                "sql_ms": probe.get("sql_ms"),
                "app_cpu_ms": probe.get("cpu_ms"),
                "p95_ratio_to_admin": ratio(paced.get("p95_ms"), admin_p95),
                "p95_at_1_ms": before.get("p95_ms"),
                "p95_growth_1_to_153": ratio(paced.get("p95_ms"), before.get("p95_ms")),
                "max_rps": max_rps,
                "throughput_steps": steps,
            }
        )
    return {
        "date": datetime.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        "authorities": args.authorities,
        "actions_per_authority": args.actions_per_authority,
        "updates_per_action": args.updates_per_action,
        "generation_seconds": generation,
        "paced_load": {"users": args.users, "pause_s": "1-2", "duration_s": args.duration},
        "throughput_steps": args.steps,
        "step_duration_s": args.step_duration,
        "workers": args.workers,
        "elapsed_s": elapsed,
        "load_average_during_paced_runs": {"1": small["load_average"], n: national["load_average"]},
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "baseline": national.get("baseline"),
        "floor": floor.rows(national),
        "export_memory": national["probe"].get("export_memory"),
        "export_memory_at_1": small["probe"].get("export_memory"),
        "pages": rows,
    }


def fmt(value, spec=""):
    return "-" if value is None else format(value, spec)


def table(results, markdown=False):
    n = results["authorities"]
    headers = ["Page", "Requests", "p50 ms", "p95 ms", "p99 ms", "Errors", "Queries", "p95 / admin"]
    headers += ["p95 at 1 ms", f"p95 1→{n}", "Max rps", "CPU ms"]
    lines = []
    for row in results["pages"]:
        lines.append(
            [
                row["name"],
                fmt(row["requests"]),
                fmt(row["p50_ms"]),
                fmt(row["p95_ms"]),
                fmt(row["p99_ms"]),
                fmt(row["errors"]),
                fmt(row["queries"])
                + ("" if row["queries"] == row["queries_at_1"] else f" ({row['queries_at_1']} at 1)"),
                fmt(row["p95_ratio_to_admin"]),
                fmt(row["p95_at_1_ms"]),
                fmt(row["p95_growth_1_to_153"]),
                fmt(row["max_rps"]),
                fmt(row["app_cpu_ms"]),
            ]
        )
    return render_table(headers, lines, markdown)


def render_table(headers, lines, markdown=False):
    if markdown:
        out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        out += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(out)
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *lines, strict=True)]
    out = [
        "  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths, strict=True)))
    ]
    out += [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths, strict=True)))
        for line in lines
    ]
    return "\n".join(out)


def verdicts(results):
    """Each target, and the pages that miss it."""
    rows = [r for r in results["pages"] if r["name"] != pages.ADMIN]
    return [
        (
            f"p95 under {P95_TARGET_MS} ms",
            [r["name"] for r in rows if r["p95_ms"] is None or r["p95_ms"] >= P95_TARGET_MS],
        ),
        ("no errors", [r["name"] for r in results["pages"] if r["errors"]]),
        ("no slower than the admin changelist", [r["name"] for r in rows if (r["p95_ratio_to_admin"] or 99) > 1]),
        (
            f"p95 grows at most {round((GROWTH_LIMIT - 1) * 100)}% from 1 authority",
            [r["name"] for r in rows if (r["p95_growth_1_to_153"] or 99) > GROWTH_LIMIT],
        ),
        (
            "queries the same at both scales",
            [r["name"] for r in results["pages"] if r["queries"] != r["queries_at_1"]],
        ),
        (
            f"p95 at most {ADMIN_SHARE:g} of the admin changelist's",
            [
                f"{r['name']} ({fmt(r['p95_ratio_to_admin'])})"
                for r in rows
                if r["p95_ratio_to_admin"] is None or r["p95_ratio_to_admin"] > ADMIN_SHARE
            ],
        ),
        *floor.verdicts(results),
    ]


def summary(results):
    n = results["authorities"]
    actions = n * results["actions_per_authority"]
    memory = results.get("export_memory") or []
    lines = [
        f"### {results['date']}: {n} authorities",
        "",
        f"{n} authorities, {actions:,} actions, about {actions * results['updates_per_action']:,} progress updates, "
        f"generated in {results['generation_seconds'][str(n)]} s. Paced load: {results['paced_load']['users']} "
        f"signed-in users pausing 1 to 2 s, {results['paced_load']['duration_s']} s at each scale; throughput "
        f"steps of {results['throughput_steps']} users, {results['step_duration_s']} s each; gunicorn with "
        f"{results['workers']} workers; {results['machine']}; commit {results['commit']}; whole run "
        f"{results['elapsed_s']} s. Load average (1 min) before and after the paced runs: "
        f"{results['load_average_during_paced_runs']}.",
        "",
        table(results, markdown=True),
        "",
        floor_intro(results),
        "",
        render_table(*floor.table(results), markdown=True),
        "",
    ]
    for export in memory:
        lines.append(
            f"- CSV export of {export['export']} ({export['rows']} rows, {export['bytes'] // 1024} KiB): "
            f"peak Python memory {export['peak_bytes'] // 1024} KiB."
        )
    for target, missed in verdicts(results):
        lines.append(
            f"- {target}: " + ("met by every page." if not missed else "missed by " + ", ".join(missed) + ".")
        )
    return "\n".join(lines)


def floor_intro(results):
    text = (
        "Each page alone at one user with no pause (the first throughput step), beside the floor, "
        f"`/healthz`; CPU from the probe. Max rps: with p95 under {THROUGHPUT_P95_MS} ms."
    )
    if results.get("baseline"):
        text += (
            f" Before: the baseline, commit {results['baseline']}, served side by side from the same database "
            f"in the same run (its floor measured the same way); Gain: max rps over the baseline's."
        )
    return text


def record_in_doc(results):
    text = (
        DOC.read_text() if DOC.exists() else f"# Performance\n\n{DOC_START}\n{DOC_END}\n\n## Run log\n\n{LOG_MARK}\n"
    )
    block = f"{DOC_START}\n{summary(results)}\n{DOC_END}"
    if DOC_START in text and DOC_END in text:
        before, rest = text.split(DOC_START, 1)
        text = before + block + rest.split(DOC_END, 1)[1]
    else:
        text += f"\n{block}\n"
    worst = max((r for r in results["pages"] if r["p95_ms"] is not None), key=lambda r: r["p95_ms"])
    missed = sum(1 for _, names in verdicts(results) if names)
    line = (
        f"| {results['date']} | {results['authorities']} | {worst['name']} {worst['p95_ms']} ms | "
        f"{missed} of {len(verdicts(results))} targets missed |"
    )
    # Newest first, under the log's header.
    if f"{LOG_MARK}\n{LOG_HEADER}" not in text:
        text = text.replace(LOG_MARK, "") + f"\n{LOG_MARK}\n{LOG_HEADER}\n"
    text = text.replace(f"{LOG_MARK}\n{LOG_HEADER}", f"{LOG_MARK}\n{LOG_HEADER}\n{line}", 1)
    DOC.write_text(text)


def write_plans(path, probe):
    out = ["# Slowest queries per page, with EXPLAIN (ANALYZE, BUFFERS)", ""]
    for page, figures in probe["pages"].items():
        out += [
            f"## {page}: {figures['url']}",
            "",
            f"{figures['queries']} queries, {figures['sql_ms']} ms of SQL.",
            "",
        ]
        for query in figures["slowest"]:
            out += [f"### {query['ms']} ms", "", "```sql", query["sql"], "```", "", "```", query["plan"], "```", ""]
    path.write_text("\n".join(out))


def main(argv=None):
    bench = Bench(parse_args(argv))
    try:
        bench.run()
    finally:
        bench.stop_server()


if __name__ == "__main__":
    main()
