"""An import batch's valid links claim their URLs and are recorded, 50 links a transaction, against moto's
DynamoDB: the claim is the single submission's, a refused claim is a duplicate of its owner, a link already
recorded is left as it was, and nothing is written for a link that does not claim its URL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from bookmarks_tasks.aws import import_claims
from bookmarks_tasks.aws.import_claims import claim_and_record
from bookmarks_tasks.domain.imports.import_batch import check_batch
from bookmarks_tasks.domain.imports.import_ids import imported_bookmark_id
from bookmarks_tasks.domain.imports.imported_bookmark import CLAIM_CONDITION
from tests.support.dynamodb_tables import create_pk_table

TABLE = "bookmarks"
IMPORT_ID = "c" * 64
MARIA = {"username": "maria", "email": "maria@example.com"}
EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:import:child"
AT = "2026-11-30T14:00:00.000Z"
WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"


@pytest.fixture
def dynamodb() -> Iterator[Any]:
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        create_pk_table(client, TABLE)
        yield client


def links(count: int, first_line: int = 1, site: str = "claims.example") -> list[dict[str, Any]]:
    items = [
        {"line": line, "submission": {"url": f"https://{site}/page-{line}", "title": f"Page {line}", "tags": ["t"]}}
        for line in range(first_line, first_line + count)
    ]
    return check_batch(items, IMPORT_ID, MARIA)["valid"]


def record(dynamodb: Any, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return claim_and_record(TABLE, batch, IMPORT_ID, EXECUTION, AT, dynamodb)


def item(dynamodb: Any, pk: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = dynamodb.get_item(TableName=TABLE, Key={"pk": {"S": pk}}).get("Item")
    return found


def test_every_link_of_a_batch_claims_its_url_and_is_recorded_approved_by_the_importer(dynamodb: Any) -> None:
    batch = links(120)

    outcomes = record(dynamodb, batch)

    assert [outcome["outcome"] for outcome in outcomes] == ["imported"] * 120
    assert [outcome["line"] for outcome in outcomes] == list(range(1, 121))
    bookmark = item(dynamodb, f"BOOKMARK#{imported_bookmark_id(IMPORT_ID, 77)}")
    assert bookmark is not None
    assert (bookmark["status"]["S"], bookmark["decidedBy"]["S"]) == ("APPROVED", "maria")
    assert bookmark["importLine"]["N"] == "77"
    assert bookmark["decisions"]["L"][0]["M"]["decision"] == {"S": "APPROVED"}
    claim = item(dynamodb, "URL#https://claims.example/page-77")
    assert claim is not None
    assert claim["bookmarkId"]["S"] == imported_bookmark_id(IMPORT_ID, 77)


def test_a_url_another_bookmark_claimed_is_a_duplicate_of_it_and_writes_nothing(dynamodb: Any) -> None:
    dynamodb.put_item(
        TableName=TABLE, Item={"pk": {"S": "URL#https://claims.example/page-30"}, "bookmarkId": {"S": "someone"}}
    )
    batch = links(60)

    outcomes = record(dynamodb, batch)

    assert outcomes[29] == {
        "line": 30,
        "outcome": "duplicate",
        "duplicateOf": "someone",
        "bookmark": {"url": "https://claims.example/page-30"},
    }
    assert [outcome["outcome"] for number, outcome in enumerate(outcomes) if number != 29] == ["imported"] * 59
    assert item(dynamodb, f"BOOKMARK#{imported_bookmark_id(IMPORT_ID, 30)}") is None


def test_a_batch_run_again_keeps_what_the_first_run_recorded(dynamodb: Any) -> None:
    batch = links(70)
    record(dynamodb, batch[:40])
    recorded = item(dynamodb, f"BOOKMARK#{imported_bookmark_id(IMPORT_ID, 3)}")

    outcomes = claim_and_record(TABLE, batch, IMPORT_ID, EXECUTION, "2026-12-01T00:00:00.000Z", dynamodb)

    assert [outcome["outcome"] for outcome in outcomes] == ["imported"] * 70
    assert item(dynamodb, f"BOOKMARK#{imported_bookmark_id(IMPORT_ID, 3)}") == recorded
    later = item(dynamodb, f"BOOKMARK#{imported_bookmark_id(IMPORT_ID, 60)}")
    assert later is not None
    assert later["createdAt"]["S"] == "2026-12-01T00:00:00.000Z"


def test_a_claim_taken_by_an_earlier_run_of_the_same_import_is_taken_again(dynamodb: Any) -> None:
    """An earlier run claimed the URL and stopped before its bookmark was written (as the workflow's old
    two-write path could): this run's claim is its own, and the bookmark is written."""
    [link] = links(1, first_line=14)
    dynamodb.put_item(
        TableName=TABLE,
        Item={"pk": {"S": "URL#https://claims.example/page-14"}, "bookmarkId": {"S": link["bookmarkId"]}},
    )

    [outcome] = record(dynamodb, [link])

    assert outcome["outcome"] == "imported"
    assert item(dynamodb, f"BOOKMARK#{link['bookmarkId']}") is not None


def test_a_transaction_never_holds_more_than_100_writes_or_one_url_twice(
    dynamodb: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sizes: list[int] = []
    real = dynamodb.transact_write_items

    def counting(**request: Any) -> Any:
        sizes.append(len(request["TransactItems"]))
        pks = [write["Put"]["Item"]["pk"]["S"] for write in request["TransactItems"]]
        assert len(pks) == len(set(pks))
        return real(**request)

    monkeypatch.setattr(dynamodb, "transact_write_items", counting)
    batch = links(101)
    twin = dict(batch[5], line=500, bookmarkId=imported_bookmark_id(IMPORT_ID, 500))

    outcomes = record(dynamodb, [*batch, twin])

    assert max(sizes) == 100
    assert outcomes[-1]["outcome"] == "duplicate"
    assert outcomes[-1]["duplicateOf"] == imported_bookmark_id(IMPORT_ID, 6)


def test_a_batch_that_dynamodb_keeps_cancelling_fails_so_that_the_state_retries(
    dynamodb: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from botocore.exceptions import ClientError

    def conflicting(**request: Any) -> Any:
        reasons = [{"Code": "TransactionConflict"}] * len(request["TransactItems"])
        error = {"Code": "TransactionCanceledException", "Message": "conflict"}
        raise ClientError({"Error": error, "CancellationReasons": reasons}, "TransactWriteItems")

    monkeypatch.setattr(dynamodb, "transact_write_items", conflicting)
    monkeypatch.setattr("bookmarks_tasks.aws.import_claims.time.sleep", lambda seconds: None)

    with pytest.raises(import_claims.ClaimsUndecided):
        record(dynamodb, links(3))


def _asl_state(workflow: str, name: str) -> dict[str, Any]:
    def find(states: dict[str, Any]) -> dict[str, Any] | None:
        for state_name, state in states.items():
            if state_name == name:
                return dict(state)
            inner = state.get("ItemProcessor") or state.get("Iterator")
            if inner and (found := find(inner["States"])):
                return found
        return None

    found = find(json.loads((WORKFLOWS / workflow).read_text(encoding="utf-8"))["States"])
    assert found is not None, name
    return found


def test_an_imported_link_claims_its_url_with_the_single_submissions_condition() -> None:
    claim = _asl_state("submit_bookmark.asl.json", "Claim The URL")["Parameters"]
    assert claim["ConditionExpression"] == CLAIM_CONDITION
    assert set(claim["Item"]) == {"pk", "bookmarkId", "claimedAt"}
    assert claim["Item"]["pk"]["S.$"].startswith("States.Format('URL#{}'")


def test_a_cancellation_without_reasons_is_decided_by_reading_the_claims_and_bookmarks(
    dynamodb: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some SDKs give no CancellationReasons (AWS's TransactionCanceledException documentation): the links are
    then decided by consistent reads, and the rest written again."""
    from botocore.exceptions import ClientError

    dynamodb.put_item(
        TableName=TABLE, Item={"pk": {"S": "URL#https://claims.example/page-2"}, "bookmarkId": {"S": "someone"}}
    )
    batch = links(4)
    record(dynamodb, batch[:1])
    real = dynamodb.transact_write_items

    def without_reasons(**request: Any) -> Any:
        try:
            return real(**request)
        except ClientError as error:
            error.response.pop("CancellationReasons", None)
            raise

    monkeypatch.setattr(dynamodb, "transact_write_items", without_reasons)

    outcomes = record(dynamodb, batch)

    assert [outcome["outcome"] for outcome in outcomes] == ["imported", "duplicate", "imported", "imported"]
    assert outcomes[1]["duplicateOf"] == "someone"
    assert item(dynamodb, f"BOOKMARK#{imported_bookmark_id(IMPORT_ID, 4)}") is not None
