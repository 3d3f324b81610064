"""Browser test harness: Playwright (sync API) driving Debian's chromium against
pytest-django's live server, with axe-core run on every page a journey visits.

Fixtures
    ``browser``  one headless chromium for the session.
    ``page``     a fresh browser context and page per test, its base URL the live server.
                 At the end of the test it fails if a document the page loaded was never
                 checked with axe (see :func:`tests.browser.helpers.assert_accessible`).
    ``staff_user_with_two_factor``, ``provider_user`` etc. live in the test modules.

Every test collected under tests/browser gets the ``browser`` marker, so
``pytest -m "not browser"`` never starts chromium.
"""

import os
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.browser.helpers import AxeTracker

CHROMIUM = "/usr/bin/chromium"
# Root in a container, no network: no sandbox, no GPU, nothing that phones home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_DIR = Path(__file__).resolve().parent
CALL_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # tryfirst: the marker must be on the item before `-m` deselection looks at it.
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # Keep the call's outcome so that `page` adds no second failure to a failed journey.
    report = yield
    if call.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Browser tests need Debian's chromium at {CHROMIUM}: apt-get install chromium")
    # Playwright's sync API keeps an event loop running in this thread; Django would
    # otherwise refuse ORM calls made by the test (fixtures, assertions) from it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        yield playwright
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def page(
    request: pytest.FixtureRequest, browser: Browser, live_server: LiveServer
) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    tracker = AxeTracker.attach(page)
    yield page
    context.close()
    unchecked = tracker.unchecked()
    if unchecked and not request.node.stash.get(CALL_FAILED, False):
        pytest.fail(
            "These pages were visited but never checked with assert_accessible(page):\n"
            + "\n".join(f"  {url}" for url in unchecked)
        )
