"""The answer each service gives when IAM refuses a request, in the service's own protocol and error shape.

- JSON services (DynamoDB, Step Functions, Secrets Manager, CloudWatch Logs, Cognito): ``AccessDeniedException``,
  HTTP 400, per each service's "Common Errors" page (e.g.
  https://docs.aws.amazon.com/step-functions/latest/apireference/CommonErrors.html).
- SNS (query protocol, XML): ``AuthorizationError``, HTTP 403, as botocore's SNS model declares it.
- SQS: ``AccessDenied``, HTTP 403, the code AWS's knowledge center quotes for a refused SendMessage
  (https://repost.aws/knowledge-center/sqs-accessdenied-errors).
- Lambda (REST-JSON): ``AccessDeniedException``, HTTP 403, with the ``x-amzn-ErrorType`` header.

The message is IAM's: ``User: <principal> is not authorized to perform: <action> on resource: <arn> because
no identity-based policy allows the <action> action`` (or ``with an explicit deny in an identity-based policy``).
https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from xml.sax.saxutils import escape

from bookmarks_flow.local.iam.evaluation import Decision


@dataclass(frozen=True)
class Denial:
    status: int
    headers: dict[str, str]
    body: str


def denial_message(principal_arn: str, action: str, resource: str, decision: Decision) -> str:
    reason = (
        "with an explicit deny in an identity-based policy"
        if decision is Decision.EXPLICIT_DENY
        else f"because no identity-based policy allows the {action} action"
    )
    return f"User: {principal_arn} is not authorized to perform: {action} on resource: {resource} {reason}"


def denial_for(service_prefix: str, message: str) -> Denial:
    request_id = str(uuid.uuid4())
    if service_prefix == "sns":
        body = (
            '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type>'
            f"<Code>AuthorizationError</Code><Message>{escape(message)}</Message></Error>"
            f"<RequestId>{request_id}</RequestId></ErrorResponse>"
        )
        return Denial(403, {"Content-Type": "text/xml", "x-amzn-RequestId": request_id}, body)
    code, status = {"sqs": ("AccessDenied", 403), "lambda": ("AccessDeniedException", 403)}.get(
        service_prefix, ("AccessDeniedException", 400)
    )
    headers = {"Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": request_id, "x-amzn-ErrorType": code}
    if service_prefix == "sqs":
        # SQS speaks JSON but keeps its query-era codes; botocore reads them from this header.
        headers["x-amzn-query-error"] = f"{code};Sender"
    return Denial(status, headers, json.dumps({"__type": code, "message": message, "Message": message}))
