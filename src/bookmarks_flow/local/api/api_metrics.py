"""API Gateway's metrics for the local API: AWS/ApiGateway Count, 4XXError, 5XXError and Latency per API and
stage, as API Gateway publishes them for every request (4XXError and 5XXError are 1 or 0 per request, so their
Sum counts errors). The local pages under /_local/ are not part of the API and are not counted."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from bookmarks_flow.local.api.server import LOCAL_PREFIX, WsgiApp
from bookmarks_flow.local.cloudwatch.service_metrics import ServiceMetrics


class ApiMetrics:
    def __init__(self, app: WsgiApp, metrics: ServiceMetrics, api_name: str, stage: str) -> None:
        self._app = app
        self._metrics = metrics
        self._dimensions = {"ApiName": api_name, "Stage": stage}

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if str(environ.get("PATH_INFO", "")).startswith(LOCAL_PREFIX):
            return self._app(environ, start_response)
        started = time.monotonic()
        statuses: list[int] = []

        def recording_start_response(status: str, headers: Any, *args: Any) -> Any:
            statuses.append(int(status.split(" ", 1)[0]))
            return start_response(status, headers, *args)

        body = list(self._app(environ, recording_start_response))
        status = statuses[0] if statuses else 500
        self._metrics.count("AWS/ApiGateway", "Count", self._dimensions)
        self._metrics.count("AWS/ApiGateway", "4XXError", self._dimensions, 1 if 400 <= status < 500 else 0)
        self._metrics.count("AWS/ApiGateway", "5XXError", self._dimensions, 1 if status >= 500 else 0)
        latency = (time.monotonic() - started) * 1000
        self._metrics.publish("AWS/ApiGateway", "Latency", self._dimensions, latency, "Milliseconds")
        return body
