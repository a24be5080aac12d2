"""A workflow graph as a Mermaid flowchart, which GitHub renders wherever the ``.mmd`` is shown or embedded."""

from __future__ import annotations

from collections.abc import Iterator

from bookmarks_flow.diagrams import palette
from bookmarks_flow.diagrams.mermaid_syntax import mermaid_id, text, wrapped
from bookmarks_flow.diagrams.workflow_graph import STATE_TYPE_NAMES, Edge, EdgeKind, Node, NodeKind, WorkflowGraph

_NAME_WIDTH = 24
_LABEL_WIDTH = 28
# Mermaid's shape brackets for each kind of node.
_SHAPES = {
    NodeKind.START: ("((", "))"),
    NodeKind.END: ("(((", ")))"),
    NodeKind.JOIN: ("((", "))"),
    NodeKind.CHOICE: ("{{", "}}"),
    NodeKind.SUCCEED: ("([", "])"),
    NodeKind.FAIL: ("([", "])"),
    NodeKind.PASS: ("[", "]"),
    NodeKind.WAIT: ("[", "]"),
}
_ARROWS = {EdgeKind.CATCH: "-.->"}


def render_mermaid(graph: WorkflowGraph) -> str:
    out = ["flowchart TB"]
    out += _group_lines(graph, None, indent="    ")
    out += [f"    {_edge_line(edge)}" for edge in graph.edges]
    out += _styles(graph)
    return "\n".join(out) + "\n"


def _group_lines(graph: WorkflowGraph, group: str | None, indent: str) -> Iterator[str]:
    for node in graph.members(group):
        opening, closing = _SHAPES.get(node.kind, ("(", ")"))
        yield f'{indent}{mermaid_id(node.id)}{opening}"{_label(node)}"{closing}'
    for child in graph.subgroups(group):
        yield f'{indent}subgraph {mermaid_id(child.id)}["{text(child.label)}"]'
        yield f"{indent}    direction TB"
        yield from _group_lines(graph, child.id, indent + "    ")
        yield f"{indent}end"


def _label(node: Node) -> str:
    if node.kind is NodeKind.JOIN:
        return "done"
    if not node.is_state:
        return text(node.name)
    facts = []
    if node.integration:
        facts.append(node.integration.label)
    elif node.kind in STATE_TYPE_NAMES:
        facts.append(STATE_TYPE_NAMES[node.kind])
    facts += [fact for fact in (node.detail, node.retry_label) if fact]
    rows = [f"<b>{wrapped(node.name, _NAME_WIDTH)}</b>", f"<small>{text(' · '.join(facts))}</small>"]
    if node.waits_for_person:
        rows.append("<b>waits for a person</b>")
    if node.timeout:
        rows.append(f"<small>{text(node.timeout)}</small>")
    return "<br/>".join(rows)


def _edge_line(edge: Edge) -> str:
    arrow = _ARROWS.get(edge.kind, "-->")
    label = f'|"{wrapped(edge.label, _LABEL_WIDTH)}"|' if edge.label else ""
    return f"{mermaid_id(edge.source)} {arrow}{label} {mermaid_id(edge.target)}"


def _class_of(node: Node) -> str:
    """Prefixed, because a class may not be called ``end`` in Mermaid."""
    if node.waits_for_person:
        return "waits_for_person"
    if node.integration and node.integration.service in palette.SERVICE_COLOURS:
        return _service_class(node.integration.service)
    return f"kind_{node.kind}"


def _service_class(service: str) -> str:
    return "service_" + service.lower().replace(" ", "_")


def _styles(graph: WorkflowGraph) -> list[str]:
    """Class and link styles at the end, so the structure above reads on its own."""
    looks = {f"kind_{kind}": look for kind, look in palette.KIND_LOOKS.items()}
    for service, colour in palette.SERVICE_COLOURS.items():
        looks[_service_class(service)] = palette.Look(fill="#ffffff", border=colour)
    looks["waits_for_person"] = palette.Look(fill="#faf5ff", border=palette.PERSON)
    members: dict[str, list[str]] = {}
    for node in graph.nodes:
        members.setdefault(_class_of(node), []).append(mermaid_id(node.id))
    out = []
    for name, ids in members.items():
        look = looks[name]
        width = "3px" if name == "waits_for_person" else "1.5px"
        out.append(f"    classDef {name} fill:{look.fill},stroke:{look.border},color:{look.text},stroke-width:{width}")
        out.append(f"    class {','.join(ids)} {name}")
    for group in graph.groups:
        dashed = ",stroke-dasharray:5 4" if group.kind == "branch" else ""
        out.append(f"    style {mermaid_id(group.id)} fill:{palette.GROUP_FILL},stroke:{palette.GROUP_BORDER}{dashed}")
    for kind in EdgeKind:
        indexes = [str(index) for index, edge in enumerate(graph.edges) if edge.kind is kind]
        if indexes and kind is not EdgeKind.NORMAL:
            colour = palette.EDGE_COLOURS[kind]
            out.append(f"    linkStyle {','.join(indexes)} stroke:{colour},color:{colour}")
    return out
