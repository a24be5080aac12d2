"""What one bookmark costs on AWS, per path, from what its execution did in the local environment.

Measured (from the execution history and the metered Lambda runtime): state transitions as Step Functions bills
them (every state entered, plus every retry), Lambda invocations and their billed duration (handler time rounded
up to the millisecond, at the template's MemorySize, arm64 prices), DynamoDB request units of the direct
integrations and of the handlers' own calls (item sizes measured from the items the path left behind, plus the
global secondary index writes they cause), SNS publishes, e-mails delivered, SQS requests.

Modelled, not measured (fixed counts in this module, labelled as such in every output): the approval API
around the workflow (API Gateway and the DecideApproval function), and the two designs we compare with.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from bench.environments import Invocation
from bench.paths import Path, PathRun
from bench.prices import Prices
from bookmarks_flow.local.environment import LocalEnvironment

KB = 1024
READ_UNIT_BYTES = 4 * KB
MODELLED_LAMBDA_MS = 100  # duration assumed for every modelled invocation (ours and the comparisons)
MODELLED_LAMBDA_MB = 128  # memory assumed for the comparisons' functions (Lambda's default)
_WRITES = {"putItem": "PutItem", "updateItem": "UpdateItem", "deleteItem": "DeleteItem"}
_TRANSACTION_WRITES = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem"}


@dataclass(frozen=True)
class Usage:
    """What one bookmark uses on one path."""

    transitions: float = 0.0
    lambda_invocations: float = 0.0
    lambda_billed_ms: float = 0.0
    lambda_gb_seconds: float = 0.0
    dynamodb_write_units: float = 0.0
    dynamodb_read_units: float = 0.0
    sns_publishes: float = 0.0
    email_deliveries: float = 0.0
    sqs_requests: float = 0.0
    api_requests: float = 0.0
    pipes_requests: float = 0.0

    def __add__(self, other: Usage) -> Usage:
        return Usage(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(Usage)})

    def scaled(self, factor: float) -> Usage:
        return Usage(**{f.name: getattr(self, f.name) * factor for f in fields(Usage)})

    def costs(self, prices: Prices) -> dict[str, float]:
        """US dollars per bookmark, by service."""
        return {
            "step_functions": self.transitions * prices.step_functions_transition,
            "lambda": self.lambda_invocations * prices.lambda_request
            + self.lambda_gb_seconds * prices.lambda_gb_second_arm64,
            "dynamodb": self.dynamodb_write_units * prices.dynamodb_write_request_unit
            + self.dynamodb_read_units * prices.dynamodb_read_request_unit,
            "sns": self.sns_publishes * prices.sns_publish + self.email_deliveries * prices.sns_email_delivery,
            "sqs": self.sqs_requests * prices.sqs_request,
            "api_gateway": self.api_requests * prices.api_gateway_rest_request,
            "eventbridge_pipes": self.pipes_requests * prices.eventbridge_pipes_request,
        }

    def cost(self, prices: Prices) -> float:
        return sum(self.costs(prices).values())


def median(usages: list[Usage]) -> Usage:
    """The run with the median Lambda duration: the counts of a path's runs are equal, their durations are not
    (a garbage collection can land in one invocation)."""
    ordered = sorted(usages, key=lambda usage: usage.lambda_billed_ms)
    return ordered[len(ordered) // 2] if ordered else Usage()


# ------------------------------------------------------------------ the facts of the stack the model needs


@dataclass(frozen=True)
class StackFacts:
    logical_table: dict[str, str]  # physical table name -> logical id
    index_keys: dict[str, list[frozenset[str]]]  # logical table -> key attributes of each GSI
    memory_mb: dict[str, int]  # function name -> MemorySize

    @classmethod
    def of(cls, environment: LocalEnvironment) -> StackFacts:
        stack = environment.stack
        logical_table: dict[str, str] = {}
        index_keys: dict[str, list[frozenset[str]]] = {}
        for logical_id, resource in stack.resources.items():
            if resource.type != "AWS::DynamoDB::Table":
                continue
            logical_table[str(resource.ref)] = logical_id
            index_keys[logical_id] = [
                frozenset(key["AttributeName"] for key in index["KeySchema"])
                for index in resource.properties.get("GlobalSecondaryIndexes", [])
            ]
        memory = {function.name: function.memory_mb for function in environment.runtime.functions}
        return cls(logical_table=logical_table, index_keys=index_keys, memory_mb=memory)


# ------------------------------------------------------------------ measured


def transitions(events: list[dict[str, Any]]) -> int:
    """Every state entered, plus every retry (a task scheduled again within the same state)."""
    count = 0
    scheduled = 0
    for event in events:
        kind = str(event["type"])
        if kind.endswith("StateEntered"):
            count += 1
            scheduled = 0
        elif kind.endswith("Scheduled"):
            scheduled += 1
            if scheduled > 1:
                count += 1
    return count


@dataclass
class _TableWrites:
    """Counts write and read units, including the writes a global secondary index adds (projection ALL): an item
    entering or leaving an index is one index write, an indexed item whose index key changes is two (delete and
    put), any other change to an indexed item is one."""

    facts: StackFacts
    item_bytes: dict[str, int]
    write_units: float = 0.0
    read_units: float = 0.0
    _indexed: dict[str, set[int]] = field(default_factory=dict)  # item key -> the indexes it is in

    def _units(self, logical_id: str, unit_bytes: int) -> int:
        return max(1, math.ceil(self.item_bytes.get(logical_id, 0) / unit_bytes))

    def write(self, table: str, operation: str, parameters: dict[str, Any], transactional: bool = False) -> None:
        """A transactional write takes two units per KB; the index writes it causes, one
        (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling)."""
        logical_id = self.facts.logical_table.get(table, table)
        units = self._units(logical_id, KB)
        self.write_units += 2 * units if transactional else units
        key = logical_id + json.dumps(parameters.get("Key") or _key_of(parameters.get("Item", {})), sort_keys=True)
        before = self._indexed.get(key, set())
        after: set[int] = set()
        for position, index in enumerate(self.facts.index_keys.get(logical_id, [])):
            was = position in before
            if operation == "PutItem":
                now = index <= set(parameters.get("Item", {}))
                index_writes = (2 if was else 1) if now else (1 if was else 0)
            elif operation == "UpdateItem":
                touches_key = _updates_any(parameters, index)
                now = was or touches_key
                index_writes = (2 if touches_key else 1) if was else (1 if touches_key else 0)
            else:  # DeleteItem
                now = False
                index_writes = 1 if was else 0
            self.write_units += units * index_writes
            if now:
                after.add(position)
        self._indexed[key] = after

    def read(self, table: str, parameters: dict[str, Any]) -> None:
        units = self._units(self.facts.logical_table.get(table, table), READ_UNIT_BYTES)
        self.read_units += units if parameters.get("ConsistentRead") else units / 2


def _key_of(item: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in item.items() if name in ("pk", "id", "approvalId")}


def _updates_any(parameters: dict[str, Any], attributes: frozenset[str]) -> bool:
    expression = str(parameters.get("UpdateExpression", ""))
    names = parameters.get("ExpressionAttributeNames", {})
    mentioned = {names.get(token, token) for token in expression.replace(",", " ").replace("=", " ").split()}
    return bool(mentioned & attributes)


def _task_calls(events: list[dict[str, Any]]) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """(resource type, resource, parameters) of every task the history scheduled, retries included."""
    for event in events:
        details = event.get("taskScheduledEventDetails")
        if details:
            yield str(details["resourceType"]), str(details["resource"]), json.loads(details.get("parameters", "{}"))


def _lambda_usage(invocations: list[Invocation], facts: StackFacts) -> Usage:
    billed_ms = 0.0
    gb_seconds = 0.0
    for invocation in invocations:
        milliseconds = math.ceil(invocation.seconds * 1000)
        billed_ms += milliseconds
        gb_seconds += milliseconds / 1000 * facts.memory_mb.get(invocation.function, 128) / 1024
    return Usage(lambda_invocations=len(invocations), lambda_billed_ms=billed_ms, lambda_gb_seconds=gb_seconds)


def measured_usage(run: PathRun, facts: StackFacts) -> Usage:
    """One execution of one path, as AWS would bill it."""
    tables = _TableWrites(facts=facts, item_bytes=run.item_bytes)
    sns = sqs = 0
    for resource_type, resource, parameters in _task_calls(run.events):
        if resource_type == "dynamodb" and resource in _WRITES:
            tables.write(parameters["TableName"], _WRITES[resource], parameters)
        elif resource_type == "aws-sdk:dynamodb" and resource == "transactWriteItems":
            for entry in parameters.get("TransactItems", []):
                for kind, write in entry.items():
                    if kind in _TRANSACTION_WRITES:
                        tables.write(write["TableName"], _TRANSACTION_WRITES[kind], write, transactional=True)
        elif resource_type == "dynamodb" and resource == "getItem":
            tables.read(parameters["TableName"], parameters)
        elif resource_type == "sns":
            sns += 1
        elif resource_type == "sqs":
            sqs += 1
    for invocation in run.invocations:
        for service, operation, parameters in invocation.calls:
            if service == "dynamodb" and operation in _WRITES.values():
                tables.write(parameters["TableName"], operation, parameters)
            elif service == "dynamodb" and operation in ("GetItem", "Query"):
                tables.read(parameters["TableName"], parameters)
            elif service == "sns" and operation == "Publish":
                sns += 1
            elif service == "sqs":
                sqs += 1
    return Usage(
        transitions=transitions(run.events),
        dynamodb_write_units=tables.write_units,
        dynamodb_read_units=tables.read_units,
        sns_publishes=sns,
        email_deliveries=run.emails,
        sqs_requests=sqs,
    ) + _lambda_usage(run.invocations, facts)


# ------------------------------------------------------------------ modelled


def _modelled_lambda(invocations: float, memory_mb: int) -> Usage:
    return Usage(
        lambda_invocations=invocations,
        lambda_billed_ms=invocations * MODELLED_LAMBDA_MS,
        lambda_gb_seconds=invocations * MODELLED_LAMBDA_MS / 1000 * memory_mb / 1024,
    )


def our_api_usage(path: Path, approval_item_bytes: int) -> Usage:
    """Modelled from api/openapi.yaml and tasks/bookmarks_tasks/services/decide_approval.py: POST /bookmarks
    is one API request and one SubmitBookmark invocation (256 MB; StartExecution, plus a DescribeExecution only
    on a retry, not counted); a decided path adds GET and POST
    /approvals/{id}, each a DecideApproval invocation (256 MB) with a consistent GetItem, and the POST claims
    and finishes the decision with two UpdateItems on the approval record. A two-person bookmark is decided
    twice (the first approval is one UpdateItem: the claim drops the token)."""
    submit = Usage(api_requests=1) + _modelled_lambda(1, 256)
    decisions = DECISIONS.get(path, 0)
    if not decisions:
        return submit
    record_units = max(1, math.ceil(approval_item_bytes / KB))
    one = Usage(api_requests=2, dynamodb_read_units=2, dynamodb_write_units=2 * record_units) + _modelled_lambda(2, 256)
    first_of_two = Usage(dynamodb_write_units=-record_units) if decisions == 2 else Usage()
    return submit + one.scaled(decisions) + first_of_two


# How many manager decisions (GET and POST /approvals/{id}) each path takes.
DECISIONS = {
    Path.APPROVED: 1,
    Path.REJECTED: 1,
    Path.REMINDED: 1,
    Path.ESCALATED: 1,
    Path.TWO_PERSON: 2,
}
# The compared designs have none of issue 15's paths.
_NO_FOLLOW_UPS = {
    Path.REMINDED: "no reminders",
    Path.ESCALATED: "no escalation",
    Path.TWO_PERSON: "no two-person approval",
    Path.EXPIRED_AFTER_ESCALATION: "no escalation",
}


@dataclass(frozen=True)
class ModelledDesign:
    name: str
    source: str
    paths: dict[Path, Usage | None]  # None: the design has no such path
    notes: dict[Path, str]


def _course() -> ModelledDesign:
    """The course lab: the API writes the submission to DynamoDB; its stream starts the execution through
    EventBridge; Lambdas CheckDuplicates (a GSI query), ValidateURL, RequestApproval (lambda:invoke
    .waitForTaskToken, e-mail through SNS) and a publishing Lambda; GET /approval is a Lambda that sends the
    task success; no Retry, no timeout, no Choice default."""
    submit = Usage(api_requests=1, dynamodb_write_units=1, pipes_requests=1)
    check = Usage(transitions=2, dynamodb_read_units=0.5) + _modelled_lambda(1, MODELLED_LAMBDA_MB)  # + Choice
    validate = Usage(transitions=2) + _modelled_lambda(1, MODELLED_LAMBDA_MB)
    ask = Usage(transitions=2, sns_publishes=1, email_deliveries=1) + _modelled_lambda(1, MODELLED_LAMBDA_MB)
    decide = Usage(api_requests=1) + _modelled_lambda(1, MODELLED_LAMBDA_MB)
    publish = Usage(transitions=2, sns_publishes=1, email_deliveries=1) + _modelled_lambda(1, MODELLED_LAMBDA_MB)
    return ModelledDesign(
        name="course lab",
        source="modelled from the published design (shared/notes/anchors.md), not measured",
        paths={
            Path.APPROVED: submit + check + validate + ask + decide + publish,
            Path.REJECTED: submit + check + validate + ask + decide + Usage(transitions=1),
            Path.DUPLICATE: submit + check + Usage(transitions=1),
            Path.INVALID: submit + check + validate + Usage(transitions=1),
            Path.EXPIRED: None,
            Path.FAILED: submit + check + validate + Usage(transitions=1) + _modelled_lambda(1, MODELLED_LAMBDA_MB),
            **dict.fromkeys(_NO_FOLLOW_UPS),
        },
        notes={
            **_NO_FOLLOW_UPS,
            Path.EXPIRED: "no timeout: an undecided execution waits up to the one-year limit",
            Path.FAILED: "no Retry or Catch: the first error fails the execution (here in RequestApproval)",
        },
    )


def _tutorial() -> ModelledDesign:
    """The AWS human-approval tutorial: a lambda:invoke.waitForTaskToken task whose Lambda e-mails approve and
    reject links (token in the URL) through SNS, a Choice, a Pass state per outcome; API Gateway + a Lambda per
    click sends the task success; the execution times out after an hour."""
    ask = Usage(transitions=1, sns_publishes=1, email_deliveries=1) + _modelled_lambda(1, MODELLED_LAMBDA_MB)
    click = Usage(api_requests=1) + _modelled_lambda(1, MODELLED_LAMBDA_MB)
    return ModelledDesign(
        name="AWS human-approval tutorial",
        source="modelled from the published tutorial (shared/notes/anchors.md), not measured",
        paths={
            Path.APPROVED: ask + click + Usage(transitions=2),
            Path.REJECTED: ask + click + Usage(transitions=2),
            Path.DUPLICATE: None,
            Path.INVALID: None,
            Path.EXPIRED: ask,
            Path.FAILED: ask,
            **dict.fromkeys(_NO_FOLLOW_UPS),
        },
        notes={
            **_NO_FOLLOW_UPS,
            Path.DUPLICATE: "no duplicate check",
            Path.INVALID: "no validation",
            Path.EXPIRED: "the execution times out after one hour; nothing is recorded",
            Path.FAILED: "no Retry: the first error fails the execution",
        },
    )


COURSE = _course()
TUTORIAL = _tutorial()


# ------------------------------------------------------------------ targets


@dataclass(frozen=True)
class TargetCheck:
    target: str
    value: str
    passed: bool


def check_targets(approved: Usage, runs: list[PathRun]) -> list[TargetCheck]:
    """The design targets, from the approved path: few transitions, few Lambdas, and none that only wraps one
    AWS call (DynamoDB, SNS and SQS are direct integrations)."""
    lambda_calls = sorted({len(invocation.calls) for run in runs for invocation in run.invocations})
    direct = sum(
        1 for run in runs for kind, _, _ in _task_calls(run.events) if kind in ("dynamodb", "sns", "sqs")
    ) / max(1, len(runs))
    return [
        TargetCheck(
            "≤ 12 state transitions per approved bookmark", f"{approved.transitions:g}", approved.transitions <= 12
        ),
        TargetCheck(
            "≤ 2 Lambda invocations per approved bookmark (workflow)",
            f"{approved.lambda_invocations:g}",
            approved.lambda_invocations <= 2,
        ),
        TargetCheck(
            "no Lambda for a plain AWS call",
            f"AWS calls made by each workflow Lambda: {lambda_calls}; direct integration tasks: {direct:g}",
            1 not in lambda_calls,
        ),
    ]


def usage_table(usage: Usage) -> dict[str, float]:
    return {name: round(value, 6) for name, value in asdict(usage).items()}
