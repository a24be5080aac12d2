"""Making the diagram renderer's SVG clickable without changing what it draws."""

from __future__ import annotations

from bookmarks_flow.console.graph import annotate_svg

SVG = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- source-sha256: 00 -->
<svg width="10pt" height="10pt" viewBox="0 0 10 10">
<g id="workflow&#45;start" class="node marker kind&#45;start">
<title>workflow&#45;start</title>
</g>
<g id="state&#45;ask" class="node state kind&#45;task status&#45;waiting">
<title>state&#45;ask</title>
</g>
</svg>"""


def test_a_state_group_is_marked_with_its_state_name() -> None:
    annotated = annotate_svg(SVG, {"state-ask": "Ask A <Manager>"})

    assert 'data-state="Ask A &lt;Manager&gt;"' in annotated


def test_a_state_group_becomes_focusable() -> None:
    annotated = annotate_svg(SVG, {"state-ask": "Ask"})

    assert 'data-state="Ask" tabindex="0" role="link"' in annotated


def test_marker_nodes_are_left_alone() -> None:
    annotated = annotate_svg(SVG, {"state-ask": "Ask"})

    assert '<g id="workflow&#45;start" class="node marker kind&#45;start">' in annotated


def test_the_xml_prologue_is_dropped_for_inline_use() -> None:
    assert annotate_svg(SVG, {}).startswith("<svg")
