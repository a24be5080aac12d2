"""A copy of the project whose template.yaml differs from the real one: to show what a wrong policy does."""

from __future__ import annotations

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


def template_variant(directory: Path, replacements: list[tuple[str, str]]) -> Path:
    """The project with each ``(old, new)`` replaced in template.yaml (each ``old`` must occur exactly once)."""
    text = (PROJECT_DIR / "template.yaml").read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, f"the template no longer holds exactly one {old!r}"
        text = text.replace(old, new)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "template.yaml").write_text(text, encoding="utf-8")
    for folder in ("tasks", "workflows", "api"):
        (directory / folder).symlink_to(PROJECT_DIR / folder)
    return directory
