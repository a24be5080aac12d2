"""Small state machines on moto's engine, for the tests of the adapters: create one, wait for an execution."""

from __future__ import annotations

import json
import time
from typing import Any

ROLE = "arn:aws:iam::123456789012:role/sfn"
# Waits for a task token sent through SQS; any failure is caught, so the output shows it.
CALLBACK = {
    "StartAt": "Wait",
    "States": {
        "Wait": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl.$": "$.queue", "MessageBody": {"token.$": "$$.Task.Token"}},
            "ResultPath": "$.answer",
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Caught"}],
            "End": True,
        },
        "Caught": {"Type": "Pass", "End": True},
    },
}


def machine(sfn: Any, definition: dict[str, Any], name: str = "m") -> str:
    arn = sfn.create_state_machine(name=name, definition=json.dumps(definition), roleArn=ROLE)["stateMachineArn"]
    return str(arn)


def finish(sfn: Any, execution_arn: str) -> dict[str, Any]:
    for _ in range(400):
        description: dict[str, Any] = sfn.describe_execution(executionArn=execution_arn)
        if description["status"] != "RUNNING":
            return description
        time.sleep(0.02)
    raise AssertionError("execution did not finish")
