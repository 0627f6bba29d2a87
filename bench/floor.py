"""How far each page is from the floor: its time at one user with no pause, and its CPU time, as multiples
of `/healthz`'s (the middleware and one query), measured in the same run; and, with a baseline checkout
served side by side, the same for it and each page's gain in throughput."""

from bench import pages

# At one user with no pause: every page within LIMIT times the floor's time, these within LIMIT_NEAR.
LIMIT = 5
LIMIT_NEAR = 3
NEAR_THE_FLOOR = [pages.ACTION_PAGE, pages.MY_ACTIONS]
# The pages whose throughput is compared with the baseline's up the whole ladder, and the gain wanted.
BASELINE_LADDER = [pages.ALL_FILTERED, pages.ALL_DEEP, pages.DASHBOARD, pages.CSV_EXPORT]
THROUGHPUT_GAIN = 2.5


def _times(max_rps_and_steps):
    """The one-user step's p50 and p95 (ms), and the best requests per second, from (best, steps)."""
    best, steps = max_rps_and_steps or (None, [])
    one = next((step for step in steps if step["users"] == 1), {})
    return one.get("p50_ms"), one.get("p95_ms"), best


def _times_floor(value, floor):
    return round(value / floor, 1) if value is not None and floor else None


def _side(throughput, probe):
    """Each page's figures for one checkout: times at one user, CPU, and their multiples of its floor."""
    floor_p50, floor_p95, _ = _times(throughput.get(pages.HEALTHZ))
    probed = (probe or {}).get("pages", {})
    floor_cpu = probed.get(pages.HEALTHZ, {}).get("cpu_ms")
    side = {}
    for page in pages.MEASURED:
        p50, p95, best = _times(throughput.get(page))
        cpu = probed.get(page, {}).get("cpu_ms")
        side[page] = {
            "p50_ms": p50,
            "p95_ms": p95,
            "max_rps": best,
            "cpu_ms": cpu,
            "p50_x_floor": _times_floor(p50, floor_p50),
            "p95_x_floor": _times_floor(p95, floor_p95),
            "cpu_x_floor": _times_floor(cpu, floor_cpu),
        }
    return side, floor_cpu


def rows(national):
    """Per page (the floor first): this checkout's figures, and the baseline's when it was measured."""
    current, floor_cpu = _side(national["throughput"], national["probe"])
    baseline = None
    if national.get("baseline_throughput"):
        # The baseline's own probe knows only its own pages; the floor is the same code in both.
        baseline, _ = _side(national["baseline_throughput"], national.get("baseline_probe"))
        for figures in baseline.values():
            if figures["cpu_x_floor"] is None and floor_cpu:
                figures["cpu_x_floor"] = _times_floor(figures["cpu_ms"], floor_cpu)
    out = []
    for page in pages.MEASURED:
        row = {"name": page, **current[page]}
        if baseline:
            before = baseline[page]
            row["baseline"] = before
            if page in BASELINE_LADDER and before["max_rps"]:
                row["rps_gain"] = round(row["max_rps"] / before["max_rps"], 2) if row["max_rps"] else None
        out.append(row)
    return out


def _fmt(value, suffix=""):
    return "-" if value is None else f"{value}{suffix}"


def table(results):
    """The floor table's header and rows (lists of strings)."""
    floor_rows = results.get("floor") or []
    with_baseline = any("baseline" in row for row in floor_rows)
    headers = ["Page", "p50 ms", "p95 ms", "p50 × floor", "p95 × floor", "CPU ms", "CPU × floor", "Max rps"]
    if with_baseline:
        headers += ["Before: p50 ms", "p50 × floor", "p95 × floor", "CPU × floor", "Max rps", "Gain"]
    lines = []
    for row in floor_rows:
        line = [
            row["name"],
            _fmt(row["p50_ms"]),
            _fmt(row["p95_ms"]),
            _fmt(row["p50_x_floor"]),
            _fmt(row["p95_x_floor"]),
            _fmt(row["cpu_ms"]),
            _fmt(row["cpu_x_floor"]),
            _fmt(row["max_rps"]),
        ]
        if with_baseline:
            before = row.get("baseline", {})
            line += [
                _fmt(before.get("p50_ms")),
                _fmt(before.get("p50_x_floor")),
                _fmt(before.get("p95_x_floor")),
                _fmt(before.get("cpu_x_floor")),
                _fmt(before.get("max_rps")),
                _fmt(row.get("rps_gain"), "×"),
            ]
        lines.append(line)
    return headers, lines


def verdicts(results):
    """The floor's targets, and the pages that miss each (with their figure)."""
    floor_rows = [row for row in results.get("floor") or [] if row["name"] != pages.HEALTHZ]
    if not floor_rows:
        return []

    def over(key, row):
        limit = LIMIT_NEAR if row["name"] in NEAR_THE_FLOOR else LIMIT
        value = row[key]
        return value is None or value > limit

    found = [
        (
            f"at one user, p50 at most {LIMIT}× the floor's ({LIMIT_NEAR}× for the action page and My actions)",
            [f"{r['name']} ({_fmt(r['p50_x_floor'], '×')})" for r in floor_rows if over("p50_x_floor", r)],
        ),
        (
            f"at one user, p95 at most {LIMIT}× the floor's ({LIMIT_NEAR}× for the action page and My actions)",
            [f"{r['name']} ({_fmt(r['p95_x_floor'], '×')})" for r in floor_rows if over("p95_x_floor", r)],
        ),
    ]
    if any("baseline" in row for row in floor_rows):
        found.append(
            (
                f"max throughput at least {THROUGHPUT_GAIN}× the baseline's, same run",
                [
                    f"{r['name']} ({_fmt(r.get('rps_gain'), '×')})"
                    for r in floor_rows
                    if r["name"] in BASELINE_LADDER and (r.get("rps_gain") or 0) < THROUGHPUT_GAIN
                ],
            )
        )
    return found
