"""The decision for one request: the principal's identity policies evaluated for the action on each resource
the request addresses. What was allowed goes to the journal; a refusal becomes the service's AccessDenied."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bookmarks_flow.local.iam.denials import Denial, denial_for, denial_message
from bookmarks_flow.local.iam.evaluation import Decision, Policy, Statement, evaluate, glob_match
from bookmarks_flow.local.iam.journal import Grant, Use, record
from bookmarks_flow.local.iam.principals import Principal


def _entry(positive: tuple[str, ...], negative: tuple[str, ...], value: str, ignore_case: bool) -> str:
    if negative:
        return "Not:" + ",".join(negative)
    return next(p for p in positive if glob_match(p, value, ignore_case=ignore_case))


def grants_used(principal: Principal, action: str, resource: str) -> list[Use]:
    """The Allow statements (in template coordinates) that let ``action`` on ``resource`` through."""
    uses = []
    for policy in principal.policies:
        for index, statement in enumerate(policy.statements):
            if (
                statement.effect == "Allow"
                and statement.matches_action(action)
                and statement.matches_resource(resource)
            ):
                grant = Grant(
                    role=principal.role_logical_id,
                    policy=policy.name,
                    statement=index,
                    action=_entry(statement.actions, statement.not_actions, action, True),
                    resource=_entry(statement.resources, statement.not_resources, resource, False),
                )
                uses.append(Use(grant, action, resource))
    return uses


@dataclass(frozen=True)
class Refusal:
    resource: str
    decision: Decision


def authorise(principal: Principal, action: str, resources: Sequence[str]) -> Refusal | None:
    for resource in resources:
        decision = evaluate(principal.policies, action, [resource])
        if decision is not Decision.ALLOW:
            return Refusal(resource, decision)
    record([use for resource in resources for use in grants_used(principal, action, resource)])
    return None


def refusal_answer(principal: Principal, action: str, refusal: Refusal) -> Denial:
    message = denial_message(principal.arn, action, refusal.resource, refusal.decision)
    return denial_for(action.partition(":")[0], message)


__all__ = ["Policy", "Refusal", "Statement", "authorise", "grants_used", "refusal_answer"]
