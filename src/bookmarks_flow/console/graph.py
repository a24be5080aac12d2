"""The workflow diagram for a page: rendered by bookmarks_flow.diagrams, then made clickable.

The console never draws a graph itself (the diagrams package is the one renderer, so the pictures agree); it only
marks each state's SVG group with ``data-state`` so that clicks select a state. Rendering spawns Graphviz, so
results are cached per definition and highlights. Without Graphviz the page says why and shows the states table.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

_NODE_GROUP = re.compile(r'<g id="(?P<id>[^"]*)" class="(?P<class>node\b[^"]*)">')


@dataclass(frozen=True)
class RenderedGraph:
    svg: Markup | None
    problem: str | None = None


def render_graph(definition: Mapping[str, Any], statuses: Mapping[str, str] | None = None) -> RenderedGraph:
    """The SVG of the definition, states coloured by ``statuses`` (state name → diagram status) when given."""
    definition_text = json.dumps(definition, sort_keys=True)
    frozen = None if statuses is None else tuple(sorted(statuses.items()))
    return _render_cached(definition_text, frozen)


@lru_cache(maxsize=128)
def _render_cached(definition_text: str, statuses: tuple[tuple[str, str], ...] | None) -> RenderedGraph:
    try:
        from bookmarks_flow.diagrams.dot import render_dot
        from bookmarks_flow.diagrams.svg import dot_to_svg
        from bookmarks_flow.diagrams.workflow_graph import build_graph
    except ImportError as error:
        return RenderedGraph(None, f"The diagram renderer is not available ({error}).")
    try:
        graph = build_graph(json.loads(definition_text))
        names = {node.id: node.name for node in graph.nodes if node.is_state}
        highlights = None if statuses is None else {name: status for name, status in statuses if name in names.values()}
        svg = dot_to_svg(render_dot(graph, highlights))
    except Exception as error:  # noqa: BLE001 - a broken diagram must not take the execution view down with it
        return RenderedGraph(None, f"The workflow graph could not be drawn: {type(error).__name__}: {error}")
    return RenderedGraph(Markup(annotate_svg(svg, names)))  # noqa: S704 - Graphviz output, labels escaped by dot_syntax


def annotate_svg(svg: str, state_names: Mapping[str, str]) -> str:
    """Adds ``data-state`` (and keyboard focus) to each state's group; drops the XML prologue for inline use."""
    start = svg.find("<svg")
    body = svg[start:] if start >= 0 else svg

    def mark(match: re.Match[str]) -> str:
        node_id = html.unescape(match.group("id"))
        name = state_names.get(node_id)
        if name is None:
            return match.group(0)
        label = escape(name)
        return (
            f'<g id="{match.group("id")}" class="{match.group("class")}" data-state="{label}" '
            f'tabindex="0" role="link" aria-label="State {label}">'
        )

    return _NODE_GROUP.sub(mark, body)
