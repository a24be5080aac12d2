"""Which resources a request addresses: the action's resource types (Service Authorization Reference) filled
in from the request's parameters (named by botocore's service models).

A parameter that already is an ARN of the resource type (``TopicArn``, ``stateMachineArn``, ``executionArn``,
a ``FunctionName`` or ``SecretId`` given as ARN) is the resource. Otherwise each ``${Placeholder}`` of the ARN
format is taken from the parameter of the same name (``TableName``, ``IndexName``, ``UserPoolId``,
``logGroupName``...), with three conversions AWS documents: an SQS ``QueueUrl`` names the queue and its
account, a secret given by name is the secret's full ARN, and a state machine version or alias ARN is authorised
as the state machine's own ARN (https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html).
An optional resource type that the request names (a DynamoDB query's ``IndexName``) is what is authorised
instead of the resource it belongs to. An action with no resource type is authorised against ``"*"``; so is one
whose resource cannot be told from the request (which a policy naming an exact ARN then does not match: strict,
never kinder than AWS). When an action lists several required resource types, the ones the request names are
addressed (DescribeExecution takes an execution or an express execution).

A batch whose entries each name their resource (EventBridge ``PutEvents``: ``Entries[].EventBusName``, the
account's ``default`` bus when left out) addresses every entry's resource; each must be allowed.
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-identity-based.html
So does a DynamoDB batch (``BatchGetItem``, ``BatchWriteItem``): every table its ``RequestItems`` names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

from bookmarks_flow.local.iam.service_authorization import ResourceType, resource_types
from bookmarks_flow.local.state_machine_arns import split_qualifier

_PLACEHOLDER = re.compile(r"\$\{(?P<name>[A-Za-z0-9]+)\}")

SecretArnLookup = Callable[[str, str], str | None]
# What a service takes when the request leaves a placeholder's parameter out.
_DEFAULTS = {"events": {"eventbusname": "default"}}
_ENTRIES = "Entries"
_REQUEST_ITEMS = "RequestItems"


@lru_cache(maxsize=256)
def _format_pattern(arn_format: str) -> re.Pattern[str]:
    pieces = _PLACEHOLDER.split(arn_format)
    # split() alternates literal text and placeholder names.
    body = "".join(re.escape(piece) if index % 2 == 0 else ".+" for index, piece in enumerate(pieces))
    return re.compile(body)


def _lower_keys(parameters: Mapping[str, Any]) -> dict[str, str]:
    return {key.lower(): str(value) for key, value in parameters.items() if isinstance(value, str | int)}


def _values(parameters: Mapping[str, Any], region: str, account: str, secret_arn: SecretArnLookup) -> dict[str, str]:
    values = {"partition": "aws", "region": region, "account": account, **_lower_keys(parameters)}
    queue_url = values.get("queueurl")
    if queue_url:
        segments = [segment for segment in urlparse(queue_url).path.split("/") if segment]
        if len(segments) >= 2:
            values["account"], values["queuename"] = segments[-2], segments[-1]
    machine = values.get("statemachinearn")
    if machine:
        # Step Functions authorises a version or an alias against the state machine's own ARN.
        values["statemachinearn"] = split_qualifier(machine)[0]
    secret_id = values.get("secretid")
    if secret_id and not secret_id.startswith("arn:"):
        found = secret_arn(secret_id, region)
        if found:
            values["secretid"] = found
    return values


def _build(resource: ResourceType, values: dict[str, str]) -> str | None:
    pattern = _format_pattern(resource.arn_format)
    for value in values.values():
        if value.startswith("arn:") and pattern.fullmatch(value):
            return value
    names = [match["name"] for match in _PLACEHOLDER.finditer(resource.arn_format)]
    if not all(name.lower() in values for name in names):
        return None
    built = _PLACEHOLDER.sub(lambda match: values[match["name"].lower()], resource.arn_format)
    # A value that is itself an ARN does not go inside another ARN (a SecretId ARN, a function ARN).
    return None if built.count("arn:") > 1 else built


def _requests(parameters: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The parameters once, or once per entry of a batch whose entries name their own resource, or once per
    table of a DynamoDB batch (``RequestItems``, keyed by table name)."""
    tables = parameters.get(_REQUEST_ITEMS)
    if isinstance(tables, Mapping) and tables:
        shared = {key: value for key, value in parameters.items() if key != _REQUEST_ITEMS}
        return [{**shared, "TableName": str(name)} for name in tables]
    entries = parameters.get(_ENTRIES)
    if not isinstance(entries, list) or not entries or not all(isinstance(entry, Mapping) for entry in entries):
        return [parameters]
    shared = {key: value for key, value in parameters.items() if key != _ENTRIES}
    return [{**shared, **entry} for entry in entries]


def resources_of(
    action: str,
    parameters: Mapping[str, Any],
    region: str,
    account: str,
    secret_arn: SecretArnLookup = lambda _name, _region: None,
) -> list[str]:
    types = resource_types(action)
    if not types:
        return ["*"]
    defaults = _DEFAULTS.get(action.partition(":")[0], {})
    found: set[str] = set()
    for request in _requests(parameters):
        found.update(_addressed(types, {**defaults, **_values(request, region, account, secret_arn)}))
    return sorted(found)


def _addressed(types: list[ResourceType], values: dict[str, str]) -> list[str]:
    built = {resource.name: _build(resource, values) for resource in types}
    chosen: list[str] = []
    for resource in types:
        arn = built[resource.name]
        if not resource.required or arn is None:
            continue
        # A named sub-resource (an index of the table) is authorised in place of its parent.
        narrower = [
            str(built[other.name])
            for other in types
            if not other.required and built[other.name] and other.arn_format.startswith(resource.arn_format + "/")
        ]
        chosen.extend(narrower or [arn])
    if not chosen:
        # Several required types are alternatives (an execution or an express execution): the request names
        # the one it addresses. Nothing named means nothing a policy's ARN can match.
        chosen = [arn for resource in types if not resource.required and (arn := built[resource.name])] or ["*"]
    return chosen
