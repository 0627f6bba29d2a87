"""With debug off, as the service runs, templates are compiled once per process and kept (Django's cached loader)."""

import json
import os
import subprocess
import sys

from django.conf import settings

REPORT_LOADERS = """
import json
import django
django.setup()
from django.template import engines
engine = engines["django"].engine
print(json.dumps({
    "debug": engine.debug,
    "loaders": [f"{type(loader).__module__}.{type(loader).__name__}" for loader in engine.template_loaders],
    "wrapped": [f"{type(loader).__module__}" for loader in engine.template_loaders[0].loaders],
}))
"""


def test_templates_are_cached_when_debug_is_off():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "test-only-key",
        "DJANGO_SETTINGS_MODULE": "bromley_tracker.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", REPORT_LOADERS],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    engine = json.loads(result.stdout)
    assert engine["debug"] is False
    assert engine["loaders"] == ["django.template.loaders.cached.Loader"]
    assert engine["wrapped"] == ["django.template.loaders.filesystem", "django.template.loaders.app_directories"]
