"""Publishing approval requests to the approvers' SNS topic."""

from __future__ import annotations

from bookmarks_tasks.aws.clients import client
from bookmarks_tasks.domain.approval_request import ApprovalRequest


def publish_approval_request(
    *, topic_arn: str, request: ApprovalRequest, submitter_username: str, event_type: str = "APPROVAL_REQUESTED"
) -> str:
    response = client("sns").publish(
        TopicArn=topic_arn,
        Subject=request.subject,
        Message=request.body,
        MessageAttributes={
            "eventType": {"DataType": "String", "StringValue": event_type},
            "submitter": {"DataType": "String", "StringValue": submitter_username},
            "bookmarkId": {"DataType": "String", "StringValue": request.bookmark_id},
        },
    )
    return str(response["MessageId"])
