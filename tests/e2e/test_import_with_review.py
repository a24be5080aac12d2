"""A manager imports a small file with `bookmarks import FILE --review` on the local stack (a subprocess, over
HTTP): each link is sent through the normal approval, and another manager approves one through the link in
their mailbox."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from bookmarks_flow.client import ApiError
from bookmarks_tasks.domain.imports.import_ids import import_id_of, imported_bookmark_id
from tests.support.mail import approval_link
from tests.support.stack_process import RunningStack
from tests.support.workflow import wait_for

pytestmark = pytest.mark.e2e
LINKS = 5


@pytest.fixture(scope="module")
def content() -> bytes:
    run = uuid.uuid4().hex[:8]  # the session's stack may have imported another run's file
    lines = [f'{{"url": "https://review-{run}.example/{n}", "title": "Link {n}"}}' for n in range(1, LINKS + 1)]
    return ("\n".join(lines) + "\n").encode()


def _import(stack: RunningStack, path: Path) -> str:
    command = [str(Path(sys.executable).parent / "bookmarks"), "import", str(path), "--review"]
    finished = subprocess.run(
        [*command, "--api", stack.api, "--as", "maria"], capture_output=True, text=True, timeout=300, check=False
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    return finished.stdout


@pytest.fixture(scope="module")
def reviewed(stack: RunningStack, content: bytes, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("review") / "links.jsonl"
    path.write_bytes(content)
    output = _import(stack, path)
    return {"output": output, "answer": stack.client("maria").import_progress(import_id_of(content))}


def test_the_command_reports_each_link_as_sent_for_review_with_its_bookmark_id(
    reviewed: dict[str, Any], content: bytes
) -> None:
    import_id = import_id_of(content)
    assert f"Imported 0, sent for review {LINKS}, duplicates 0, invalid 0, failed 0." in reviewed["output"]
    for line in range(1, LINKS + 1):
        bookmark_id = imported_bookmark_id(import_id, line)
        assert f"line {line}: sent for review as bookmark {bookmark_id}" in reviewed["output"]


def test_a_manager_approves_a_link_sent_for_review_through_the_link_in_their_mailbox(
    reviewed: dict[str, Any], stack: RunningStack, content: bytes
) -> None:
    bookmark_id = imported_bookmark_id(import_id_of(content), 2)
    link = approval_link(stack.api, bookmark_id)

    stack.client("omar").decide(link, "APPROVED")  # opens the page, then decides, as a manager does

    client = stack.client("maria")
    approved = wait_for(lambda: client.bookmark(bookmark_id)["status"] == "APPROVED", 30, f"{bookmark_id} approved")
    assert approved
    assert client.bookmark(imported_bookmark_id(import_id_of(content), 3))["status"] == "PENDING_APPROVAL"


def test_a_link_already_known_is_reported_a_duplicate_and_sent_to_no_manager(
    reviewed: dict[str, Any], stack: RunningStack, content: bytes, tmp_path: Path
) -> None:
    """A second file with review: its first link's URL is claimed by the first import's link 4 (still waiting for
    a manager), so it is a duplicate of that bookmark, as without review; only its new link is sent."""
    known = content.decode().splitlines()[3].replace('"title": "Link 4"', '"title": "Link 4 again"')
    new_url = f"https://review-{uuid.uuid4().hex[:8]}.example/new"
    path = tmp_path / "again.jsonl"
    path.write_text(f'{known}\n{{"url": "{new_url}"}}\n')
    output = _import(stack, path)
    first = imported_bookmark_id(import_id_of(content), 4)
    second = import_id_of(path.read_bytes())
    assert "Imported 0, sent for review 1, duplicates 1, invalid 0, failed 0." in output
    assert f"line 1: duplicate of bookmark {first}" in output
    assert f"line 2: sent for review as bookmark {imported_bookmark_id(second, 2)}" in output
    with pytest.raises(ApiError) as no_submission:
        stack.client("maria").bookmark(imported_bookmark_id(second, 1))
    assert no_submission.value.status == 404
