"""Yes/no settings from the environment understand a few words and refuse anything else."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from bromley_tracker.settings import env_bool


@pytest.mark.parametrize("value", ["1", "true", "yes", "on", "True", " ON "])
def test_the_words_for_on_turn_it_on(monkeypatch, value):
    monkeypatch.setenv("HTTPS_ONLY", value)
    assert env_bool("HTTPS_ONLY") is True


@pytest.mark.parametrize("value", ["0", "false", "no", "off", "FALSE"])
def test_the_words_for_off_turn_it_off(monkeypatch, value):
    monkeypatch.setenv("HTTPS_ONLY", value)
    assert env_bool("HTTPS_ONLY", default=True) is False


@pytest.mark.parametrize("value", [None, "", "  "])
def test_unset_or_empty_gives_the_default(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("HTTPS_ONLY", raising=False)
    else:
        monkeypatch.setenv("HTTPS_ONLY", value)
    assert env_bool("HTTPS_ONLY", default=True) is True
    assert env_bool("HTTPS_ONLY", default=False) is False


@pytest.mark.parametrize("value", ["ture", "2", "enabled", "y"])
def test_any_other_value_is_refused_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("HTTPS_ONLY", value)
    with pytest.raises(ImproperlyConfigured, match=f"HTTPS_ONLY is '{value}'"):
        env_bool("HTTPS_ONLY")


def test_the_service_does_not_start_with_a_typo_in_debug():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DJANGO_SETTINGS_MODULE="bromley_tracker.settings", DEBUG="ture")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: DEBUG is 'ture'" in result.stderr
