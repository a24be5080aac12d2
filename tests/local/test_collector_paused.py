"""The garbage collector is paused while a restart unpickles its snapshot and replays its journal, and is back
as it was afterwards (persistence/collector.py)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

from bookmarks_flow.local.persistence.collector import (
    COLLECTOR_THRESHOLDS,
    after_start,
    collector_paused,
    pause_for_start,
)


class Node:
    next: Any = None


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


@pytest.fixture
def collector_restored() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)
    gc.enable()


@pytest.mark.usefixtures("collector_restored")
def test_after_the_start_the_collector_runs_at_the_stack_thresholds_with_the_start_frozen() -> None:
    pause_for_start()
    after_start()

    assert gc.isenabled()
    assert gc.get_threshold() == COLLECTOR_THRESHOLDS
    assert gc.get_freeze_count() > 0


@pytest.mark.usefixtures("collector_restored")
def test_after_the_start_a_garbage_cycle_is_still_collected_without_being_asked() -> None:
    after_start()
    cycle = Node()
    cycle.next = cycle
    gone = weakref.ref(cycle)
    del cycle

    kept: list[list[int]] = [[] for _ in range(3 * COLLECTOR_THRESHOLDS[0])]

    assert gone() is None
    assert len(kept) == 3 * COLLECTOR_THRESHOLDS[0]
