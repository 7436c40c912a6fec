"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

The browser is /usr/bin/chromium (apt-get install chromium), never one downloaded by
`playwright install`. Without it these tests skip, or fail when CI=true.
Every test gets a fresh browser context (no cookies) whose base URL is the live server, and
fails if the page raised a JavaScript error. Requests to any other host are refused.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright
from pytest_django.live_server_helper import LiveServer

from redress.tests_browser.helpers import AXE_PATH, sign_in_through_form

# Playwright's sync API runs an asyncio event loop in this thread, which trips Django's
# "you cannot call this from an async context" check on ORM calls made by the tests themselves.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root in a container
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000

# The browser, while a session's `browser` fixture has it open.
_running: list[Browser] = []


def _missing(message: str) -> None:
    """Fail in CI, where the browser tests must run; skip on a developer's machine."""
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        _missing(
            f"{CHROMIUM} is missing: install it with `apt-get install chromium` to run the "
            "browser tests (never `playwright install`)."
        )
    if not AXE_PATH.exists():
        _missing(f"{AXE_PATH} is missing: run `npm ci` (axe-core is a devDependency).")
    if _running:
        # Another copy of this fixture (imported into a test module elsewhere) already started
        # Playwright, which can run only once per thread; share its browser.
        yield _running[0]
        return
    with sync_playwright() as playwright:
        # launch() gives the browser a fresh, temporary user data directory.
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        _running.append(browser)
        try:
            yield browser
        finally:
            _running.clear()
            browser.close()


@pytest.fixture
def server_url(live_server: LiveServer, transactional_db: None) -> str:
    """The live server's URL. Asking for transactional_db here orders these tests last."""
    return live_server.url


@pytest.fixture
def context(browser: Browser, server_url: str) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=server_url, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(TIMEOUT_MS)

    def only_the_live_server(route: Route) -> None:
        url = route.request.url
        if not url.startswith(server_url):
            route.abort()
        elif "/assets/fonts/" in url:
            # GOV.UK Frontend's CSS asks for GDS Transport, which Redress never serves
            # (docs/decisions/0002-fonts.md). Answer here rather than log 404s for each page.
            route.fulfill(status=404)
        else:
            route.continue_()

    context.route("**/*", only_the_live_server)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, "JavaScript errors on the page:\n" + "\n".join(errors)


@pytest.fixture
def sign_in(page: Page) -> Callable[..., Page]:
    """sign_in(user) signs the user in through the real form at /account/sign-in/.

    Users made by the casework factories have the password FACTORY_PASSWORD; pass password=…
    for any other.
    """

    def _sign_in(user: object, password: str | None = None) -> Page:
        username = user if isinstance(user, str) else user.get_username()  # type: ignore[attr-defined]
        if password is None:
            sign_in_through_form(page, username)
        else:
            sign_in_through_form(page, username, password)
        return page

    return _sign_in
