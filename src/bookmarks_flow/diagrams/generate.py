"""Writes diagrams/ from workflows/*.asl.json and template.yaml, or (``--check``) lists what is out of date.

For each workflow ``<name>``: ``<name>.mmd`` (Mermaid), ``<name>.dot`` and ``<name>.svg``; for the template:
``architecture.mmd``, ``.dot`` and ``.svg``. The SVG is checked by the digest of its DOT that it carries (see
``svg``), so ``--check`` needs no Graphviz and does not depend on the Graphviz version that drew the SVG.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from bookmarks_flow.diagrams.architecture import build_architecture
from bookmarks_flow.diagrams.architecture_dot import render_architecture_dot
from bookmarks_flow.diagrams.architecture_mermaid import render_architecture_mermaid
from bookmarks_flow.diagrams.dot import render_dot
from bookmarks_flow.diagrams.mermaid import render_mermaid
from bookmarks_flow.diagrams.svg import GraphvizMissingError, dot_to_svg, source_digest, stamped_digest
from bookmarks_flow.diagrams.workflow_graph import build_graph
from bookmarks_flow.local.cfn_template import load_template

REFRESH_COMMAND = "python3 dev.py diagrams"
OUTPUT_DIR = "diagrams"
ARCHITECTURE = "architecture"
_GENERATED_SUFFIXES = (".mmd", ".dot", ".svg")
README = Path("README.md")
_README_BLOCK = re.compile(r"(<!-- diagram:(?P<name>[\w-]+):start -->\n).*?(<!-- diagram:(?P=name):end -->)", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    path: Path
    reason: str


def expected_sources(root: Path) -> dict[Path, str]:
    """The text every ``.mmd`` and ``.dot`` should have, by path relative to ``root``."""
    sources: dict[Path, str] = {}
    for asl in sorted((root / "workflows").glob("*.asl.json")):
        name = asl.name.removesuffix(".asl.json")
        if name == ARCHITECTURE:
            raise ValueError(f"{asl}: a workflow named {ARCHITECTURE!r} would overwrite the architecture diagram")
        graph = build_graph(json.loads(asl.read_text(encoding="utf-8")))
        origin = asl.relative_to(root).as_posix()
        sources[Path(OUTPUT_DIR, f"{name}.mmd")] = _header("%%", origin) + render_mermaid(graph)
        sources[Path(OUTPUT_DIR, f"{name}.dot")] = _header("//", origin) + render_dot(graph)
    template = root / "template.yaml"
    if template.is_file():
        architecture = build_architecture(load_template(template), root)
        sources[Path(OUTPUT_DIR, f"{ARCHITECTURE}.mmd")] = _header("%%", "template.yaml") + render_architecture_mermaid(
            architecture
        )
        sources[Path(OUTPUT_DIR, f"{ARCHITECTURE}.dot")] = _header("//", "template.yaml") + render_architecture_dot(
            architecture
        )
    readme = _read(root / README)
    if readme is not None and _README_BLOCK.search(readme):
        sources[README] = _README_BLOCK.sub(lambda match: _embedded(match, sources), readme)
    return sources


def _embedded(match: re.Match[str], sources: dict[Path, str]) -> str:
    """A ``<!-- diagram:NAME:start -->`` block in the README holds diagrams/NAME.mmd, so GitHub renders it."""
    mermaid = sources.get(Path(OUTPUT_DIR, f"{match['name']}.mmd"))
    if mermaid is None:
        return match.group(0)
    return f"{match.group(1)}```mermaid\n{mermaid}```\n{match.group(3)}"


def find_problems(root: Path) -> list[Problem]:
    """Every generated file that is missing, out of date, or left over from a workflow that is gone."""
    sources = expected_sources(root)
    problems = []
    for path, text in sources.items():
        current = _read(root / path)
        if current is None:
            problems.append(Problem(path, "missing"))
        elif current != text:
            problems.append(Problem(path, "out of date"))
        if path.suffix == ".dot":
            problem = _svg_problem(root, path.with_suffix(".svg"), text)
            if problem:
                problems.append(problem)
    expected = set(sources) | {path.with_suffix(".svg") for path in sources if path.suffix == ".dot"}
    for leftover in sorted(_generated_files(root) - expected):
        problems.append(Problem(leftover, "no longer generated"))
    return problems


def write(root: Path) -> list[Path]:
    """Brings diagrams/ up to date and returns what it changed; an SVG is redrawn only when its DOT changed."""
    changed = []
    for problem in find_problems(root):
        target = root / problem.path
        if problem.reason == "no longer generated":
            target.unlink()
        changed.append(problem.path)
    sources = expected_sources(root)
    for path in changed:
        if path in sources:
            _write(root / path, sources[path])
        elif path.suffix == ".svg" and path.with_suffix(".dot") in sources:
            _write(root / path, dot_to_svg(sources[path.with_suffix(".dot")]))
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bookmarks diagrams", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report out-of-date diagrams (exit 1 if any)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project directory (default: here)")
    arguments = parser.parse_args(argv)
    root: Path = arguments.root.resolve()
    if arguments.check:
        problems = find_problems(root)
        for problem in problems:
            print(f"{problem.path.as_posix()}: {problem.reason}", file=sys.stderr)
        if problems:
            print(f"The diagrams are out of date; refresh them with: {REFRESH_COMMAND}", file=sys.stderr)
            return 1
        print("The diagrams are up to date.")
        return 0
    try:
        changed = write(root)
    except GraphvizMissingError as error:
        print(error, file=sys.stderr)
        return 2
    for path in changed:
        print(f"{'removed' if not (root / path).exists() else 'wrote'} {path.as_posix()}")
    if not changed:
        print("The diagrams were already up to date.")
    return 0


def _header(comment: str, origin: str) -> str:
    return f"{comment} Generated from {origin} by `{REFRESH_COMMAND}`: do not edit by hand.\n"


def _svg_problem(root: Path, svg_path: Path, dot_text: str) -> Problem | None:
    svg = _read(root / svg_path)
    if svg is None:
        return Problem(svg_path, "missing")
    if stamped_digest(svg) != source_digest(dot_text):
        return Problem(svg_path, "drawn from another version of the DOT")
    return None


def _generated_files(root: Path) -> set[Path]:
    directory = root / OUTPUT_DIR
    if not directory.is_dir():
        return set()
    return {path.relative_to(root) for path in directory.iterdir() if path.suffix in _GENERATED_SUFFIXES}


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)


if __name__ == "__main__":
    raise SystemExit(main())
