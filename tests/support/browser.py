"""Headless Chromium for browser tests: Debian's chromium driven by Playwright (never a downloaded browser).

Browser tests skip when /usr/bin/chromium is missing, unless REQUIRE_BROWSER=1 (CI) turns that into a failure.
Script errors and console errors (CSP violations among them) fail the test that caused them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser_unavailable(reason: str) -> None:
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        _browser_unavailable(f"{CHROMIUM} is missing (Debian package chromium); browser tests need it")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_unavailable("the playwright package is not installed; browser tests need it")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def browser_errors() -> list[str]:
    """Script errors and console errors (CSP violations among them) that the page reported."""
    return []


@pytest.fixture
def page(browser: Browser, browser_errors: list[str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    opened.on("pageerror", lambda error: browser_errors.append(f"page error: {error}"))

    def console_message(message: ConsoleMessage) -> None:
        if message.type == "error":
            browser_errors.append(f"console error: {message.text}")

    opened.on("console", console_message)
    yield opened
    context.close()
    assert browser_errors == []
