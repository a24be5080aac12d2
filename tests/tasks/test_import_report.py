"""The report of an import from its map run's result entries: every line once, in file order."""

from __future__ import annotations

import json
from typing import Any

from bookmarks_tasks.domain.imports.import_report import import_report, summary_text


def _succeeded(output: dict[str, Any]) -> dict[str, Any]:
    return {"Status": "SUCCEEDED", "Input": "{}", "Output": json.dumps(output)}


def test_lines_of_every_batch_are_reported_in_file_order_with_counts() -> None:
    report = import_report(
        [
            _succeeded({"decided": [{"line": 3, "outcome": "invalid", "reasons": ["bad"]}], "claimed": []}),
            _succeeded({"decided": [], "claimed": [{"line": 1, "outcome": "imported", "bookmarkId": "b1"}]}),
        ]
    )
    assert [line["line"] for line in report["lines"]] == [1, 3]
    assert report["counts"] == {"imported": 1, "review": 0, "duplicate": 0, "invalid": 1, "failed": 0}


def test_the_lines_of_a_failed_batch_are_reported_failed_not_lost() -> None:
    batch = {"Items": [{"line": 5, "submission": {}}, {"line": 6, "problem": "x"}], "BatchInput": {}}
    report = import_report([{"Status": "FAILED", "Input": json.dumps(batch)}])
    assert [(line["line"], line["outcome"]) for line in report["lines"]] == [(5, "failed"), (6, "failed")]


def test_the_report_leaves_out_the_validated_state() -> None:
    claimed = {"line": 1, "outcome": "imported", "bookmarkId": "b1", "bookmark": {"url": "https://e.com/"}}
    [line] = import_report([_succeeded({"decided": [], "claimed": [claimed]})])["lines"]
    assert line == {"line": 1, "outcome": "imported", "bookmarkId": "b1", "url": "https://e.com/"}


def test_the_summary_says_who_imported_how_many() -> None:
    counts = {"imported": 3, "duplicate": 2, "invalid": 1, "failed": 0}
    assert summary_text("f" * 64, "maria", counts).startswith("maria imported 3 bookmarks (2 already known")


def test_the_summary_counts_the_links_sent_for_review() -> None:
    counts = {"imported": 0, "review": 4, "duplicate": 1, "invalid": 0, "failed": 0}
    assert summary_text("f" * 64, "maria", counts).startswith(
        "maria imported 0 bookmarks, sent 4 for review (1 already known"
    )
