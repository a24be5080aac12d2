"""An ASL definition as a typed graph: what every diagram of a workflow is drawn from.

The renderers only lay out what is here, so a Mermaid chart, a DOT graph and an execution view in the web console
cannot disagree about which states, branches and error paths a workflow has.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from bookmarks_flow.diagrams.conditions import describe_rule
from bookmarks_flow.diagrams.integrations import Integration, IntegrationPattern, parse_resource

START_ID = "workflow-start"
END_ID = "workflow-end"
# Step Functions' default when a retrier leaves MaxAttempts out.
_DEFAULT_MAX_ATTEMPTS = 3


class NodeKind(StrEnum):
    START = "start"
    END = "end"
    JOIN = "join"
    TASK = "task"
    CHOICE = "choice"
    PASS = "pass"  # noqa: S105 - the Pass state type, not a password
    WAIT = "wait"
    SUCCEED = "succeed"
    FAIL = "fail"
    MAP = "map"
    PARALLEL = "parallel"


# The ASL state type shown under a state's name, for the kinds whose integration line does not say it.
STATE_TYPE_NAMES = {
    NodeKind.CHOICE: "Choice",
    NodeKind.PASS: "Pass",
    NodeKind.WAIT: "Wait",
    NodeKind.SUCCEED: "Succeed",
    NodeKind.FAIL: "Fail",
    NodeKind.MAP: "Map",
    NodeKind.PARALLEL: "Parallel",
}


class EdgeKind(StrEnum):
    NORMAL = "normal"
    CHOICE = "choice"
    DEFAULT = "default"
    CATCH = "catch"
    BRANCH = "branch"


class GroupKind(StrEnum):
    MAP = "map"
    PARALLEL = "parallel"
    BRANCH = "branch"


@dataclass(frozen=True)
class Retrier:
    errors: tuple[str, ...]
    max_attempts: int


@dataclass(frozen=True)
class Node:
    """A state, or one of the markers a reader needs around them (start, end, the join after a Map/Parallel)."""

    id: str
    name: str
    kind: NodeKind
    group: str | None = None
    integration: Integration | None = None
    retriers: tuple[Retrier, ...] = ()
    timeout: str | None = None
    detail: str | None = None
    comment: str | None = None

    @property
    def is_state(self) -> bool:
        return self.kind not in (NodeKind.START, NodeKind.END, NodeKind.JOIN)

    @property
    def waits_for_person(self) -> bool:
        """A task token parks the execution until someone (here: a manager) answers."""
        return self.integration is not None and self.integration.pattern is IntegrationPattern.WAIT_FOR_TASK_TOKEN

    @property
    def max_retries(self) -> int:
        return max((retrier.max_attempts for retrier in self.retriers), default=0)

    @property
    def retry_label(self) -> str | None:
        """E.g. "retry \N{MULTIPLICATION SIGN}3": how often the state is tried again at most (its largest retrier)."""
        return f"retry \N{MULTIPLICATION SIGN}{self.max_retries}" if self.max_retries else None


@dataclass(frozen=True)
class Edge:
    id: str
    source: str
    target: str
    kind: EdgeKind
    label: str = ""
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    """A box around the states of a Map or a Parallel (and around each Parallel branch)."""

    id: str
    label: str
    kind: GroupKind
    owner: str
    parent: str | None = None


@dataclass(frozen=True)
class WorkflowGraph:
    comment: str | None
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    groups: tuple[Group, ...] = ()

    def node(self, node_id: str) -> Node:
        return next(node for node in self.nodes if node.id == node_id)

    def node_for_state(self, state_name: str) -> Node:
        """The node of a state by its name, which is how an execution's history names it."""
        for node in self.nodes:
            if node.is_state and node.name == state_name:
                return node
        raise KeyError(state_name)

    def members(self, group: str | None) -> Iterator[Node]:
        """The nodes directly inside a group (``None``: the top level)."""
        return (node for node in self.nodes if node.group == group)

    def subgroups(self, group: str | None) -> Iterator[Group]:
        return (candidate for candidate in self.groups if candidate.parent == group)


def build_graph(definition: Mapping[str, Any]) -> WorkflowGraph:
    """The graph of a state machine definition (the parsed ``.asl.json``)."""
    builder = _Builder()
    entry, finishers, _ = builder.add_machine(definition, group=None)
    builder.nodes.insert(0, Node(id=START_ID, name="Start", kind=NodeKind.START))
    builder.connect(START_ID, entry, EdgeKind.NORMAL)
    builder.edges.insert(0, builder.edges.pop())
    if finishers:
        builder.nodes.append(Node(id=END_ID, name="End", kind=NodeKind.END))
        for finisher in finishers:
            builder.connect(finisher, END_ID, EdgeKind.NORMAL)
    comment = definition.get("Comment")
    return WorkflowGraph(
        comment=str(comment) if comment is not None else None,
        nodes=tuple(builder.nodes),
        edges=tuple(builder.edges),
        groups=tuple(builder.groups),
    )


def slug(name: str) -> str:
    """A stable, id-safe form of a state name: ``Was It Approved?`` → ``was-it-approved``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "state"


_STATE_KINDS = {
    "Task": NodeKind.TASK,
    "Choice": NodeKind.CHOICE,
    "Pass": NodeKind.PASS,
    "Wait": NodeKind.WAIT,
    "Succeed": NodeKind.SUCCEED,
    "Fail": NodeKind.FAIL,
    "Map": NodeKind.MAP,
    "Parallel": NodeKind.PARALLEL,
}


@dataclass
class _Builder:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    _used_ids: set[str] = field(default_factory=set)

    def add_machine(self, machine: Mapping[str, Any], group: str | None) -> tuple[str, list[str], list[str]]:
        """Adds one (sub-)state machine; returns its entry node and the nodes that end it by End or by Succeed."""
        states: Mapping[str, Mapping[str, Any]] = machine["States"]
        ids = {name: self._new_id(f"state-{slug(name)}") for name in states}
        # Where control leaves a state: a Map/Parallel is left from the join at the bottom of its box.
        exits = dict(ids)
        finishers: list[str] = []
        succeeders: list[str] = []
        for name, state in states.items():
            exits[name] = self._add_state(ids[name], name, state, group)
        for name, state in states.items():
            self._add_transitions(exits[name], state, ids)
            if state.get("End") is True:
                finishers.append(exits[name])
            if state.get("Type") == "Succeed":
                succeeders.append(ids[name])
        return ids[str(machine["StartAt"])], finishers, succeeders

    def _add_state(self, node_id: str, name: str, state: Mapping[str, Any], group: str | None) -> str:
        state_type = str(state.get("Type"))
        kind = _STATE_KINDS.get(state_type)
        if kind is None:
            raise ValueError(f"state {name!r} has an unknown Type {state_type!r}")
        resource = state.get("Resource")
        comment = state.get("Comment")
        node = Node(
            id=node_id,
            name=name,
            kind=kind,
            group=group,
            integration=parse_resource(str(resource)) if kind is NodeKind.TASK and resource else None,
            retriers=tuple(_retrier(item) for item in state.get("Retry", ())),
            timeout=_timeout(state),
            detail=_detail(state),
            comment=str(comment) if comment is not None else None,
        )
        if kind is NodeKind.MAP:
            return self._add_map(node, state)
        if kind is NodeKind.PARALLEL:
            return self._add_parallel(node, state)
        self.nodes.append(node)
        return node_id

    def _add_map(self, node: Node, state: Mapping[str, Any]) -> str:
        box = self._open_group(node, GroupKind.MAP, _map_label(state))
        processor = state.get("ItemProcessor") or state.get("Iterator")
        if processor is None:
            raise ValueError(f"Map state {node.name!r} has neither ItemProcessor nor Iterator")
        entry, finishers, succeeders = self.add_machine(processor, group=box.id)
        self.connect(node.id, entry, EdgeKind.BRANCH)
        return self._close_group(box, [*finishers, *succeeders])

    def _add_parallel(self, node: Node, state: Mapping[str, Any]) -> str:
        branches: Sequence[Mapping[str, Any]] = state.get("Branches", ())
        box = self._open_group(node, GroupKind.PARALLEL, f"Parallel · {len(branches)} branches at once")
        ends: list[str] = []
        for number, branch in enumerate(branches, start=1):
            lane = Group(
                id=self._new_id(f"{box.id}-branch-{number}"),
                label=f"Branch {number}",
                kind=GroupKind.BRANCH,
                owner=node.id,
                parent=box.id,
            )
            self.groups.append(lane)
            entry, finishers, succeeders = self.add_machine(branch, group=lane.id)
            self.connect(node.id, entry, EdgeKind.BRANCH)
            ends += [*finishers, *succeeders]
        return self._close_group(box, ends)

    def _open_group(self, node: Node, kind: GroupKind, label: str) -> Group:
        box = Group(
            id=self._new_id(f"group-{slug(node.name)}"), label=label, kind=kind, owner=node.id, parent=node.group
        )
        self.groups.append(box)
        self.nodes.append(replace(node, group=box.id))
        return box

    def _close_group(self, box: Group, ends: list[str]) -> str:
        """Adds the join that the box's work flows into; the state's own transitions leave from there."""
        owner = next(node for node in self.nodes if node.id == box.owner)
        join = Node(
            id=self._new_id(f"join-{slug(owner.name)}"), name=f"{owner.name} done", kind=NodeKind.JOIN, group=box.id
        )
        self.nodes.append(join)
        for end in ends:
            self.connect(end, join.id, EdgeKind.NORMAL)
        return join.id

    def _add_transitions(self, source: str, state: Mapping[str, Any], ids: Mapping[str, str]) -> None:
        if state.get("Type") == "Choice":
            for rule in state.get("Choices", ()):
                self.connect(source, ids[rule["Next"]], EdgeKind.CHOICE, describe_rule(rule))
            if "Default" in state:
                self.connect(source, ids[state["Default"]], EdgeKind.DEFAULT, "Default")
        if "Next" in state:
            self.connect(source, ids[state["Next"]], EdgeKind.NORMAL)
        for catcher in state.get("Catch", ()):
            errors = tuple(str(error) for error in catcher.get("ErrorEquals", ()))
            self.connect(source, ids[catcher["Next"]], EdgeKind.CATCH, ", ".join(errors), errors)

    def connect(self, source: str, target: str, kind: EdgeKind, label: str = "", errors: tuple[str, ...] = ()) -> None:
        edge_id = self._new_id(f"edge-{source.removeprefix('state-')}--{kind}--{target.removeprefix('state-')}")
        self.edges.append(Edge(edge_id, source, target, kind, label, errors))

    def _new_id(self, wanted: str) -> str:
        candidate, number = wanted, 2
        while candidate in self._used_ids:
            candidate, number = f"{wanted}-{number}", number + 1
        self._used_ids.add(candidate)
        return candidate


def _retrier(retrier: Mapping[str, Any]) -> Retrier:
    return Retrier(
        errors=tuple(str(error) for error in retrier.get("ErrorEquals", ())),
        max_attempts=int(retrier.get("MaxAttempts", _DEFAULT_MAX_ATTEMPTS)),
    )


def _map_label(state: Mapping[str, Any]) -> str:
    if "ItemReader" in state:
        source = "items read by ItemReader"
    elif "Items" in state:
        source = "each item of Items"
    else:
        source = f"each item of {state.get('ItemsPath', '$')}"
    processor = state.get("ItemProcessor") or {}
    distributed = processor.get("ProcessorConfig", {}).get("Mode") == "DISTRIBUTED"
    label = f"{'Distributed map' if distributed else 'Map'} · {source}"
    if state.get("MaxConcurrency"):
        label += f", at most {state['MaxConcurrency']} at once"
    return label


def _timeout(state: Mapping[str, Any]) -> str | None:
    if "TimeoutSeconds" in state:
        return f"timeout {_duration(state['TimeoutSeconds'])}"
    if "TimeoutSecondsPath" in state:
        return f"timeout from {state['TimeoutSecondsPath']}"
    return None


def _detail(state: Mapping[str, Any]) -> str | None:
    """The one fact a Wait or Fail state is about: how long it waits, which error it ends with."""
    if state.get("Type") == "Wait":
        if "Seconds" in state:
            return _duration(state["Seconds"])
        if "SecondsPath" in state:
            return f"{state['SecondsPath']} seconds"
        for key in ("Timestamp", "TimestampPath"):
            if key in state:
                return f"until {state[key]}"
    if state.get("Type") == "Fail" and ("Error" in state or "ErrorPath" in state):
        return f"error {state.get('Error', state.get('ErrorPath'))}"
    return None


def _duration(seconds: Any) -> str:
    if isinstance(seconds, int) and not isinstance(seconds, bool):
        for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
            if seconds >= size and seconds % size == 0:
                return f"{seconds // size} {unit}"
        return f"{seconds} s"
    return str(seconds)
