"""Production settings pass Django's deployment checks and send the hardening headers."""

import json
import logging
import os
import subprocess
import sys

from django.conf import settings

from bromley_tracker.log import JSONFormatter

PRODUCTION_ENV = {
    "DEBUG": "0",
    "HTTPS_ONLY": "1",
    "SECRET_KEY": "k3y-" + "Zq8vT1mX0pR7wL2nB5cY9dF4gH6jK" * 2,
    "ALLOWED_HOSTS": "tracker.example.gov.uk",
    "DJANGO_SETTINGS_MODULE": "bromley_tracker.settings",
}


def clean_environment():
    # Browser tests allow Django's async-unsafe calls in this process; production never does.
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*args, env=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean_environment(), **PRODUCTION_ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issues_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env={"SECRET_KEY": ""})
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_pages_send_the_security_headers(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_every_response_carries_a_request_id_and_a_safe_incoming_one_is_kept(client, db):
    assert len(client.get("/healthz")["X-Request-ID"]) == 32
    assert client.get("/healthz", headers={"X-Request-ID": "lb-1234"})["X-Request-ID"] == "lb-1234"
    assert client.get("/healthz", headers={"X-Request-ID": "<script>"})["X-Request-ID"] != "<script>"


def test_log_lines_are_json_with_the_request_id():
    from bromley_tracker.log import JSONFormatter, RequestIDFilter, request_id_var

    token = request_id_var.set("abc123")
    try:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "Something failed", None, None)
        RequestIDFilter().filter(record)
        line = json.loads(JSONFormatter().format(record))
    finally:
        request_id_var.reset(token)
    assert line["request_id"] == "abc123"
    assert line["message"] == "Something failed"
    assert line["level"] == "ERROR"


def test_an_error_shows_the_service_page_not_a_trace_and_is_logged_with_the_request_id(
    db, staff_user, settings, monkeypatch
):
    from django.test import Client

    from actions.models import ActionItemQuerySet
    from bromley_tracker.log import RequestIDFilter

    def broken(self, user):
        raise RuntimeError("database fell over")

    monkeypatch.setattr(ActionItemQuerySet, "for_user", broken)
    settings.DEBUG = False
    records = []
    handler = logging.Handler()
    handler.addFilter(RequestIDFilter())
    handler.emit = records.append
    logging.getLogger("django.request").addHandler(handler)
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    try:
        response = client.get("/", headers={"X-Request-ID": "req-42"})
    finally:
        logging.getLogger("django.request").removeHandler(handler)

    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert "Traceback" not in html and "database fell over" not in html
    [record] = [r for r in records if r.levelno == logging.ERROR]
    assert record.request_id == "req-42"
    assert "database fell over" in json.loads(JSONFormatter().format(record))["exception"]


def read_settings(*names, env=None):
    """The named settings as production would read them from `env`."""
    code = f"from django.conf import settings; print(json.dumps([getattr(settings, n) for n in {names!r}]))"
    result = subprocess.run(
        [sys.executable, "-c", f"import django, json; django.setup(); {code}"],
        cwd=settings.BASE_DIR,
        env={**clean_environment(), **PRODUCTION_ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_an_email_host_emails_are_written_to_the_console():
    [backend] = read_settings("EMAIL_BACKEND", env={"EMAIL_HOST": ""})
    assert backend == "django.core.mail.backends.console.EmailBackend"


def test_email_goes_through_the_configured_smtp_server():
    env = {
        "EMAIL_HOST": "smtp.example.gov.uk",
        "EMAIL_PORT": "2525",
        "EMAIL_HOST_USER": "tracker",
        "EMAIL_HOST_PASSWORD": "s3cret",
        "DEFAULT_FROM_EMAIL": "Improvement tracker <tracker@example.gov.uk>",
    }
    names = ("EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS")
    assert read_settings(*names, "DEFAULT_FROM_EMAIL", env=env) == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.gov.uk",
        2525,
        "tracker",
        "s3cret",
        True,
        "Improvement tracker <tracker@example.gov.uk>",
    ]


def test_sign_in_throttling_reads_its_limits_and_the_proxy_count_from_the_environment():
    env = {"TRUSTED_PROXY_COUNT": "1", "AXES_FAILURE_LIMIT": "7", "SIGN_IN_ADDRESS_FAILURE_LIMIT": "80"}
    names = ("TRUSTED_PROXY_COUNT", "AXES_FAILURE_LIMIT", "SIGN_IN_ADDRESS_FAILURE_LIMIT", "AXES_LOCKOUT_PARAMETERS")
    assert read_settings(*names, env=env) == [1, 7, 80, [["username", "ip_address"]]]


def test_a_malformed_number_stops_the_start_up():
    result = run_manage("check", env={"EMAIL_HOST": "smtp.example.gov.uk", "EMAIL_PORT": "twenty-five"})
    assert result.returncode != 0
    assert "EMAIL_PORT must be a whole number" in result.stderr
