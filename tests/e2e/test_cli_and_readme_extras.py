"""What a README user does besides the walkthrough: get an ID token for curl, list bookmarks in a narrow
terminal and copy an id, and see their own e-mail address recorded with what they submit."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import requests

from tests.support.bookmark_status import status_of, unique_url
from tests.support.mail import approval_link
from tests.support.stack_process import PROJECT_DIR, RunningStack
from tests.support.workflow import wait_for

TOKEN_BLOCK = re.compile(r"<!-- token:start -->\s*```bash\n(?P<commands>.*?)```\s*<!-- token:end -->", re.DOTALL)
BOOKMARKS = str(Path(sys.executable).parent / "bookmarks")


def run_cli(stack: RunningStack, *arguments: str, columns: int = 200) -> str:
    environment = {**os.environ, "BOOKMARKS_API_URL": stack.api, "COLUMNS": str(columns)}
    result = subprocess.run(
        [BOOKMARKS, *arguments], env=environment, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_readme_token_example_lists_bookmarks_with_curl(stack: RunningStack) -> None:
    accepted = stack.client("alice").submit(f"https://example.com/curl/{uuid.uuid4().hex}")
    match = TOKEN_BLOCK.search((PROJECT_DIR / "README.md").read_text(encoding="utf-8"))
    assert match, "README.md has no token block"
    wait_for(
        lambda: stack.client("alice").bookmark(accepted["bookmarkId"])["status"] == "PENDING_APPROVAL",
        20,
        "the bookmark to wait for approval",
    )

    result = subprocess.run(
        ["bash", "-e", "-c", match["commands"]],
        cwd=PROJECT_DIR,
        env={**os.environ, "BOOKMARKS_API_URL": stack.api},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    ids = [item["bookmarkId"] for item in json.loads(result.stdout)["items"]]
    assert accepted["bookmarkId"] in ids


def test_the_token_command_prints_only_a_token(stack: RunningStack) -> None:
    printed = run_cli(stack, "token", "--as", "maria", columns=40).strip()
    assert re.fullmatch(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+", printed)


def test_bookmark_ids_are_listed_whole_in_an_80_column_terminal(stack: RunningStack) -> None:
    alice = stack.client("alice")
    accepted = alice.submit(f"https://example.com/narrow/{uuid.uuid4().hex}", title="A title " * 20)
    wait_for(lambda: alice.bookmark(accepted["bookmarkId"])["status"] == "PENDING_APPROVAL", 20, "the bookmark")

    listed = run_cli(stack, "list", "--status", "PENDING_APPROVAL", columns=80)

    assert f"{accepted['bookmarkId']}  PENDING_APPROVAL" in listed.splitlines()


def test_a_submission_records_the_submitters_email_from_the_id_token(stack: RunningStack) -> None:
    accepted = stack.client("bob").submit(f"https://example.com/email/{uuid.uuid4().hex}")
    table = next(
        name for name in stack.aws_client("dynamodb").list_tables()["TableNames"] if name.endswith("BookmarksTable")
    )

    def stored() -> dict[str, str] | None:
        key = {"pk": {"S": f"BOOKMARK#{accepted['bookmarkId']}"}}
        item = stack.aws_client("dynamodb").get_item(TableName=table, Key=key, ConsistentRead=True).get("Item")
        return {name: value.get("S", "") for name, value in item.items()} if item else None

    record = wait_for(stored, 20, "the bookmark's record")
    execution = stack.aws_client("stepfunctions").describe_execution(executionArn=accepted["executionArn"])

    assert record["submitterEmail"] == "bob@example.com"
    assert json.loads(execution["input"])["submitter"] == {"username": "bob", "email": "bob@example.com"}


def _search(stack: RunningStack, words: str) -> list[str]:
    answer = requests.get(
        f"{stack.api}/search", params={"q": words}, headers={"Authorization": stack.token("alice")}, timeout=30
    )
    answer.raise_for_status()
    return [item["bookmarkId"] for item in answer.json()["items"]]


def test_reindex_makes_a_bookmark_approved_before_the_word_index_findable_by_its_words(stack: RunningStack) -> None:
    word = uuid.uuid4().hex[:12]
    accepted = stack.client("bob").submit(unique_url("reindex"), title=f"Before the index {word}")
    stack.client("maria").decide(approval_link(stack.api, accepted["bookmarkId"]), "APPROVED")
    status_of(stack.client("bob"), accepted["bookmarkId"], {"APPROVED"})
    dynamodb = stack.aws_client("dynamodb")
    words_table = next(name for name in dynamodb.list_tables()["TableNames"] if name.endswith("BookmarkWordsTable"))
    key = {"TableName": words_table, "KeyConditionExpression": "word = :w"}
    [item] = dynamodb.query(**key, ExpressionAttributeValues={":w": {"S": word}})["Items"]
    # As if it had been approved before the index existed.
    dynamodb.delete_item(TableName=words_table, Key={"word": item["word"], "position": item["position"]})
    assert _search(stack, word) == []

    printed = run_cli(stack, "reindex", "--endpoint-url", stack.aws)

    assert "Indexed" in printed
    assert _search(stack, word) == [accepted["bookmarkId"]]
