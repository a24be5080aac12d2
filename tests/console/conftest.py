"""Fixtures for the console: the console as the local stack serves it (see stack.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.console.stack import ConsoleStack, serve_console


@pytest.fixture
def console() -> Iterator[ConsoleStack]:
    with serve_console() as stack:
        yield stack
