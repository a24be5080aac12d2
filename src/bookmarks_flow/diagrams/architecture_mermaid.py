"""The architecture graph as a Mermaid flowchart, for GitHub to render."""

from __future__ import annotations

from bookmarks_flow.diagrams import palette
from bookmarks_flow.diagrams.architecture import ArchitectureGraph, Component, Link, LinkKind
from bookmarks_flow.diagrams.mermaid_syntax import mermaid_id, text, wrapped
from bookmarks_flow.diagrams.resource_types import CATEGORY_TITLES, Category

_LABEL_WIDTH = 34
_ARROWS = {LinkKind.REDRIVES: "-.->", LinkKind.REFERS: "-.->"}


def render_architecture_mermaid(graph: ArchitectureGraph) -> str:
    """Left to right and without a box per category: Mermaid lays boxes out poorly; colours tell the categories."""
    out = ["flowchart LR"]
    for category in Category:
        members = list(graph.in_category(category))
        if members:
            out.append(f"    %% {CATEGORY_TITLES[category]}")
            out += [f"    {_node(component)}" for component in members]
    out += [f"    {_edge(link)}" for link in graph.links]
    for category in Category:
        ids = [mermaid_id(_node_id(component)) for component in graph.in_category(category)]
        if ids:
            look = palette.CATEGORY_LOOKS[category]
            out.append(f"    classDef category_{category} fill:{look.fill},stroke:{look.border},color:{look.text}")
            out.append(f"    class {','.join(ids)} category_{category}")
    for kind in LinkKind:
        indexes = [str(index) for index, link in enumerate(graph.links) if link.kind is kind]
        if indexes:
            colour = palette.LINK_COLOURS[kind]
            out.append(f"    linkStyle {','.join(indexes)} stroke:{colour},color:{colour}")
    return "\n".join(out) + "\n"


def _node_id(component: Component) -> str:
    """Prefixed: a logical id may be a Mermaid keyword (``end``, ``graph``...)."""
    return f"resource-{component.id}"


def _node(component: Component) -> str:
    rows = [f"<b>{text(component.name)}</b>", f"<small>{text(component.kind)}</small>"]
    rows += [f"<small>{text(detail)}</small>" for detail in component.details]
    return f'{mermaid_id(_node_id(component))}("{"<br/>".join(rows)}")'


def _edge(link: Link) -> str:
    arrow = _ARROWS.get(link.kind, "-->")
    source, target = (mermaid_id(f"resource-{end}") for end in (link.source, link.target))
    if not link.label:
        return f"{source} {arrow} {target}"
    label = "<br/>".join(wrapped(part, _LABEL_WIDTH) for part in link.label.split("\n"))
    return f'{source} {arrow}|"{label}"| {target}'
