"""The garbage collector is paused while a restart unpickles its snapshot and replays its journal, and is back
as it was afterwards (persistence/collector.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from bookmarks_flow.local.persistence.collector import collector_paused


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


@pytest.mark.usefixtures("collector_enabled")
def test_the_collector_is_off_inside_and_back_on_after() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_enabled")
def test_the_collector_is_back_on_after_a_failed_restore() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("a damaged snapshot")
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_enabled")
def test_a_collector_paused_by_the_caller_stays_paused() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
