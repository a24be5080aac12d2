"""Jinja2 templates with autoescaping on: every value a template prints is HTML-escaped unless marked safe here."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from bookmarks_flow.console import formatting

TEMPLATES = Path(__file__).parent / "templates"


def template_environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["status_class"] = status_class
    environment.filters["when"] = when
    environment.globals["took"] = took
    return environment


def when(value: object) -> str:
    return formatting.timestamp(value if isinstance(value, datetime) else None)


def took(start: object, stop: object) -> str:
    """An execution's duration for lists: stop minus start, or "running" while it has no stop."""
    if not isinstance(start, datetime):
        return "—"
    if not isinstance(stop, datetime):
        return "running"
    return formatting.duration(stop - start)


def status_class(status: str) -> str:
    """``TIMED_OUT`` → ``timed-out``: execution statuses as CSS class suffixes."""
    return status.lower().replace("_", "-")


@dataclass(frozen=True)
class Fragment:
    """A piece of the execution page that the live update replaces when its version (a hash) changes."""

    html: Markup
    version: str

    @classmethod
    def of(cls, html: str) -> Fragment:
        return cls(Markup(html), hashlib.sha256(html.encode()).hexdigest()[:16])  # noqa: S704 - rendered by Jinja

    def as_json(self) -> dict[str, Any]:
        return {"html": str(self.html), "version": self.version}
