"""Browser tests: one Chromium per session (the system package), a fresh context per user.

They run in the full suite; `pytest -m browser` runs only them. Every test here needs the live
server, so its database is transactional; `serialized_rollback` puts back the roles that the
data migration created.
"""

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import expect, sync_playwright

# Playwright's sync API keeps an asyncio event loop running in the main thread, and Django
# refuses database access from a thread with a running loop (SynchronousOnlyOperation).
# The tests only touch the database between browser calls, never concurrently with them,
# and the live server answers from its own thread, so the check can be switched off here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_MISSING = "Chromium is not installed: apt-get install -y chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Fail fast: every page here answers from a local server.
TIMEOUT_MS = 10_000
DEMO_PASSWORD = "browser-tests-demo-password"
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"


def chromium_path():
    return CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")


@pytest.fixture(scope="session")
def browser(django_db_setup):
    path = chromium_path()
    if not path:
        # CI must run these tests: a missing browser there is a broken build, not a skip.
        if os.environ.get("CI") == "true":
            pytest.fail(CHROMIUM_MISSING)
        pytest.skip(CHROMIUM_MISSING)
    # Django keeps one set of database connections per thread, and another per context while an
    # event loop runs in the thread, as it does from here on (see DJANGO_ALLOW_ASYNC_UNSAFE above).
    # The test database was set up before, on the first set: hand its serialized contents to the
    # second, or serialized_rollback would find nothing to restore.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Close this second set now, or PostgreSQL would refuse to drop a test database still in use.
        connections.close_all()


@pytest.fixture
def new_page(browser, live_server):
    """new_page(viewport=None) -> a page in a fresh browser context (its own cookies) on the live server;
    viewport={"width": ..., "height": ...} sets its window size (tests.browser.reflow.PHONE)."""
    contexts = []

    def make(viewport=None):
        size = {"viewport": viewport} if viewport else {}
        context = browser.new_context(base_url=live_server.url, accept_downloads=True, **size)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def sign_in(new_page):
    """sign_in(username, password, viewport=None) -> a page signed in through the real sign-in form, on My actions."""

    def sign_in_as(username, password, viewport=None):
        page = new_page(viewport)
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        # A failed sign-in stays on the form (and counts towards the lockout): stop at once.
        expect(page.get_by_role("heading", level=1, name="My actions")).to_be_visible()
        return page

    return sign_in_as


@pytest.fixture
def demo_data(monkeypatch):
    """The seed data, demo accounts (admin, leader, staff, staff2, essex.leader) and demo measures; returns their
    password."""
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_demo_measures", stdout=io.StringIO())
    return DEMO_PASSWORD


@pytest.fixture
def screenshot():
    """screenshot(page, name): keep a full-page picture in test-artifacts/screenshots/ (never committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name):
        safe = re.sub(r"[^a-z0-9_.-]+", "-", name.lower()).strip("-")
        page.screenshot(path=str(SCREENSHOTS / f"{safe}.png"), full_page=True)

    return save
