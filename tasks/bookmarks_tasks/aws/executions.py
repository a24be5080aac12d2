"""Starting a submission's execution, and reading what an execution was started with."""

from __future__ import annotations

from botocore.exceptions import ClientError

from bookmarks_tasks.aws.clients import client


class ExecutionAlreadyExists(Exception):
    """A closed execution has this name, or an open one with another input."""

    def __init__(self, execution_arn: str) -> None:
        super().__init__(execution_arn)
        self.execution_arn = execution_arn


# arn:aws:states:region:account:stateMachine:name, then ":live" or ":3" for an alias or a version.
_UNQUALIFIED_ARN_PARTS = 7


def execution_arn(state_machine_arn: str, execution_name: str) -> str:
    """An execution belongs to the state machine, whichever alias or version started it."""
    unqualified = ":".join(state_machine_arn.split(":")[:_UNQUALIFIED_ARN_PARTS])
    return unqualified.replace(":stateMachine:", ":execution:") + f":{execution_name}"


def start_execution(state_machine_arn: str, name: str, execution_input: str) -> str:
    try:
        started = client("stepfunctions").start_execution(
            stateMachineArn=state_machine_arn, name=name, input=execution_input
        )
    except ClientError as error:
        if error.response["Error"]["Code"] == "ExecutionAlreadyExists":
            raise ExecutionAlreadyExists(execution_arn(state_machine_arn, name)) from error
        raise
    return str(started["executionArn"])


def execution_input(arn: str) -> str | None:
    try:
        return str(client("stepfunctions").describe_execution(executionArn=arn).get("input", ""))
    except ClientError as error:
        if error.response["Error"]["Code"] in ("ExecutionDoesNotExist", "InvalidArn"):
            return None
        raise


def execution_status(state_machine_arn: str, execution_name: str) -> str | None:
    """Whether a submission's workflow is running: the bookmark is not recorded until it has been validated."""
    arn = execution_arn(state_machine_arn, execution_name)
    try:
        return str(client("stepfunctions").describe_execution(executionArn=arn)["status"])
    except ClientError as error:
        # A bookmark id that cannot be an execution name is not one: InvalidArn, or ValidationException for
        # a name Step Functions refuses outright.
        if error.response["Error"]["Code"] in ("ExecutionDoesNotExist", "InvalidArn", "ValidationException"):
            return None
        raise
