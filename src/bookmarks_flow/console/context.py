"""One request as the handlers see it: its arguments, links under the mount, templates and the API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from werkzeug.wrappers import Response

from bookmarks_flow.console.security import CSRF_FIELD, CsrfGuard
from bookmarks_flow.console.stepfunctions_api import StepFunctionsApi


class Context:
    def __init__(
        self, request: Any, adapter: Any, templates: Environment, csrf: CsrfGuard, client_factory: Callable[[], Any]
    ) -> None:
        self.request = request
        self.adapter = adapter
        self.templates = templates
        self.csrf = csrf
        self.api = StepFunctionsApi(client_factory)

    def url(self, endpoint: str, **values: Any) -> str:
        """A path under the mount; empty values are left out so links stay short."""
        kept = {key: value for key, value in values.items() if value not in (None, "")}
        return str(self.adapter.build(endpoint, kept))

    def render(self, template: str, http_status: int = 200, **values: Any) -> Any:
        return Response(self.render_fragment(template, **values), status=http_status, mimetype="text/html")

    def render_fragment(self, template: str, **values: Any) -> str:
        return str(self.templates.get_template(template).render(**self._globals(), **values))

    def redirect(self, location: str) -> Any:
        """303 See Other: after a POST the browser GETs the result, so a reload does not repeat the action."""
        return Response(status=303, headers={"Location": location})

    def _globals(self) -> dict[str, Any]:
        return {
            "url_for": self.url,
            "static": lambda name: self.url("static", name=name),
            "csrf_field": CSRF_FIELD,
            "csrf_token": self.csrf.token,
        }
