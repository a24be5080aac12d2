"""One page of a DynamoDB Query that may resume from a client's position: a position DynamoDB refuses is the
client's mistake (InvalidStartPosition, a 400), not the service's."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from bookmarks_tasks.aws.bookmarks_table import InvalidStartPosition
from bookmarks_tasks.aws.clients import client


def query_page(arguments: dict[str, Any], start: dict[str, Any] | None) -> dict[str, Any]:
    if start:
        arguments = {**arguments, "ExclusiveStartKey": start}
    try:
        response: dict[str, Any] = client("dynamodb").query(**arguments)
    except ClientError as error:
        if start and error.response["Error"]["Code"] == "ValidationException":
            raise InvalidStartPosition(error.response["Error"].get("Message", "")) from error
        raise
    return response
