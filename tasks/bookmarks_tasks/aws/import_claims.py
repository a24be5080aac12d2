"""An import batch's valid links, each claiming its URL and recorded approved: two conditional writes per link,
in one transaction with the writes of up to 49 other links.

A link's claim and its bookmark are written together or not at all (the claim is the single submission's, see
domain/imports/imported_bookmark.py). DynamoDB cancels the whole transaction if any of its conditions fails and
says which (``CancellationReasons``, in the order of ``TransactItems``:
https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html). So a cancelled
transaction decides the links it names:

- its bookmark exists: the link was imported by an earlier run of this import (its claim is its own);
- its claim was refused: the URL is another bookmark's, read with a consistent read as the single submission
  does: a duplicate of it; if the claim is gone by then, the link tries again;
- nothing refused: the link was only cancelled with the others and goes in the next transaction.

Where an SDK gives no reasons, consistent reads of each link's bookmark and claim decide the same way.

Each transaction takes at most 100 writes and no item twice.
"""

from __future__ import annotations

import time
from typing import Any

from botocore.exceptions import ClientError

from bookmarks_tasks.aws.clients import client
from bookmarks_tasks.domain.imports.imported_bookmark import claim_key, claim_put, duplicate, imported, record_put

LINKS_PER_TRANSACTION = 50  # two writes each: TransactWriteItems takes at most 100
REFUSED = "ConditionalCheckFailed"
# Rounds that decide no link (a conflict with another writer, a throttle) before the batch gives up: the state's
# Retry runs it again later, and what this run wrote stays written.
MAX_UNDECIDED_ROUNDS = 6


class ClaimsUndecided(RuntimeError):
    """DynamoDB kept cancelling the transactions (conflicts or throttling): running the batch again is safe."""


def _next_transaction(pending: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Up to LINKS_PER_TRANSACTION links, none claiming a URL another of them claims."""
    taken: list[dict[str, Any]] = []
    urls: set[str] = set()
    rest: list[dict[str, Any]] = []
    for link in pending:
        url = link["bookmark"]["normalizedUrl"]
        if len(taken) < LINKS_PER_TRANSACTION and url not in urls:
            taken.append(link)
            urls.add(url)
        else:
            rest.append(link)
    return taken, rest


def _existing_claim(dynamodb: Any, table_name: str, link: dict[str, Any]) -> str | None:
    answer = dynamodb.get_item(
        TableName=table_name, Key=claim_key(link["bookmark"]["normalizedUrl"]), ConsistentRead=True
    )
    owner = answer.get("Item", {}).get("bookmarkId", {}).get("S")
    return None if owner is None else str(owner)


def claim_and_record(
    table_name: str,
    links: list[dict[str, Any]],
    import_id: str,
    execution_arn: str,
    at: str,
    dynamodb: Any = None,
) -> list[dict[str, Any]]:
    """Each link's outcome (imported or duplicate), in the order of ``links``."""
    dynamodb = dynamodb or client("dynamodb")
    outcomes: dict[int, dict[str, Any]] = {}
    pending = list(links)
    undecided_rounds = 0
    while pending:
        batch, pending = _next_transaction(pending)
        writes = [
            write
            for link in batch
            for write in (
                {"Put": claim_put(table_name, link, at)},
                {"Put": record_put(table_name, link, import_id, execution_arn, at)},
            )
        ]
        try:
            dynamodb.transact_write_items(TransactItems=writes)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") != "TransactionCanceledException":
                raise
            reasons = [reason.get("Code", "None") for reason in error.response.get("CancellationReasons", [])]
            again = _decide_cancelled(dynamodb, table_name, batch, reasons, outcomes)
            undecided_rounds = undecided_rounds + 1 if len(again) == len(batch) else 0
            if undecided_rounds >= MAX_UNDECIDED_ROUNDS:
                left = len(again) + len(pending)
                raise ClaimsUndecided(f"{left} links not claimed: DynamoDB kept cancelling") from error
            if undecided_rounds:
                time.sleep(min(0.05 * 2**undecided_rounds, 2.0))
            pending = again + pending
            continue
        for link in batch:
            outcomes[id(link)] = imported(link)
    return [outcomes[id(link)] for link in links]


def _decide_cancelled(
    dynamodb: Any,
    table_name: str,
    batch: list[dict[str, Any]],
    reasons: list[str],
    outcomes: dict[int, dict[str, Any]],
) -> list[dict[str, Any]]:
    """Decides the links a cancelled transaction can decide; the others, to write again."""
    if len(reasons) != 2 * len(batch):
        return _decide_by_reading(dynamodb, table_name, batch, outcomes)
    again: list[dict[str, Any]] = []
    for number, link in enumerate(batch):
        claim, record = reasons[2 * number : 2 * number + 2]
        if record == REFUSED:
            outcomes[id(link)] = imported(link)
        elif claim == REFUSED:
            owner = _existing_claim(dynamodb, table_name, link)
            if owner is None or owner == link["bookmarkId"]:
                again.append(link)  # released since, or ours after all: claim it again
            else:
                outcomes[id(link)] = duplicate(link, owner)
        else:
            again.append(link)
    return again


def _decide_by_reading(
    dynamodb: Any, table_name: str, batch: list[dict[str, Any]], outcomes: dict[int, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Without cancellation reasons (AWS's documentation says some SDKs give none), each link is decided by
    reading, consistently, what a reason would have said: its bookmark recorded, or its URL another's."""
    again: list[dict[str, Any]] = []
    for link in batch:
        recorded = dynamodb.get_item(
            TableName=table_name, Key={"pk": {"S": f"BOOKMARK#{link['bookmarkId']}"}}, ConsistentRead=True
        )
        owner = _existing_claim(dynamodb, table_name, link)
        if "Item" in recorded:
            outcomes[id(link)] = imported(link)
        elif owner is not None and owner != link["bookmarkId"]:
            outcomes[id(link)] = duplicate(link, owner)
        else:
            again.append(link)
    return again
