"""The only way the console reads or changes anything: the public Step Functions API, so any endpoint works.

A new client per request (from the caller's factory) keeps the console free of connection state it would have to
invalidate when the endpoint restarts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

MAX_HISTORY_EVENTS = 25_000
"""Step Functions keeps at most this many events per execution, so reading them all is bounded."""


class StepFunctionsApi:
    def __init__(self, client_factory: Callable[[], Any]) -> None:
        self._factory = client_factory
        self._client: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = self._factory()
        return self._client

    def state_machines(self) -> list[dict[str, Any]]:
        machines: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {}
        while True:
            page = self.client.list_state_machines(**kwargs)
            machines += page.get("stateMachines", [])
            if not page.get("nextToken"):
                return sorted(machines, key=lambda machine: str(machine.get("name", "")))
            kwargs["nextToken"] = page["nextToken"]

    def describe_state_machine(self, arn: str) -> dict[str, Any]:
        return dict(self.client.describe_state_machine(stateMachineArn=arn))

    def executions(
        self, machine_arn: str, status: str | None = None, next_token: str | None = None, page_size: int = 25
    ) -> tuple[list[dict[str, Any]], str | None]:
        """One page, newest first (the API's order, made explicit in case an endpoint differs)."""
        return self._executions({"stateMachineArn": machine_arn}, status, next_token, page_size)

    def map_run_executions(
        self, map_run_arn: str, status: str | None = None, next_token: str | None = None, page_size: int = 25
    ) -> tuple[list[dict[str, Any]], str | None]:
        """One page of a map run's child executions, newest first, each with its ``itemCount``."""
        return self._executions({"mapRunArn": map_run_arn}, status, next_token, page_size)

    def _executions(
        self, owner: dict[str, str], status: str | None, next_token: str | None, page_size: int
    ) -> tuple[list[dict[str, Any]], str | None]:
        kwargs: dict[str, Any] = {**owner, "maxResults": page_size}
        if status:
            kwargs["statusFilter"] = status
        if next_token:
            kwargs["nextToken"] = next_token
        page = self.client.list_executions(**kwargs)
        executions = sorted(page.get("executions", []), key=lambda item: item["startDate"], reverse=True)
        return executions, page.get("nextToken") or None

    def recent_status_counts(self, machine_arn: str, limit: int = 100) -> tuple[Counter[str], int]:
        """Status → count over the most recent ``limit`` executions (one call: cheap enough for a list page)."""
        executions, _ = self.executions(machine_arn, page_size=limit)
        return Counter(str(execution["status"]) for execution in executions), len(executions)

    def describe_execution(self, arn: str) -> dict[str, Any]:
        return dict(self.client.describe_execution(executionArn=arn))

    def history(self, arn: str) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {"executionArn": arn, "maxResults": 1000}
        while len(events) < MAX_HISTORY_EVENTS:
            page = self.client.get_execution_history(**kwargs)
            events += page.get("events", [])
            if not page.get("nextToken"):
                break
            kwargs["nextToken"] = page["nextToken"]
        return events

    def map_runs(self, execution_arn: str) -> list[dict[str, Any]]:
        """Every map run the execution's Distributed Map states started, oldest first."""
        runs: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {"executionArn": execution_arn}
        while True:
            page = self.client.list_map_runs(**kwargs)
            runs += page.get("mapRuns", [])
            if not page.get("nextToken"):
                return sorted(runs, key=lambda run: run["startDate"])
            kwargs["nextToken"] = page["nextToken"]

    def describe_map_run(self, arn: str) -> dict[str, Any]:
        return dict(self.client.describe_map_run(mapRunArn=arn))

    def start_execution(self, machine_arn: str, name: str, execution_input: str) -> str:
        response = self.client.start_execution(stateMachineArn=machine_arn, name=name, input=execution_input)
        return str(response["executionArn"])

    def stop_execution(self, arn: str, error: str, cause: str) -> None:
        kwargs = {"executionArn": arn}
        if error:
            kwargs["error"] = error
        if cause:
            kwargs["cause"] = cause
        self.client.stop_execution(**kwargs)
