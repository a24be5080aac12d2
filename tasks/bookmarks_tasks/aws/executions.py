"""Whether a submission's workflow is running: the bookmark is not recorded until it has been validated."""

from __future__ import annotations

from botocore.exceptions import ClientError

from bookmarks_tasks.aws.clients import client


def execution_status(state_machine_arn: str, execution_name: str) -> str | None:
    arn = state_machine_arn.replace(":stateMachine:", ":execution:") + f":{execution_name}"
    try:
        return str(client("stepfunctions").describe_execution(executionArn=arn)["status"])
    except ClientError as error:
        # A bookmark id that cannot be an execution name is not one: InvalidArn, or ValidationException for
        # a name Step Functions refuses outright.
        if error.response["Error"]["Code"] in ("ExecutionDoesNotExist", "InvalidArn", "ValidationException"):
            return None
        raise
