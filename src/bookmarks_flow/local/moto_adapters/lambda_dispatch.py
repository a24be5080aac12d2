"""Lambda dispatch: moto's ``Invoke`` needs Docker to run code; this runs the project's handlers instead.

The engine calls Lambda through an ordinary boto3 client, so the seam is the Lambda backend's ``invoke``. A
function registered in the local runtime runs there; any other function keeps moto's behaviour.
"""

from __future__ import annotations

from typing import Any

from moto.core.exceptions import JsonRESTError

from bookmarks_flow.local.invocation_source import invoked_by_api_gateway
from bookmarks_flow.local.lambda_runtime import LocalLambdaRuntime, ServiceFault
from bookmarks_flow.local.moto_adapters.lambda_invoke import Invoke, wrap_invoke
from bookmarks_flow.local.moto_adapters.patching import Undo


class LambdaServiceError(JsonRESTError):  # type: ignore[misc]
    code = 500


def install(runtime: LocalLambdaRuntime) -> Undo:
    def invoke(
        original: Invoke,
        backend: Any,
        function_name: str,
        qualifier: str | None,
        body: Any,
        headers: Any,
        response_headers: Any,
    ) -> str | bytes | None:
        function = runtime.function_for(function_name)
        if function is None:
            return original(backend, function_name, qualifier, body, headers, response_headers)  # type: ignore[no-any-return]
        payload = body.encode() if isinstance(body, str) else (body or b"")
        try:
            result = runtime.invoke(function, payload, interactive=invoked_by_api_gateway(headers))
        except ServiceFault as fault:
            raise LambdaServiceError(fault.code, str(fault)) from fault
        if result.function_error:
            response_headers["x-amz-function-error"] = result.function_error
        return result.payload

    return wrap_invoke(invoke)
