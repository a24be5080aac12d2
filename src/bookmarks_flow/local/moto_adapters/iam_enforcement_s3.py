"""IAM enforcement for S3: moto's S3 never goes through ``BaseResponse.call_action`` (the seam of the
iam_enforcement adapter), so without this any credentials could read and write any object.

Every S3 operation of moto calls ``_authenticate_and_authorize_s3_action(bucket_name, key_name)`` once it has
set the operation's IAM action name (``GetObject``, ``PutObject``, ``ListBucket``...) in ``self.data``; this
authorises it for the template's principals with the same evaluation as every other service, against the
object's ARN (``arn:aws:s3:::bucket/key``) or the bucket's, and answers S3's own ``AccessDenied``
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-auth-workflow-object-operation.html).
"""

from __future__ import annotations

from typing import Any

from moto.s3.exceptions import S3ClientError
from moto.s3.responses import S3Response

from bookmarks_flow.local.iam.authoriser import authorise
from bookmarks_flow.local.iam.denials import denial_message
from bookmarks_flow.local.iam.principals import PrincipalDirectory
from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute

# Operations whose IAM action has another name (Service Authorization Reference, Amazon S3).
IAM_ACTIONS = {"HeadBucket": "ListBucket"}


class S3AccessDenied(S3ClientError):  # type: ignore[misc]
    code = 403

    def __init__(self, message: str) -> None:
        super().__init__("AccessDenied", message)


def s3_resource(bucket_name: str | None, key_name: str | None) -> str:
    return f"arn:aws:s3:::{bucket_name or '*'}/{key_name}" if key_name else f"arn:aws:s3:::{bucket_name or '*'}"


def install(directory: PrincipalDirectory) -> Undo:
    original = S3Response._authenticate_and_authorize_s3_action

    def authorise_s3(self: S3Response, bucket_name: str | None = None, key_name: str | None = None) -> Any:
        principal = directory.find(self.get_access_key())
        operation = str(self.data.get("Action", ""))
        if principal is not None and operation:
            action = "s3:" + IAM_ACTIONS.get(operation, operation)
            resource = s3_resource(bucket_name, key_name)
            refusal = authorise(principal, action, [resource])
            if refusal is not None:
                raise S3AccessDenied(denial_message(principal.arn, action, refusal.resource, refusal.decision))
        return original(self, bucket_name=bucket_name, key_name=key_name)

    return replace_attribute(S3Response, "_authenticate_and_authorize_s3_action", authorise_s3)
