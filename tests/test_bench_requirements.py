"""`make bench` installs every library the benchmark imports, at a pinned version."""

import ast
import re
import sys

from django.conf import settings

ROOT = settings.BASE_DIR
PROJECT_PACKAGES = {init.parent.name for init in ROOT.glob("*/__init__.py")}


def pinned(*requirement_files):
    """The distributions pinned with == in these files, by normalised name."""
    names = set()
    for path in requirement_files:
        for line in path.read_text().splitlines():
            match = re.match(r"^([A-Za-z0-9_.-]+)(\[[^\]]*\])?==\S+", line.strip())
            if match:
                names.add(re.sub(r"[-_.]+", "_", match.group(1)).lower())
    return names


def imported_libraries(folder):
    """Top-level modules imported by the Python files in folder, other than the standard library's and ours."""
    modules = set()
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules.add(node.module.split(".")[0])
    return {m.lower() for m in modules - set(sys.stdlib_module_names) - PROJECT_PACKAGES}


def test_every_library_the_benchmark_imports_is_pinned():
    libraries = imported_libraries(ROOT / "bench")
    assert {"django", "locust", "requests"} <= libraries
    assert libraries - pinned(ROOT / "requirements.txt", ROOT / "requirements-bench.txt") == set()
