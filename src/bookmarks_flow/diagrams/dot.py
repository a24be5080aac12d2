"""A workflow graph as Graphviz DOT, optionally coloured by what one execution did in each state.

Every state's SVG element gets ``id="state-<slug>"`` (the node's id in the graph model), so a page can find and
restyle it; ``highlights`` does the colouring here for callers that render a fresh SVG instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from bookmarks_flow.diagrams import palette
from bookmarks_flow.diagrams.dot_syntax import HtmlLabel, attributes, escape, lines, quote
from bookmarks_flow.diagrams.workflow_graph import (
    STATE_TYPE_NAMES,
    Edge,
    EdgeKind,
    Group,
    Node,
    NodeKind,
    WorkflowGraph,
)

STATUSES = tuple(palette.STATUS_LOOKS)
_FONT = "Helvetica,Arial,sans-serif"
_NAME_WIDTH = 22
_LABEL_WIDTH = 26


def render_dot(graph: WorkflowGraph, highlights: Mapping[str, str] | None = None) -> str:
    """DOT for ``dot -Tsvg``; ``highlights`` maps state names to one of ``STATUSES`` and adds a legend for them."""
    unknown = {status for status in (highlights or {}).values() if status not in palette.STATUS_LOOKS}
    if unknown:
        raise ValueError(f"unknown highlight status {sorted(unknown)}; expected one of {list(STATUSES)}")
    missing = [name for name in (highlights or {}) if not any(n.is_state and n.name == name for n in graph.nodes)]
    if missing:
        raise KeyError(f"highlights name states that are not in the workflow: {missing}")
    by_id = {graph.node_for_state(name).id: status for name, status in (highlights or {}).items()}
    out = [
        "digraph workflow {",
        "  " + "graph " + attributes(_graph_attributes(graph)),
        "  node " + attributes({"fontname": _FONT, "fontsize": 11, "shape": "box", "style": "rounded,filled"}),
        "  edge " + attributes({"fontname": _FONT, "fontsize": 9, "arrowsize": 0.7, "color": palette.LINE}),
    ]
    out += _group_lines(graph, None, by_id, indent="  ")
    loose = _loose_edges(graph)
    for edge in graph.edges:
        out.append(
            f"  {quote(edge.source)} -> {quote(edge.target)} {attributes(_edge_attributes(edge, edge in loose))}"
        )
    out += _legend(highlights is not None)
    out.append("}")
    return "\n".join(out) + "\n"


def _graph_attributes(graph: WorkflowGraph) -> dict[str, str | int | float | HtmlLabel]:
    values: dict[str, str | int | float | HtmlLabel] = {
        "id": "workflow",
        "rankdir": "TB",
        "newrank": "true",
        "nodesep": 0.3,
        "ranksep": 0.4,
        "pad": 0.3,
        "fontname": _FONT,
        "bgcolor": "#ffffff",
    }
    if graph.comment:
        caption = '<BR ALIGN="LEFT"/>'.join(escape(line) for line in lines(graph.comment, 100))
        values |= {"label": HtmlLabel(caption + '<BR ALIGN="LEFT"/>'), "labelloc": "t", "labeljust": "l"}
        values["fontsize"] = 11
        values["fontcolor"] = palette.MUTED
    return values


def _group_lines(graph: WorkflowGraph, group: str | None, status: Mapping[str, str], indent: str) -> Iterator[str]:
    for node in graph.members(group):
        yield f"{indent}{quote(node.id)} {attributes(_node_attributes(node, status.get(node.id)))}"
    for child in graph.subgroups(group):
        yield f"{indent}subgraph {quote('cluster_' + child.id)} {{"
        yield f"{indent}  graph {attributes(_cluster_attributes(child))}"
        yield from _group_lines(graph, child.id, status, indent + "  ")
        yield f"{indent}}}"


def _cluster_attributes(group: Group) -> dict[str, str | int | float | HtmlLabel]:
    return {
        "id": group.id,
        "label": group.label,
        "style": "rounded,dashed" if group.kind == "branch" else "rounded,filled",
        "fillcolor": palette.GROUP_FILL,
        "color": palette.GROUP_BORDER,
        "fontcolor": palette.GROUP_BORDER,
        "fontsize": 10,
        "labeljust": "l",
    }


def _node_attributes(node: Node, status: str | None) -> dict[str, str | int | float | HtmlLabel]:
    look = palette.STATUS_LOOKS[status] if status else palette.KIND_LOOKS[node.kind]
    values: dict[str, str | int | float | HtmlLabel] = {
        "id": node.id,
        "class": " ".join(
            ["state" if node.is_state else "marker", f"kind-{node.kind}", *([f"status-{status}"] * bool(status))]
        ),
        "fillcolor": look.fill,
        "color": look.border,
        "fontcolor": look.text,
        "penwidth": 1.2,
        "margin": "0.14,0.06",
    }
    if node.kind in (NodeKind.START, NodeKind.END):
        shape = "circle" if node.kind is NodeKind.START else "doublecircle"
        return values | {"shape": shape, "label": node.name, "fontsize": 9, "width": 0.55, "fixedsize": "true"}
    if node.kind is NodeKind.JOIN:
        return values | {
            "shape": "box",
            "style": "filled",
            "label": "",
            "height": 0.05,
            "width": 1.6,
            "fixedsize": "true",
        }
    if node.kind is NodeKind.CHOICE:
        values["shape"] = "hexagon"
    if node.waits_for_person and not status:
        values |= {"color": palette.PERSON, "penwidth": 2.2}
    elif node.integration and not status:
        values["color"] = palette.SERVICE_COLOURS.get(node.integration.service, look.border)
    if status == "running":
        values["penwidth"] = 2.5
    values["label"] = _state_label(node, muted=status == "not_reached")
    return values


def _state_label(node: Node, muted: bool) -> HtmlLabel:
    name = "<BR/>".join(escape(line) for line in lines(node.name, _NAME_WIDTH))
    rows = [f'<FONT POINT-SIZE="12"><B>{name}</B></FONT>']
    facts = []
    if node.integration:
        colour = palette.MUTED if muted else palette.SERVICE_COLOURS.get(node.integration.service, palette.INK)
        facts.append(f'<FONT COLOR="{colour}">{escape(node.integration.label)}</FONT>')
    elif node.kind in STATE_TYPE_NAMES:
        facts.append(f'<FONT COLOR="{palette.MUTED}">{STATE_TYPE_NAMES[node.kind]}</FONT>')
    for fact in (node.detail, node.retry_label):
        if fact:
            facts.append(f'<FONT COLOR="{palette.MUTED}">{escape(fact)}</FONT>')
    if facts:
        rows.append(f'<FONT POINT-SIZE="9">{" · ".join(facts)}</FONT>')
    if node.waits_for_person:
        colour = palette.MUTED if muted else palette.PERSON
        rows.append(f'<FONT POINT-SIZE="9" COLOR="{colour}"><B>waits for a person</B></FONT>')
    if node.timeout:
        rows.append(f'<FONT POINT-SIZE="8" COLOR="{palette.MUTED}">{escape(node.timeout)}</FONT>')
    return HtmlLabel("<BR/>".join(rows))


def _is_catch_all(edge: Edge) -> bool:
    return edge.kind is EdgeKind.CATCH and edge.errors == ("States.ALL",)


def _loose_edges(graph: WorkflowGraph) -> set[Edge]:
    """Catch-all edges into a state that is also reached otherwise: they are left out of the ranking.

    Nearly every state catches States.ALL into one failure handler; letting those edges rank the layout drags the
    handler to the bottom of everything and crosses the whole chart. Edges that catch named errors
    (a rejection, a timeout) are part of the business flow and keep their place.
    """
    anchored = {edge.target for edge in graph.edges if not _is_catch_all(edge)}
    return {edge for edge in graph.edges if _is_catch_all(edge) and edge.target in anchored}


def _edge_attributes(edge: Edge, loose: bool) -> dict[str, str | int | float | HtmlLabel]:
    colour = palette.EDGE_COLOURS[edge.kind]
    values: dict[str, str | int | float | HtmlLabel] = {"id": edge.id, "class": f"edge-{edge.kind}", "color": colour}
    if edge.label:
        text = "<BR/>".join(escape(line) for line in lines(edge.label, _LABEL_WIDTH))
        values |= {"label": HtmlLabel(text), "fontcolor": colour}
    if edge.kind is EdgeKind.CATCH:
        # Error paths are many and secondary: thin, dashed and kept from pulling the main flow out of shape.
        values |= {"style": "dashed", "penwidth": 0.9, "fontsize": 8, "arrowhead": "vee"}
    if loose:
        # Many and secondary: fainter, so the main flow stays readable through them.
        values |= {"weight": 0, "color": colour + "99", "fontcolor": colour + "cc", "penwidth": 0.7}
    if edge.kind is EdgeKind.DEFAULT:
        values["fontname"] = "Helvetica-Oblique,Arial,sans-serif"
    return values


def _legend(with_statuses: bool) -> list[str]:
    """A key to the line styles and, for an execution, to the status colours."""
    line = "\N{EM DASH}" * 3
    dashes = "- - - -"
    rows = [
        _legend_row(f'<FONT COLOR="{palette.LINE}"><B>{line}</B></FONT>', "next state"),
        _legend_row(
            f'<FONT COLOR="{palette.EDGE_COLOURS[EdgeKind.CHOICE]}"><B>{line}</B></FONT>',
            "choice, labelled with its condition",
        ),
        _legend_row(
            f'<FONT COLOR="{palette.EDGE_COLOURS[EdgeKind.CATCH]}"><B>{dashes}</B></FONT>',
            "catch, labelled with the errors it catches",
        ),
        _legend_row("", "waits for a person (task token)", border=palette.PERSON),
    ]
    if with_statuses:
        for status, look in palette.STATUS_LOOKS.items():
            rows.append(_legend_row("", palette.STATUS_DESCRIPTIONS[status], fill=look.fill, border=look.border))
    table = f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">{"".join(rows)}</TABLE>'
    legend: dict[str, str | int | float | HtmlLabel] = {
        "id": "legend",
        "shape": "box",
        "style": "rounded",
        "color": "#d1d5db",
        "fontsize": 9,
        "label": HtmlLabel(table),
    }
    return [f"  legend {attributes(legend)}"]


def _legend_row(sample: str, meaning: str, fill: str = "#ffffff", border: str | None = None) -> str:
    if border is None:
        sample_cell = f'<TD ALIGN="LEFT">{sample}</TD>'
    else:
        sample_cell = f'<TD BORDER="2" COLOR="{border}" BGCOLOR="{fill}" WIDTH="34" HEIGHT="12"></TD>'
    return f'<TR>{sample_cell}<TD ALIGN="LEFT">{escape(meaning)}</TD></TR>'
