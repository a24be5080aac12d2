"""The architecture graph as Graphviz DOT: one column per category, left (callers) to right (recipients)."""

from __future__ import annotations

from bookmarks_flow.diagrams import palette
from bookmarks_flow.diagrams.architecture import ArchitectureGraph, Component, Link, LinkKind
from bookmarks_flow.diagrams.dot_syntax import HtmlLabel, attributes, escape, lines, quote
from bookmarks_flow.diagrams.resource_types import CATEGORY_TITLES, Category

_FONT = "Helvetica,Arial,sans-serif"
_LABEL_WIDTH = 34
_STYLES = {LinkKind.REDRIVES: "dashed", LinkKind.REFERS: "dotted"}
_SAMPLES = {"dashed": "- - - -", "dotted": "\N{MIDDLE DOT} \N{MIDDLE DOT} \N{MIDDLE DOT} \N{MIDDLE DOT}"}
_MEANINGS = {
    LinkKind.CALLS: "the state machine calls it (the ASL's actions)",
    LinkKind.TRIGGERS: "starts it (API routes, event sources)",
    LinkKind.USES: "may act on it (IAM actions)",
    LinkKind.DELIVERS: "SNS delivers to it",
    LinkKind.REDRIVES: "dead letters go to it",
    LinkKind.REFERS: "names it (property or variable)",
}


def render_architecture_dot(graph: ArchitectureGraph) -> str:
    graph_attributes: dict[str, str | int | float | HtmlLabel] = {
        "id": "architecture",
        "rankdir": "TB",
        "newrank": "true",
        "nodesep": 0.3,
        "ranksep": 1.1,
        "pad": 0.3,
        "fontname": _FONT,
        "bgcolor": "#ffffff",
    }
    graph_attributes |= {"label": _caption(graph), "labelloc": "t", "labeljust": "l", "fontsize": 10}
    out = [
        "digraph architecture {",
        f"  graph {attributes(graph_attributes)}",
        "  node " + attributes({"fontname": _FONT, "fontsize": 11, "shape": "box", "style": "rounded,filled"}),
        "  edge " + attributes({"fontname": _FONT, "fontsize": 9, "arrowsize": 0.7}),
    ]
    for category in Category:
        members = list(graph.in_category(category))
        if not members:
            continue
        look = palette.CATEGORY_LOOKS[category]
        cluster: dict[str, str | int | float | HtmlLabel] = {
            "id": f"column-{category}",
            "label": CATEGORY_TITLES[category],
            "style": "rounded,dashed",
            "color": "#d1d5db",
            "fontcolor": palette.MUTED,
            "fontsize": 10,
            "rank": "same",
        }
        out.append(f"  subgraph {quote('cluster_' + category)} {{")
        out.append(f"    graph {attributes(cluster)}")
        out += [f"    {quote(component.id)} {attributes(_node(component, look))}" for component in members]
        out.append("  }")
    out += [f"  {quote(link.source)} -> {quote(link.target)} {attributes(_edge(link))}" for link in graph.links]
    out.append("}")
    return "\n".join(out) + "\n"


def _node(component: Component, look: palette.Look) -> dict[str, str | int | float | HtmlLabel]:
    rows = [f'<FONT POINT-SIZE="12"><B>{escape(component.name)}</B></FONT>']
    rows.append(f'<FONT POINT-SIZE="9" COLOR="{look.border}">{escape(component.kind)}</FONT>')
    rows += [f'<FONT POINT-SIZE="8" COLOR="{palette.MUTED}">{escape(detail)}</FONT>' for detail in component.details]
    return {
        "id": f"resource-{component.id}",
        "label": HtmlLabel("<BR/>".join(rows)),
        "fillcolor": look.fill,
        "color": look.border,
        "penwidth": 1.2,
        "margin": "0.14,0.06",
    }


def _edge(link: Link) -> dict[str, str | int | float | HtmlLabel]:
    colour = palette.LINK_COLOURS[link.kind]
    values: dict[str, str | int | float | HtmlLabel] = {
        "id": f"link-{link.source}--{link.target}",
        "class": f"link-{link.kind}",
        "color": colour,
        "fontcolor": colour,
    }
    if link.label:
        text = [escape(line) for part in link.label.split("\n") for line in lines(part, _LABEL_WIDTH)]
        values["label"] = HtmlLabel("<BR/>".join(text))
    if link.kind in _STYLES:
        values["style"] = _STYLES[link.kind]
    return values


def _caption(graph: ArchitectureGraph) -> HtmlLabel:
    """The template's description above a one-line key to the kinds of edges."""
    rows = []
    if graph.description:
        text = '<BR ALIGN="LEFT"/>'.join(escape(line) for line in lines(graph.description, 140))
        rows.append(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="11" COLOR="{palette.MUTED}">{text}</FONT></TD></TR>'
        )
    key = []
    for kind, meaning in _MEANINGS.items():
        colour = palette.LINK_COLOURS[kind]
        sample = _SAMPLES.get(_STYLES.get(kind, ""), "\N{EM DASH}\N{EM DASH}\N{EM DASH}")
        key.append(f'<TD><FONT COLOR="{colour}"><B>{sample}</B></FONT></TD>')
        key.append(f'<TD ALIGN="LEFT"><FONT COLOR="{colour}">{escape(meaning)}</FONT></TD><TD WIDTH="16"></TD>')
    rows.append(f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="0"><TR>{"".join(key)}</TR></TABLE></TD></TR>')
    return HtmlLabel(f'<TABLE BORDER="0" CELLSPACING="4">{"".join(rows)}</TABLE>')
