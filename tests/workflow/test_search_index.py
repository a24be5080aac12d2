"""The search index: the transaction that approves a bookmark indexes it under each of its words, and nothing
else is ever indexed."""

from __future__ import annotations

from typing import Any

from bookmarks_tasks.aws.bookmark_words_table import word_item
from bookmarks_tasks.domain.bookmark_search import indexed_words
from tests.support.workflow import Workflow


def _indexed(workflow: Workflow, bookmark_id: str) -> list[dict[str, Any]]:
    items = workflow.dynamodb.scan(TableName=workflow.table("BookmarkWordsTable"))["Items"]
    return sorted(
        (item for item in items if item["bookmarkId"]["S"] == bookmark_id), key=lambda item: item["word"]["S"]
    )


def test_an_approved_bookmark_is_indexed_under_each_of_its_words(workflow: Workflow) -> None:
    bookmark_id = workflow.submit(
        "https://docs.example.org/Ownership", title="The Ownership Guide", tags=["Rust"], description="Borrowing, too."
    )
    workflow.wait_for_approval_request(bookmark_id)

    workflow.decide(bookmark_id, "APPROVED")

    assert workflow.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
    bookmark = workflow.bookmark(bookmark_id)
    words = indexed_words(bookmark)
    expected = [word_item(word, bookmark["createdAt"], bookmark_id, words, bookmark["tags"]) for word in sorted(words)]
    assert _indexed(workflow, bookmark_id) == expected
    assert {item["word"]["S"] for item in expected} >= {"ownership", "guide", "rust", "docs", "borrowing", "too"}


def test_a_rejected_bookmark_is_not_indexed(workflow: Workflow) -> None:
    bookmark_id = workflow.submit("https://example.com/rejected-and-unindexed", title="Never Found")
    workflow.wait_for_approval_request(bookmark_id)

    workflow.decide(bookmark_id, "REJECTED", comment="no")

    assert workflow.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
    assert _indexed(workflow, bookmark_id) == []


def test_a_bookmark_waiting_for_approval_is_not_indexed(workflow: Workflow) -> None:
    bookmark_id = workflow.submit("https://example.com/waiting-and-unindexed", title="Not Yet")
    workflow.wait_for_approval_request(bookmark_id)

    assert _indexed(workflow, bookmark_id) == []
