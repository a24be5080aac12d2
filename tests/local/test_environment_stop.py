"""An environment stops its running executions with it: none writes into the next environment of the process."""

from __future__ import annotations

import json
import time

from bookmarks_flow.local.environment import LocalEnvironment
from tests.conftest import PROJECT_DIR

PARAMETERS = {"ApprovalTimeoutSeconds": "300"}


def _late_sender(queue_url: str) -> str:
    return json.dumps(
        {
            "StartAt": "Later",
            "States": {
                "Later": {"Type": "Wait", "Seconds": 2, "Next": "Send"},
                "Send": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sqs:sendMessage",
                    "Parameters": {"QueueUrl": queue_url, "MessageBody": "from an earlier environment"},
                    "End": True,
                },
            },
        }
    )


def test_an_execution_running_when_its_environment_stops_sends_nothing_to_the_next_one() -> None:
    with LocalEnvironment(PROJECT_DIR, PARAMETERS) as before:
        queue_url = before.stack.physical("DownstreamQueue")
        sfn = before.client("stepfunctions")
        machine = sfn.create_state_machine(
            name="late-sender",
            definition=_late_sender(queue_url),
            roleArn="arn:aws:iam::123456789012:role/late-sender",
        )["stateMachineArn"]
        sfn.start_execution(stateMachineArn=machine)

    with LocalEnvironment(PROJECT_DIR, PARAMETERS) as after:
        assert after.stack.physical("DownstreamQueue") == queue_url  # the same name, so the same URL
        time.sleep(3)
        received = after.client("sqs").receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)

    assert received.get("Messages", []) == []
