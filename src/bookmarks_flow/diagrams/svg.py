"""SVG from DOT through Graphviz's ``dot``, stamped with the digest of the DOT it was made from.

Graphviz lays out differently from version to version, so an SVG cannot be compared byte for byte with a fresh
render; the stamp lets a check tell whether an SVG belongs to the current DOT without running Graphviz at all.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess

_STAMP = re.compile(r"<!-- source-sha256: ([0-9a-f]{64}) -->")


class GraphvizMissingError(RuntimeError):
    """``dot`` is not on PATH."""


def dot_to_svg(dot_source: str) -> str:
    """The SVG that ``dot -Tsvg`` draws, with a ``source-sha256`` comment after the XML declaration."""
    dot = shutil.which("dot")
    if dot is None:
        raise GraphvizMissingError(
            "Graphviz's `dot` program is not installed (or not on PATH); it draws the SVG diagrams. "
            "Install it: `apt-get install graphviz` (Debian/Ubuntu) or `brew install graphviz` (macOS)."
        )
    result = subprocess.run(  # noqa: S603 - a fixed program, the DOT goes in on stdin
        [dot, "-Tsvg"], input=dot_source.encode("utf-8"), capture_output=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"dot -Tsvg failed ({result.returncode}): {result.stderr.decode(errors='replace')}")
    svg = result.stdout.decode("utf-8")
    stamp = f"<!-- source-sha256: {source_digest(dot_source)} -->"
    declaration_end = svg.find("?>") + 2 if svg.startswith("<?xml") else 0
    return f"{svg[:declaration_end]}\n{stamp}{svg[declaration_end:]}"


def source_digest(dot_source: str) -> str:
    return hashlib.sha256(dot_source.encode("utf-8")).hexdigest()


def stamped_digest(svg: str) -> str | None:
    """The digest an SVG was stamped with by ``dot_to_svg``, or None for an SVG from elsewhere."""
    match = _STAMP.search(svg)
    return match[1] if match else None
