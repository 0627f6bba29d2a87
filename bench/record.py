"""Recording a benchmark's latest table in docs/performance.md, between its own markers; counting its queries."""

from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def record_latest(name, table, *, section):
    """Put `table` between the <!-- name:latest --> markers, replacing the last run's; the first time, add the
    markers at the end under `section` (a heading and its introduction)."""
    start, end = f"<!-- {name}:latest -->", f"<!-- /{name}:latest -->"
    text = DOC.read_text()
    block = f"{start}\n{table}\n{end}"
    if start in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + f"\n\n{section}\n\n{block}\n"
    DOC.write_text(text)
    print(f"Recorded in {DOC.relative_to(DOC.parent.parent)}")


class QueryCounter:
    """`with connection.execute_wrapper(counter):` counts the SQL queries run inside, as `counter.queries`."""

    def __init__(self):
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        return execute(sql, params, many, context)
