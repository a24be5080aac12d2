"""AWS's evaluation logic for identity-based policies, for one principal in one account.

https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html : an explicit Deny
in any policy wins; otherwise an Allow is needed; otherwise the request is implicitly denied. Actions match
case-insensitively, ARNs case-sensitively, and both accept the ``*`` and ``?`` wildcards
(reference_policies_elements_action.html, reference_policies_elements_resource.html). ``NotAction`` and
``NotResource`` match everything except what they list. Condition blocks are not evaluated: the template
uses none, and a statement with one is refused at load time rather than silently widened.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


class Decision(enum.Enum):
    ALLOW = "allow"
    EXPLICIT_DENY = "explicit deny"
    IMPLICIT_DENY = "implicit deny"


class UnsupportedPolicy(ValueError):
    """A policy element the local evaluator does not implement (so it cannot pretend to)."""


@lru_cache(maxsize=4096)
def _pattern(glob: str, ignore_case: bool) -> re.Pattern[str]:
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in glob)
    return re.compile(body, re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL)


def glob_match(glob: str, value: str, *, ignore_case: bool = False) -> bool:
    return _pattern(glob, ignore_case).fullmatch(value) is not None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


@dataclass(frozen=True)
class Statement:
    effect: str
    actions: tuple[str, ...]
    not_actions: tuple[str, ...]
    resources: tuple[str, ...]
    not_resources: tuple[str, ...]
    sid: str = ""

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> Statement:
        if "Condition" in raw:
            raise UnsupportedPolicy(f"statement {raw.get('Sid', '')!r} has a Condition, which is not evaluated here")
        if "Principal" in raw or "NotPrincipal" in raw:
            raise UnsupportedPolicy("a Principal element belongs in a resource policy, not an identity policy")
        effect = str(raw.get("Effect", ""))
        if effect not in ("Allow", "Deny"):
            raise UnsupportedPolicy(f"Effect must be Allow or Deny, not {effect!r}")
        return cls(
            effect=effect,
            actions=tuple(_as_list(raw.get("Action"))),
            not_actions=tuple(_as_list(raw.get("NotAction"))),
            resources=tuple(_as_list(raw.get("Resource"))),
            not_resources=tuple(_as_list(raw.get("NotResource"))),
            sid=str(raw.get("Sid", "")),
        )

    def matches_action(self, action: str) -> bool:
        if self.not_actions:
            return not any(glob_match(p, action, ignore_case=True) for p in self.not_actions)
        return any(glob_match(p, action, ignore_case=True) for p in self.actions)

    def matches_resource(self, resource: str) -> bool:
        if self.not_resources:
            return not any(glob_match(p, resource) for p in self.not_resources)
        return any(glob_match(p, resource) for p in self.resources)


@dataclass(frozen=True)
class Policy:
    name: str
    statements: tuple[Statement, ...]

    @classmethod
    def parse(cls, name: str, document: dict[str, Any]) -> Policy:
        raw = document.get("Statement", [])
        statements = raw if isinstance(raw, list) else [raw]
        return cls(name, tuple(Statement.parse(statement) for statement in statements))


def evaluate(policies: Iterable[Policy], action: str, resources: Sequence[str]) -> Decision:
    """The decision for ``action`` on every one of ``resources`` (a request that addresses two ARNs needs both).

    An action that takes no resource type is addressed as ``"*"``, which only a ``"*"`` Resource matches
    (``glob_match("arn:...", "*")`` is false): the rule that makes SendTaskSuccess on a state machine ARN fail.
    """
    statements = [statement for policy in policies for statement in policy.statements]
    allowed_all = True
    for resource in resources:
        matching = [s for s in statements if s.matches_action(action) and s.matches_resource(resource)]
        if any(s.effect == "Deny" for s in matching):
            return Decision.EXPLICIT_DENY
        if not any(s.effect == "Allow" for s in matching):
            allowed_all = False
    return Decision.ALLOW if allowed_all and resources else Decision.IMPLICIT_DENY
