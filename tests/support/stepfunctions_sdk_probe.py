"""Run inside the Data Science SDK's own virtual environment: attach to the local state machine, list its
executions and the events of one, and print them as JSON."""

from __future__ import annotations

import json
import sys

import boto3
from stepfunctions.workflow import Workflow


def main(endpoint: str, state_machine_arn: str) -> None:
    client = boto3.client(
        "stepfunctions",
        region_name="us-east-1",
        endpoint_url=endpoint,
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    workflow = Workflow.attach(state_machine_arn=state_machine_arn, client=client)
    executions = workflow.list_executions()
    events = executions[0].list_events()
    report = {
        "name": workflow.name,
        "executions": [execution.execution_arn for execution in executions],
        "events": [event["type"] for event in events],
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
