"""The full run starts its longest modules first (tests/support/long_poles.py, dev.py's --no-loadscope-reorder)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tests.support.long_poles import LONG_POLES, long_poles_first

PROJECT_DIR = Path(__file__).resolve().parents[2]


def _items(*nodeids: str) -> list[Any]:
    return [SimpleNamespace(nodeid=nodeid) for nodeid in nodeids]


def test_every_long_pole_is_a_test_module_of_the_suite() -> None:
    assert [module for module in LONG_POLES if not (PROJECT_DIR / module).is_file()] == []
    assert len(set(LONG_POLES)) == len(LONG_POLES)


def test_the_long_poles_start_first_in_their_order_and_each_module_keeps_its_tests_together_in_order() -> None:
    items = _items(
        "tests/a/test_short.py::test_one",
        "tests/e2e/test_slow.py::test_first",
        "tests/a/test_short.py::test_two",
        "tests/b/test_slowest.py::test_only",
        "tests/e2e/test_slow.py::test_second[x]",
        "tests/c/test_other.py::test_one",
    )
    long_poles_first(items, ("tests/b/test_slowest.py", "tests/e2e/test_slow.py"))
    assert [item.nodeid for item in items] == [
        "tests/b/test_slowest.py::test_only",
        "tests/e2e/test_slow.py::test_first",
        "tests/e2e/test_slow.py::test_second[x]",
        "tests/a/test_short.py::test_one",
        "tests/a/test_short.py::test_two",
        "tests/c/test_other.py::test_one",
    ]
