"""template.yaml as an architecture graph: its resources and how they use each other, read from the template.

Edges come from what the template already says: a state machine's DefinitionSubstitutions (labelled with the
calls its ASL makes through them), the API's OpenAPI integrations, SAM event sources, SNS subscriptions, SQS
redrive policies, IAM policies, environment variables and, for anything else, any reference from one resource to
another. A resource added to the template therefore appears with its connections without anyone drawing it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from bookmarks_flow.diagrams import api_routes
from bookmarks_flow.diagrams.asl_calls import calls_by_substitution
from bookmarks_flow.diagrams.resource_types import (
    CONNECTORS,
    IMPLICIT_APIS,
    LAMBDA_EVENT_SOURCE_MAPPING,
    LAMBDA_PERMISSION,
    SNS_SUBSCRIPTION,
    Category,
    describe_type,
)
from bookmarks_flow.diagrams.template_references import ReferenceFinder
from bookmarks_flow.local.intrinsics import references

ALARM_TYPE = "AWS::CloudWatch::Alarm"
DASHBOARD_TYPE = "AWS::CloudWatch::Dashboard"
EVENT_RULE_TYPE = "AWS::Events::Rule"
# Resource policies grant access; they are not parts of the architecture, and the links they would add repeat
# the ones drawn from what they grant to.
RESOURCE_POLICY_TYPES = ("AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::Logs::ResourcePolicy")
FOLDED_TYPES = (ALARM_TYPE, DASHBOARD_TYPE, *RESOURCE_POLICY_TYPES)
ALARMS_ID = "cloudwatch-alarms"
_PROPERTY_LABELS = {"Logging": "execution logs", "LoggingConfig": "logs"}


class LinkKind(StrEnum):
    CALLS = "calls"
    USES = "uses"
    TRIGGERS = "triggers"
    DELIVERS = "delivers"
    REDRIVES = "redrives"
    REFERS = "refers"


@dataclass(frozen=True)
class Component:
    id: str
    name: str
    kind: str
    category: Category
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    """``label`` may hold several lines (one per API route, say), separated by newlines."""

    source: str
    target: str
    kind: LinkKind
    label: str = ""


@dataclass(frozen=True)
class ArchitectureGraph:
    description: str | None
    components: tuple[Component, ...]
    links: tuple[Link, ...]

    def in_category(self, category: Category) -> Iterator[Component]:
        return (component for component in self.components if component.category is category)


def build_architecture(template: Mapping[str, Any], template_dir: Path) -> ArchitectureGraph:
    """The graph of a template as ``load_template`` reads it; ``template_dir`` resolves the files it points at."""
    builder = _Builder(template, template_dir, ReferenceFinder(template.get("Resources", {})))
    builder.build()
    description = template.get("Description")
    return ArchitectureGraph(
        description=" ".join(str(description).split()) if description else None,
        components=tuple(builder.components.values()),
        links=tuple(builder.links.values()),
    )


@dataclass
class _Builder:
    template: Mapping[str, Any]
    template_dir: Path
    finder: ReferenceFinder
    components: dict[str, Component] = field(default_factory=dict)
    links: dict[tuple[str, str], Link] = field(default_factory=dict)

    def build(self) -> None:
        resources: Mapping[str, Mapping[str, Any]] = self.template.get("Resources", {})
        for logical_id, resource in resources.items():
            if resource.get("Type") not in CONNECTORS and resource.get("Type") not in FOLDED_TYPES:
                self.components[logical_id] = _component(logical_id, resource)
        self._fold_alarms(resources)
        # The most telling source of a connection goes first: the first label found for a pair is kept.
        passes = (
            self._substitutions,
            self._api,
            self._events,
            self._connectors,
            self._event_rules,
            self._subscriptions,
            self._redrive,
            self._policies,
            self._environment,
            self._other_references,
        )
        for add_links in passes:
            for logical_id, resource in resources.items():
                add_links(logical_id, resource)
        self._mark_dead_letter_queues()

    def _fold_alarms(self, resources: Mapping[str, Mapping[str, Any]]) -> None:
        """A dozen alarms drawn one by one would hide the application: they become one box, linked to whom
        they tell."""
        alarms = [resource for resource in resources.values() if resource.get("Type") == ALARM_TYPE]
        dashboards = [name for name, resource in resources.items() if resource.get("Type") == DASHBOARD_TYPE]
        if not alarms and not dashboards:
            return
        details = [f"{len(alarms)} alarm{'s' if len(alarms) != 1 else ''}"] if alarms else []
        details += [f"dashboard {name}" for name in dashboards]
        self.components[ALARMS_ID] = Component(
            ALARMS_ID, "Alarms", "CloudWatch alarms", Category.OPERATIONS, tuple(details)
        )
        for alarm in alarms:
            for target in self.finder.targets(alarm.get("Properties", {}).get("AlarmActions", [])):
                self.link(ALARMS_ID, target, LinkKind.TRIGGERS, "alarm actions")

    def link(self, source: str, target: str, kind: LinkKind, label: str = "") -> None:
        if source == target or source not in self.components or target not in self.components:
            return
        if (source, target) not in self.links and (target, source) not in self.links:
            self.links[(source, target)] = Link(source, target, kind, label)

    def _substitutions(self, logical_id: str, resource: Mapping[str, Any]) -> None:
        """A state machine → what its ASL calls, labelled with the calls (putItem, publish, ...)."""
        properties = resource.get("Properties", {})
        substitutions: Mapping[str, Any] = properties.get("DefinitionSubstitutions", {})
        calls = calls_by_substitution(self._definition(properties)) if substitutions else {}
        for name, value in substitutions.items():
            for target in self.finder.targets(value):
                self.link(logical_id, target, LinkKind.CALLS, ", ".join(calls.get(name, ())))

    def _definition(self, properties: Mapping[str, Any]) -> Mapping[str, Any]:
        if isinstance(properties.get("Definition"), Mapping):
            definition: Mapping[str, Any] = properties["Definition"]
            return definition
        text = properties.get("DefinitionString")
        uri = properties.get("DefinitionUri")
        if not isinstance(text, str) and isinstance(uri, str) and (self.template_dir / uri).is_file():
            text = (self.template_dir / uri).read_text(encoding="utf-8")
        parsed: Mapping[str, Any] = json.loads(text) if isinstance(text, str) else {}
        return parsed

    def _api(self, logical_id: str, resource: Mapping[str, Any]) -> None:
        """An API → what its OpenAPI integrations call, labelled with the routes."""
        if "Api" not in str(resource.get("Type")):
            return
        document = api_routes.openapi_body(resource.get("Properties", {}), self.template_dir)
        routes_by_target: dict[str, list[str]] = {}
        for route in api_routes.routes(document):
            integration = route.integration
            called = {"uri": integration.get("uri"), "templates": integration.get("requestTemplates")}
            action = _text(integration.get("uri")).rsplit("action/", 1)
            label = f"{route.label} ({action[1]})" if len(action) == 2 else route.label
            for target in self.finder.targets(called):
                routes_by_target.setdefault(target, []).append(label)
            for role in self.finder.targets(integration.get("credentials")):
                routes_by_target.setdefault(role, []).append(f"credentials for {route.label}")
        for target, labels in routes_by_target.items():
            self.link(logical_id, target, LinkKind.TRIGGERS, "\n".join(dict.fromkeys(labels)))
        for pool in self.finder.targets(api_routes.authorizers(document)):
            self.link(logical_id, pool, LinkKind.USES, "Cognito authorizer")

    def _events(self, logical_id: str, resource: Mapping[str, Any]) -> None:
        """SAM's Events: the API, queue, topic, schedule... that starts a function or a state machine."""
        for name, event in resource.get("Properties", {}).get("Events", {}).items():
            event_type = str(event.get("Type", "Event"))
            event_properties = event.get("Properties", {})
            sources = self.finder.targets(event_properties)
            if not sources and event_type in IMPLICIT_APIS:
                api, api_type = IMPLICIT_APIS[event_type]
                kind, category = describe_type(api_type)
                self.components.setdefault(api, Component(api, api, f"{kind} (implicit)", category))
                sources = [api]
            if not sources:
                event_id = f"event-{logical_id}-{name}"
                detail = event_properties.get("Schedule") or event_properties.get("Pattern")
                details = (detail if isinstance(detail, str) else json.dumps(detail),) if detail else ()
                self.components[event_id] = Component(event_id, name, f"{event_type} event", Category.ENTRY, details)
                sources = [event_id]
            for source in sources:
                self.link(source, logical_id, LinkKind.TRIGGERS, _event_label(event_type, event_properties))

    def _connectors(self, logical_id: str, resource: Mapping[str, Any]) -> None:
        """Event source mappings and invoke permissions: drawn as the event source → the function."""
        properties = resource.get("Properties", {})
        source_key = {LAMBDA_EVENT_SOURCE_MAPPING: "EventSourceArn", LAMBDA_PERMISSION: "SourceArn"}
        key = source_key.get(str(resource.get("Type")))
        if key is None:
            return
        label = "event source" if key == "EventSourceArn" else "may invoke"
        for source in self.finder.targets(properties.get(key)):
            for function in self.finder.targets(properties.get("FunctionName")):
                self.link(source, function, LinkKind.TRIGGERS, label)

    def _event_rules(self, logical_id: str, resource: Mapping[str, Any]) -> None:
        """An event rule sits between where its events come from and its targets: the bus it is on (or, on the
        default bus, the resources its pattern names) → the rule → each target."""
        properties = resource.get("Properties", {})
        if resource.get("Type") != EVENT_RULE_TYPE or "EventPattern" not in properties:
            return
        self.components[logical_id] = replace(self.components[logical_id], category=Category.MESSAGING)
        pattern = properties["EventPattern"]
        matched = ", ".join(str(kind) for kind in pattern.get("detail-type", [])) or "every event"
        sources = self.finder.targets(properties.get("EventBusName")) or self.finder.targets(pattern.get("detail"))
        for source in sources:
            self.link(source, logical_id, LinkKind.TRIGGERS, matched)
        for target in properties.get("Targets", []):
            shape = "the detail" if target.get("InputPath") == "$.detail" else "a message"
            label = shape if "InputPath" in target or "InputTransformer" in target else "the event"
            for target_id in self.finder.targets(target.get("Arn")):
                self.link(logical_id, target_id, LinkKind.DELIVERS, label)

    def _subscriptions(self, logical_id: str, resource: Mapping[str, Any]) -> None:
        properties = resource.get("Properties", {})
        if resource.get("Type") == "AWS::SNS::Topic":
            for subscription in properties.get("Subscription", ()):
                self._subscribe(logical_id, subscription)
        elif resource.get("Type") == SNS_SUBSCRIPTION:
            for topic in self.finder.targets(properties.get("TopicArn")):
                self._subscribe(topic, properties)

    def _subscribe(self, topic: str, subscription: Mapping[str, Any]) -> None:
        protocol = str(subscription.get("Protocol", "?"))
        label = protocol
        if subscription.get("FilterPolicy"):
            label += "\nif " + _filter_text(subscription["FilterPolicy"])
        endpoint = subscription.get("Endpoint")
        targets = self.finder.targets(endpoint) or [self._recipient(protocol, endpoint).id]
        for target in targets:
            self.link(topic, target, LinkKind.DELIVERS, label)

    def _recipient(self, protocol: str, endpoint: Any) -> Component:
        """An endpoint outside the stack: a parameter (shown with its default) or a literal address."""
        parameters: Mapping[str, Mapping[str, Any]] = self.template.get("Parameters", {})
        parameter = next(iter(sorted(references(endpoint) & set(parameters))), None)
        if parameter is not None:
            default = parameters[parameter].get("Default")
            details = (f"default {default}",) if default not in (None, "") else ()
            recipient = Component(
                f"parameter-{parameter}", parameter, f"{protocol} recipient", Category.PEOPLE, details
            )
        else:
            address = str(endpoint)
            slug = re.sub(r"[^A-Za-z0-9]+", "-", address).strip("-")
            recipient = Component(f"endpoint-{slug}", address, f"{protocol} recipient", Category.PEOPLE)
        self.components.setdefault(recipient.id, recipient)
        return recipient

    def _redrive(self, logical_id: str, resource: Mapping[str, Any]) -> None:
        properties = resource.get("Properties", {})
        policy = properties.get("RedrivePolicy")
        if isinstance(policy, Mapping):
            receives = policy.get("maxReceiveCount")
            label = f"dead letters after {receives} receives" if receives else "dead letters"
            for target in self.finder.targets(policy.get("deadLetterTargetArn")):
                self.link(logical_id, target, LinkKind.REDRIVES, label)
        for key in ("DeadLetterQueue", "DeadLetterConfig"):
            for target in self.finder.targets(properties.get(key)):
                self.link(logical_id, target, LinkKind.REDRIVES, "failed events")

    def _policies(self, logical_id: str, resource: Mapping[str, Any]) -> None:
        """IAM statements and SAM policy templates: what a function, state machine or role may do to what."""
        policies = resource.get("Properties", {}).get("Policies", ())
        actions: dict[str, list[str]] = {}
        for policy in policies if isinstance(policies, list) else ():
            if not isinstance(policy, Mapping):
                continue
            document = policy.get("PolicyDocument", policy)
            for statement in document.get("Statement", ()) if isinstance(document, Mapping) else ():
                if statement.get("Effect", "Allow") == "Allow":
                    for target in self.finder.targets(statement.get("Resource")):
                        actions.setdefault(target, []).extend(_action_names(statement.get("Action", [])))
            for template_name, arguments in policy.items():
                if template_name.endswith("Policy"):
                    for target in self.finder.targets(arguments):
                        actions.setdefault(target, []).append(template_name.removesuffix("Policy"))
        for target, names in actions.items():
            self.link(logical_id, target, LinkKind.USES, ", ".join(dict.fromkeys(names)))

    def _environment(self, logical_id: str, resource: Mapping[str, Any]) -> None:
        """A variable naming a resource that no policy grants access to: the function only needs to know it."""
        variables: Mapping[str, Any] = resource.get("Properties", {}).get("Environment", {}).get("Variables", {})
        for variable, value in variables.items():
            for target in self.finder.targets(value):
                self.link(logical_id, target, LinkKind.REFERS, variable)

    def _other_references(self, logical_id: str, resource: Mapping[str, Any]) -> None:
        for key, value in resource.get("Properties", {}).items():
            for target in self.finder.targets(value):
                self.link(logical_id, target, LinkKind.REFERS, _PROPERTY_LABELS.get(key, key))

    def _mark_dead_letter_queues(self) -> None:
        for link in self.links.values():
            target = self.components[link.target]
            if link.kind is LinkKind.REDRIVES and target.kind == "SQS queue":
                self.components[link.target] = replace(target, kind="SQS dead-letter queue")


def _component(logical_id: str, resource: Mapping[str, Any]) -> Component:
    kind, category = describe_type(str(resource.get("Type", "?")))
    properties = resource.get("Properties", {})
    details = [properties["DefinitionUri"]] if isinstance(properties.get("DefinitionUri"), str) else []
    return Component(logical_id, logical_id, kind, category, tuple(details))


def _text(value: Any) -> str:
    """A string property as written, also when it is a Sub template."""
    if isinstance(value, Mapping) and "Fn::Sub" in value:
        template = value["Fn::Sub"]
        return str(template[0] if isinstance(template, list) else template)
    return str(value) if isinstance(value, str) else ""


def _action_names(actions: Any) -> list[str]:
    """``dynamodb:PutItem`` → ``PutItem``: the service shows on the target already."""
    listed = actions if isinstance(actions, list) else [actions]
    return [str(action).split(":", 1)[-1] for action in listed]


def _excluded_prefix(allowed: Any) -> str | None:
    """``[{"anything-but": {"prefix": "x"}}]``, SNS's way of saying "does not start with x"."""
    match allowed:
        case [{"anything-but": {"prefix": str(prefix)}}]:
            return prefix
    return None


def _filter_text(filter_policy: Any) -> str:
    if not isinstance(filter_policy, Mapping):
        return json.dumps(filter_policy)
    parts = []
    for attribute, allowed in filter_policy.items():
        excluded_prefix = _excluded_prefix(allowed)
        if isinstance(allowed, list) and all(isinstance(value, str) for value in allowed):
            parts.append(f"{attribute} is {' or '.join(allowed)}")
        elif excluded_prefix is not None:
            parts.append(f"{attribute} does not start with {excluded_prefix}")
        else:
            parts.append(f"{attribute} matches {json.dumps(allowed)}")
    return " and ".join(parts)


def _event_label(event_type: str, properties: Mapping[str, Any]) -> str:
    if event_type in IMPLICIT_APIS and "Path" in properties:
        return f"{str(properties.get('Method', 'any')).upper()} {properties['Path']}"
    if event_type == "Cognito" and "Trigger" in properties:
        trigger = properties["Trigger"]
        return f"Cognito {', '.join(trigger) if isinstance(trigger, list) else trigger}"
    return event_type
