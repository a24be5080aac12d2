"""The stack's outputs, as CloudFormation's DescribeStacks gives them."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from bookmarks_flow.smoke.failure import SmokeFailure

REQUIRED_OUTPUTS = (
    "ApiUrl",
    "UserPoolId",
    "UserPoolClientId",
    "ManagersGroupName",
    "BookmarksTableName",
    "SubmitBookmarkStateMachineArn",
    "ApprovalRequestsTopicArn",
    "BookmarkEventsTopicArn",
)


def stack_outputs(cloudformation: Any, stack_name: str) -> dict[str, str]:
    try:
        stacks = cloudformation.describe_stacks(StackName=stack_name)["Stacks"]
    except ClientError as error:
        raise SmokeFailure(f"cannot read the stack {stack_name!r}: {error.response['Error']['Message']}") from error
    outputs = {item["OutputKey"]: item["OutputValue"] for item in stacks[0].get("Outputs", [])}
    missing = [name for name in REQUIRED_OUTPUTS if not outputs.get(name)]
    if missing:
        raise SmokeFailure(f"the stack {stack_name!r} lacks the outputs {', '.join(missing)}: is it bookmarks-flow?")
    return outputs
