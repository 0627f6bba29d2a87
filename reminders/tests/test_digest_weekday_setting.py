"""The digest day is set by name in the environment; a word that is not a day stops start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from bromley_tracker.settings import env_weekday


def test_unset_gives_monday(monkeypatch):
    monkeypatch.delenv("REMINDERS_DIGEST_WEEKDAY", raising=False)
    assert env_weekday("REMINDERS_DIGEST_WEEKDAY", "Monday") == 0


@pytest.mark.parametrize(("value", "number"), [("Wednesday", 2), (" friday ", 4), ("SUNDAY", 6)])
def test_a_day_is_read_by_its_name(monkeypatch, value, number):
    monkeypatch.setenv("REMINDERS_DIGEST_WEEKDAY", value)
    assert env_weekday("REMINDERS_DIGEST_WEEKDAY", "Monday") == number


@pytest.mark.parametrize("value", ["Mon", "1", "someday"])
def test_anything_else_is_refused_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("REMINDERS_DIGEST_WEEKDAY", value)
    with pytest.raises(ImproperlyConfigured, match="REMINDERS_DIGEST_WEEKDAY must be a day of the week"):
        env_weekday("REMINDERS_DIGEST_WEEKDAY", "Monday")
