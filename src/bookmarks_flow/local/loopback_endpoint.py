"""The local AWS endpoint answers this machine's tools, not web pages.

moto's server accepts any Host and reflects any Origin in Access-Control-Allow-Origin, so a page from any site
could read tables and call SendTaskSuccess on it. This middleware lets through only requests addressed to a
loopback name (127.0.0.1, localhost, [::1], any port: DNS rebinding needs a name the attacker controls), and
only browser requests from the local API's origin, for the Cognito calls its approval page makes (Cognito's
public endpoint allows those from browsers on AWS). Every other Origin, preflight included, is refused, and no
answer carries a CORS grant for it. The AWS CLI and boto3 send no Origin and pass unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
BROWSER_TARGETS = frozenset(
    {"AWSCognitoIdentityProviderService.InitiateAuth", "AWSCognitoIdentityProviderService.RespondToAuthChallenge"}
)
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def host_name(host: str) -> str:
    """``127.0.0.1:4566`` -> ``127.0.0.1``; ``[::1]:4566`` -> ``[::1]``."""
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def is_loopback_host(host: str) -> bool:
    return host_name(host.strip().lower()) in LOOPBACK_NAMES


def _refuse(start_response: Callable[..., Any], status: str, message: str) -> Iterable[bytes]:
    body = json.dumps({"__type": "AccessDeniedException", "message": message}).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


class LoopbackEndpoint:
    def __init__(self, app: WsgiApp, browser_origins: Iterable[str] = ()) -> None:
        self._app = app
        self._browser_origins = frozenset(origin.rstrip("/").lower() for origin in browser_origins)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not is_loopback_host(environ.get("HTTP_HOST", "")):
            return _refuse(start_response, "403 Forbidden", "The local AWS endpoint answers only loopback host names")
        origin = environ.get("HTTP_ORIGIN")
        if origin is None:
            return self._app(environ, self._without_cors(start_response))
        if origin.rstrip("/").lower() not in self._browser_origins:
            return _refuse(start_response, "403 Forbidden", f"Requests from the web origin {origin[:200]} are refused")
        if environ.get("REQUEST_METHOD") == "OPTIONS":
            requested = environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD", "")
            if requested != "POST":
                return _refuse(start_response, "403 Forbidden", "Only POST is allowed from the browser")
            start_response(
                "200 OK",
                [
                    ("Access-Control-Allow-Origin", origin),
                    ("Access-Control-Allow-Methods", "POST"),
                    ("Access-Control-Allow-Headers", "content-type, x-amz-target, x-amz-user-agent"),
                    ("Access-Control-Max-Age", "600"),
                    ("Vary", "Origin"),
                    ("Content-Length", "0"),
                ],
            )
            return [b""]
        if environ.get("HTTP_X_AMZ_TARGET") not in BROWSER_TARGETS:
            return _refuse(start_response, "403 Forbidden", "From the browser only Cognito sign-in is served")
        return self._app(environ, self._granting(origin, start_response))

    @staticmethod
    def _without_cors(start_response: Callable[..., Any]) -> Callable[..., Any]:
        def start(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            kept = [(name, value) for name, value in headers if not name.lower().startswith("access-control-")]
            return start_response(status, kept, *args)

        return start

    @staticmethod
    def _granting(origin: str, start_response: Callable[..., Any]) -> Callable[..., Any]:
        def start(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            kept = [(name, value) for name, value in headers if not name.lower().startswith("access-control-")]
            return start_response(status, [*kept, ("Access-Control-Allow-Origin", origin), ("Vary", "Origin")], *args)

        return start
