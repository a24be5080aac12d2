"""The test modules that take longest, which xdist must start first.

``python3 dev.py test`` sends each module whole to one worker (``--dist loadfile``) in collection order
(``--no-loadscope-reorder``). xdist's default order, the modules with most tests first, put the bench's module
(7 tests, ~190 s) near the end, where it ran alone on one worker for minutes after the others had finished.
Starting the longest modules first lets the short ones fill in around them. The list follows the per-module
totals of ``--durations`` in full runs on main (2026-11-30), longest first; a module missing here only starts
later, so the list needs no update for correctness, only when the long poles change.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

LONG_POLES = (
    "tests/bench/test_bench_runs.py",
    "tests/e2e/test_durable_state_crashes.py",
    "tests/e2e/test_durable_state_restarts.py",
    "tests/e2e/test_bulk_import.py",
    "tests/e2e/test_interrupted_import.py",
    "tests/workflow/test_approval_follow_ups.py",
    "tests/console/test_console_in_browser.py",
    "tests/console/test_map_run_in_browser.py",
    "tests/workflow/test_submit_bookmark.py",
    "tests/local/test_performance_adapters.py",
    "tests/workflow/test_import_bookmarks.py",
    "tests/workflow/test_lifecycle_events.py",
    "tests/e2e/test_api_fuzz.py",
    "tests/local/test_crash_during_approval_request.py",
    "tests/iam/test_least_privilege.py",
    "tests/e2e/test_web_api_hostile_parameters.py",
    "tests/operations/test_approval_deadline_alarm.py",
    "tests/e2e/test_approval_links.py",
    "tests/e2e/test_durable_state_directory.py",
    "tests/operations/test_alarms.py",
)


def long_poles_first(items: list[pytest.Item], long_poles: Sequence[str] = LONG_POLES) -> None:
    """Sorts ``items`` in place: the long poles' modules in their order, then the rest as collected. The sort is
    stable, so a module's tests stay together and in their own order."""
    rank = {module: position for position, module in enumerate(long_poles)}

    def position(item: pytest.Item) -> int:
        return rank.get(item.nodeid.split("::", 1)[0], len(rank))

    items.sort(key=position)
