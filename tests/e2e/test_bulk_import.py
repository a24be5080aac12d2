"""A manager imports a 2,000-link browser export on the local stack (a subprocess, over HTTP) with the
`bookmarks import` command, and the report is checked line by line against how the file was written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.bookmark_exports import Export, chrome_export, report_mismatches
from bookmarks_tasks.domain.imports.import_ids import import_id_of, imported_bookmark_id
from tests.support.stack_process import RunningStack
from tests.support.workflow import wait_for

pytestmark = pytest.mark.e2e
LINKS = 2000


@pytest.fixture(scope="module")
def export() -> Export:
    return chrome_export(LINKS, site="e2e-import.example")


@pytest.fixture(scope="module")
def imported(stack: RunningStack, export: Export, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The CLI's import of the file (its output), then the finished import as GET /imports/{id} answers."""
    path = tmp_path_factory.mktemp("import") / "bookmarks.html"
    path.write_bytes(export.content)
    command = [str(Path(sys.executable).parent / "bookmarks"), "import", str(path), "--api", stack.api, "--as", "maria"]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    answer = stack.client("maria").import_progress(import_id_of(export.content))
    return {"output": finished.stdout, "answer": answer}


def test_the_command_prints_the_counts_of_the_report(imported: dict[str, Any], export: Export) -> None:
    outcomes = [outcome for outcome, _ in export.expected.values()]
    counts = f"Imported {outcomes.count('imported')}, duplicates {outcomes.count('duplicate')}, "
    assert counts + f"invalid {outcomes.count('invalid')}, failed 0." in imported["output"]


def test_every_line_of_the_report_is_the_outcome_its_line_was_written_for(
    imported: dict[str, Any], export: Export
) -> None:
    import_id = import_id_of(export.content)
    report = imported["answer"]["report"]
    assert report_mismatches(report, export, lambda line: imported_bookmark_id(import_id, line)) == []


def test_the_map_run_counted_every_link(imported: dict[str, Any]) -> None:
    assert imported["answer"]["progress"] == {"links": LINKS, "done": LINKS, "failed": 0, "running": 0}


def test_the_same_file_again_is_the_same_import_and_imports_nothing(
    imported: dict[str, Any], stack: RunningStack, export: Export
) -> None:
    client = stack.client("maria")
    again = client.start_import(export.content)
    assert again["importId"] == imported["answer"]["importId"]
    answer = wait_for(lambda: (a := client.import_progress(again["importId"]))["status"] != "RUNNING" and a, 60, "it")
    assert answer["report"] == imported["answer"]["report"]
    assert answer["startedAt"] == imported["answer"]["startedAt"]
