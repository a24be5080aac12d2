"""Lambda metrics: Lambda publishes AWS/Lambda Invocations, Errors, Throttles and Duration per function; moto
publishes nothing. This wraps the Lambda backend's invoke (after lambda_dispatch has made it run the project's
handlers) and publishes what Lambda would: a function error counts in Errors, a throttle in Throttles and not in
Invocations (Lambda's documentation: throttled requests are not counted as invocations)."""

from __future__ import annotations

import time
from typing import Any

from bookmarks_flow.local.cloudwatch.service_metrics import ServiceMetrics
from bookmarks_flow.local.lambda_runtime import function_name as lambda_function_name
from bookmarks_flow.local.moto_adapters.lambda_invoke import Invoke, wrap_invoke
from bookmarks_flow.local.moto_adapters.patching import Undo

THROTTLE_CODES = ("TooManyRequestsException", "ThrottlingException")


def install(metrics: ServiceMetrics) -> Undo:
    def invoke(
        original: Invoke,
        backend: Any,
        function_name: str,
        qualifier: str | None,
        body: Any,
        headers: Any,
        response_headers: Any,
    ) -> Any:
        dimensions = {"FunctionName": lambda_function_name(function_name)}
        started = time.monotonic()
        try:
            result = original(backend, function_name, qualifier, body, headers, response_headers)
        except Exception as error:
            code = getattr(error, "error_type", "") or getattr(error, "code", "")
            if str(code) in THROTTLE_CODES:
                metrics.count("AWS/Lambda", "Throttles", dimensions)
            raise
        metrics.count("AWS/Lambda", "Invocations", dimensions)
        if response_headers.get("x-amz-function-error"):
            metrics.count("AWS/Lambda", "Errors", dimensions)
        metrics.publish("AWS/Lambda", "Duration", dimensions, (time.monotonic() - started) * 1000, "Milliseconds")
        return result

    return wrap_invoke(invoke)
