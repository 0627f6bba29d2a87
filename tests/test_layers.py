"""The apps are layered and each imports only the layers below it (see the README's "How it is built")."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

# Lowest first. Domain apps side by side (actions, and those to come) share a layer and do not import each other;
# reminders tells people about actions, so it sits above them.
LAYERS = [["accounts"], ["inspections"], ["actions", "deadlines", "measures"], ["reminders"], ["plans"]]
APPS = [app for layer in LAYERS for app in layer]


def layer_of(app):
    return next(index for index, layer in enumerate(LAYERS) if app in layer)


def imported_apps(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top in APPS:
                yield top, node.lineno


def modules(app):
    # Migrations name other apps in their dependencies, not in imports; the tests of an app may use anything.
    root = Path(settings.BASE_DIR) / app
    return [path for path in root.rglob("*.py") if "tests" not in path.parts]


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_the_apps_below_it(app):
    crossings = [
        f"{path.relative_to(settings.BASE_DIR)}:{line} imports {other}"
        for path in modules(app)
        for other, line in imported_apps(path)
        if other != app and layer_of(other) >= layer_of(app)
    ]
    assert crossings == []
