"""What an imported link writes: its URL claim and its bookmark, approved by the importing manager.

The claim is the single submission's (workflows/submit_bookmark.asl.json, "Claim The URL"): one item per
normalised URL, written only if absent or already this bookmark's, so only the first bookmark of a URL claims it
and a run of the same import again re-takes its own claims (tests/tasks/test_imported_bookmark.py holds the two
definitions to the same condition). The bookmark is written only if absent: a run again keeps what the first
run recorded.
"""

from __future__ import annotations

from typing import Any

CLAIM_CONDITION = "attribute_not_exists(pk) OR bookmarkId = :me"
RECORD_CONDITION = "attribute_not_exists(pk)"
IMPORT_DECISION_COMMENT = "Imported by a manager"


def claim_key(normalized_url: str) -> dict[str, Any]:
    return {"pk": {"S": f"URL#{normalized_url}"}}


def claim_put(table_name: str, link: dict[str, Any], claimed_at: str) -> dict[str, Any]:
    """The conditional put of the link's URL claim (a TransactWriteItems ``Put``)."""
    bookmark_id = link["bookmarkId"]
    return {
        "TableName": table_name,
        "Item": {
            **claim_key(link["bookmark"]["normalizedUrl"]),
            "bookmarkId": {"S": bookmark_id},
            "claimedAt": {"S": claimed_at},
        },
        "ConditionExpression": CLAIM_CONDITION,
        "ExpressionAttributeValues": {":me": {"S": bookmark_id}},
    }


def record_put(table_name: str, link: dict[str, Any], import_id: str, execution_arn: str, at: str) -> dict[str, Any]:
    """The bookmark, approved by the importer (the link's submitter), with the decision in its ``decisions``."""
    bookmark = link["bookmark"]
    importer = link["submitter"]["username"]
    decision = {
        "decision": {"S": "APPROVED"},
        "decidedBy": {"S": importer},
        "decidedAt": {"S": at},
        "comment": {"S": IMPORT_DECISION_COMMENT},
    }
    return {
        "TableName": table_name,
        "Item": {
            "pk": {"S": f"BOOKMARK#{link['bookmarkId']}"},
            "bookmarkId": {"S": link["bookmarkId"]},
            "status": {"S": "APPROVED"},
            "url": {"S": bookmark["url"]},
            "normalizedUrl": {"S": bookmark["normalizedUrl"]},
            "title": {"S": bookmark["title"]},
            "description": {"S": bookmark["description"]},
            "tags": {"L": [{"S": str(tag)} for tag in bookmark["tags"]]},
            "submitterUsername": {"S": importer},
            "submitterEmail": {"S": link["submitter"]["email"]},
            "executionArn": {"S": execution_arn},
            "importId": {"S": import_id},
            "importLine": {"N": str(int(link["line"]))},
            "createdAt": {"S": at},
            "updatedAt": {"S": at},
            "decidedBy": {"S": importer},
            "decidedAt": {"S": at},
            "decisionComment": {"S": IMPORT_DECISION_COMMENT},
            "decisions": {"L": [{"M": decision}]},
        },
        "ConditionExpression": RECORD_CONDITION,
    }


def imported(link: dict[str, Any]) -> dict[str, Any]:
    """The link's line in the report (as the state "Link Imported" wrote it)."""
    return {
        "line": link["line"],
        "outcome": "imported",
        "bookmarkId": link["bookmarkId"],
        "bookmark": {"url": link["bookmark"]["url"]},
    }


def duplicate(link: dict[str, Any], existing_bookmark_id: str) -> dict[str, Any]:
    return {
        "line": link["line"],
        "outcome": "duplicate",
        "duplicateOf": existing_bookmark_id,
        "bookmark": {"url": link["bookmark"]["url"]},
    }
