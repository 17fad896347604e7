"""Browser tests: pytest-playwright drives Debian's Chromium against Django's live server.

Every journey runs at a phone and at a desktop viewport. Without Chromium on the machine the
tests are skipped with a reason; CI sets REQUIRE_BROWSER=1, which turns that skip into a failure.
"""

import io
import os
import shutil
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import BrowserContext, Page

CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 800},
}


def require(tool: str, found: bool, how: str) -> None:
    """Skip when a tool is missing, unless CI said it must be there (REQUIRE_BROWSER=1)."""
    if found:
        return
    reason = f"{tool} is not installed ({how})"
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"{reason}, and REQUIRE_BROWSER is set")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    require("Chromium", bool(CHROMIUM), "apt-get install chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def playwright(playwright):
    """Playwright's sync API keeps an event loop running in the tests' thread from now on, in
    which Django refuses database calls unless told that this is safe (it is: nothing awaits)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield playwright


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> str:
    return request.param


@pytest.fixture
def browser_context_args(browser_context_args: dict, viewport: str, live_server) -> dict:
    return {**browser_context_args, "viewport": VIEWPORTS[viewport], "base_url": live_server.url}


@pytest.fixture
def demo(transactional_db) -> None:
    """The demo data: past events such as Zaanstad, and upcoming ones to reserve."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def open_page(new_context: Callable[..., BrowserContext], live_server) -> Callable[..., Page]:
    """A page in a fresh browser context, optionally signed in as `user`, optionally without JS."""

    def _open(user=None, *, javascript: bool = True, **context_args) -> Page:
        context = new_context(java_script_enabled=javascript, **context_args)
        context.set_default_timeout(10_000)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
            )
        return context.new_page()

    return _open
