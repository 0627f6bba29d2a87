"""`make run` serves the product as people meet it: debug off, its own error pages, a local secret key."""

import json
import os
import stat
import subprocess
import sys

from django.conf import settings

REPORT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
}))
"""

REQUEST_PAGES = """
import json
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1:8000")
pages = {}
for path in ("/no-such-page/", "/accounts/login/", "/static/css/app.css"):
    response = client.get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    pages[path] = {"status": response.status_code, "body": body.decode(errors="replace")}
print(json.dumps(pages))
"""


def run_with_make_run_settings(code, tmp_path, **env):
    """Run Python code under the settings `make run` uses, with an empty database and the key in tmp_path."""
    base = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY", "HTTPS_ONLY"}}
    base.update(
        DJANGO_SETTINGS_MODULE="bromley_tracker.settings_local",
        SECRET_KEY_FILE=str(tmp_path / "secret_key"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=base, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_debug_is_off_even_when_the_shell_turns_it_on(tmp_path):
    ran = run_with_make_run_settings(REPORT_SETTINGS, tmp_path, DEBUG="1")
    assert ran["DEBUG"] is False


def test_it_serves_plain_http_on_this_machine_only(tmp_path):
    ran = run_with_make_run_settings(REPORT_SETTINGS, tmp_path, ALLOWED_HOSTS="tracker.example.gov.uk")
    assert ran["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]
    assert ran["SECURE_SSL_REDIRECT"] is False
    assert ran["SESSION_COOKIE_SECURE"] is False


def test_a_secret_key_is_generated_once_and_kept_private(tmp_path):
    first = run_with_make_run_settings(REPORT_SETTINGS, tmp_path)["SECRET_KEY"]
    second = run_with_make_run_settings(REPORT_SETTINGS, tmp_path)["SECRET_KEY"]

    key_file = tmp_path / "secret_key"
    assert first == second == key_file.read_text().strip()
    assert len(first) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    other = tmp_path / "elsewhere"
    other.mkdir()
    assert run_with_make_run_settings(REPORT_SETTINGS, other)["SECRET_KEY"] != first


def test_a_wrong_address_gets_the_products_page_not_found(tmp_path):
    page = run_with_make_run_settings(REQUEST_PAGES, tmp_path)["/no-such-page/"]
    assert page["status"] == 404
    assert "<title>Page not found – Improvement tracker</title>" in page["body"]
    assert "If you typed the web address, check it is correct." in page["body"]
    assert "URLconf" not in page["body"]


def test_the_sign_in_page_and_the_stylesheet_are_served(tmp_path):
    pages = run_with_make_run_settings(REQUEST_PAGES, tmp_path)
    assert pages["/accounts/login/"]["status"] == 200
    assert "Sign in" in pages["/accounts/login/"]["body"]
    assert pages["/static/css/app.css"]["status"] == 200
    assert ".govuk-header" in pages["/static/css/app.css"]["body"]


def test_make_run_uses_these_settings_at_every_step():
    result = subprocess.run(["make", "-n", "run"], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    steps = [line for line in result.stdout.splitlines() if "manage.py" in line]
    assert [line.split("manage.py ")[1].split()[0] for line in steps] == [
        "migrate",
        "load_demo_data",
        "load_demo_measures",
        "runserver",
    ]
    assert all("DJANGO_SETTINGS_MODULE=bromley_tracker.settings_local" in line for line in steps)
