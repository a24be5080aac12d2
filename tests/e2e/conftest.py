"""One local stack for the end-to-end tests of a session: every test uses its own URLs, so they do not collide."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.stack_process import RunningStack, running_stack


@pytest.fixture(scope="session")
def stack() -> Iterator[RunningStack]:
    with running_stack() as running:
        yield running
