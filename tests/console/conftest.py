"""Fixtures for the console: the console as the local stack serves it (see stack.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.console.stack import ConsoleStack, serve_console


@pytest.fixture(scope="module")
def console() -> Iterator[ConsoleStack]:
    """One stack for a module's tests: each test's executions have names and URLs of their own."""
    with serve_console() as stack:
        yield stack


@pytest.fixture
def fresh_console() -> Iterator[ConsoleStack]:
    """A stack for one test, which may break it (see ConsoleStack.break_approval_requests)."""
    with serve_console() as stack:
        yield stack
