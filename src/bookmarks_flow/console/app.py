"""The console as a WSGI application: routing, errors, and the security wrapper around every response.

It is mounted under ``mount_path`` in another server; it accepts requests whether that server strips the mount
(SCRIPT_NAME set) or passes the full path, and builds every link under the mount.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from botocore.exceptions import BotoCoreError, ClientError
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from bookmarks_flow.console import actions, execution_views, machine_views, map_run_views
from bookmarks_flow.console.context import Context
from bookmarks_flow.console.pages import template_environment
from bookmarks_flow.console.security import CSRF_FIELD, CSRF_HEADER, CsrfGuard, add_security_headers

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
_NOT_FOUND_CODES = {"ExecutionDoesNotExist", "StateMachineDoesNotExist", "ResourceNotFound"}
_BAD_REQUEST_CODES = {"InvalidArn", "InvalidToken", "ValidationException", "InvalidName", "InvalidExecutionInput"}

URLS = Map(
    [
        Rule("/", endpoint="state_machines"),
        Rule("/state-machines/<arn>", endpoint="state_machine"),
        Rule("/state-machines/<arn>/executions", endpoint="executions"),
        Rule("/state-machines/<arn>/start", endpoint="start", methods=["GET", "POST"]),
        Rule("/executions/<arn>", endpoint="execution"),
        Rule("/executions/<arn>/live", endpoint="execution_live"),
        Rule("/executions/<arn>/history.json", endpoint="export_history"),
        Rule("/executions/<arn>/stop", endpoint="stop", methods=["GET", "POST"]),
        Rule("/map-runs/<path:arn>", endpoint="map_run"),
        Rule("/static/<name>", endpoint="static"),
    ],
    strict_slashes=False,
)


def static(context: Context, name: str) -> Any:
    path = STATIC / name
    if not re.fullmatch(r"[a-z0-9_-]+\.(css|js)", name) or not path.is_file():
        raise NotFound()
    response = Response(path.read_bytes(), mimetype=mimetypes.guess_type(name)[0] or "application/octet-stream")
    response.headers["Cache-Control"] = "no-cache"
    return response


HANDLERS: dict[str, Callable[..., Any]] = {
    "state_machines": machine_views.state_machines,
    "state_machine": machine_views.state_machine,
    "executions": machine_views.executions,
    "start": actions.start,
    "stop": actions.stop,
    "export_history": actions.export_history,
    "execution": execution_views.execution,
    "execution_live": execution_views.execution_live,
    "map_run": map_run_views.map_run,
    "static": static,
}


def create_console_app(stepfunctions: Callable[[], Any], mount_path: str = "/_local/console") -> WSGIApplication:
    """The console, reading and acting only through the Step Functions client that ``stepfunctions()`` returns."""
    return ConsoleApp(stepfunctions, mount_path)


class ConsoleApp:
    def __init__(self, client_factory: Callable[[], Any], mount_path: str) -> None:
        self.client_factory = client_factory
        self.mount_path = "/" + mount_path.strip("/") if mount_path.strip("/") else ""
        self.templates = template_environment()
        self.csrf = CsrfGuard()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        response = self.respond(environ)
        add_security_headers(response.headers)
        response.headers.setdefault("Cache-Control", "no-store")
        return response(environ, start_response)  # type: ignore[no-any-return]

    def respond(self, environ: WSGIEnvironment) -> Any:
        mounted = self._within_mount(environ)
        if mounted is None:
            return NotFound().get_response(environ)
        request = Request(mounted)
        adapter = URLS.bind_to_environ(mounted)
        context: Context | None = None
        try:
            endpoint, values = adapter.match()
            context = Context(request, adapter, self.templates, self.csrf, self.client_factory)
            offered = request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
            if request.method == "POST" and not self.csrf.allows(offered, request.headers.get("Sec-Fetch-Site")):
                return context.render(
                    "error.html",
                    http_status=403,
                    title="Request refused",
                    message="The form's security token is missing or out of date (the console may have restarted). "
                    "Go back, reload the page and submit again.",
                )
            return HANDLERS[endpoint](context, **values)
        except HTTPException as error:
            return error.get_response(mounted)
        except ClientError as error:
            return self._api_error(context, error)
        except BotoCoreError as error:
            logger.warning("Step Functions endpoint unreachable: %s", error)
            return self._error_page(context, 502, "Step Functions is not reachable", str(error))
        except Exception:  # the page says something went wrong; the log has the traceback
            logger.exception("console request failed: %s %s", environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"))
            return Response("The console failed on this request; its log has the details.", 500, mimetype="text/plain")

    def _within_mount(self, environ: WSGIEnvironment) -> WSGIEnvironment | None:
        """The environ with SCRIPT_NAME at the mount and PATH_INFO below it, or None for paths outside the mount."""
        script = environ.get("SCRIPT_NAME", "").rstrip("/")
        path = environ.get("PATH_INFO", "") or "/"
        if script == self.mount_path:
            return environ
        full = script + path
        if self.mount_path and not (full == self.mount_path or full.startswith(self.mount_path + "/")):
            return None
        return {**environ, "SCRIPT_NAME": self.mount_path, "PATH_INFO": full[len(self.mount_path) :] or "/"}

    def _api_error(self, context: Context | None, error: ClientError) -> Any:
        code = str(error.response.get("Error", {}).get("Code", "Error"))
        message = str(error.response.get("Error", {}).get("Message", error))
        status = 404 if code in _NOT_FOUND_CODES else 400 if code in _BAD_REQUEST_CODES else 502
        return self._error_page(context, status, f"Step Functions answered {code}", message)

    def _error_page(self, context: Context | None, status: int, title: str, message: str) -> Any:
        if context is None:
            return Response(f"{title}: {message}", status=status, mimetype="text/plain")
        return context.render("error.html", http_status=status, title=title, message=message)
