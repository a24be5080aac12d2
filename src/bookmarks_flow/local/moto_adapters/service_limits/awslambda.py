"""Lambda Invoke: 6 MB for a synchronous request and for its response.

https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html: invocation payload 6 MB (request and
response, synchronous). A larger request is refused with RequestTooLargeException (413); a larger response
becomes a function error, ``Function.ResponseSizeTooLarge``, which a state's Retry/Catch sees. moto (and the
local runtime behind it) passes any size. Installed after lambda_dispatch, so it wraps the project's handlers.
"""

from __future__ import annotations

import json
from typing import Any

from moto.awslambda.exceptions import LambdaClientError

from bookmarks_flow.local.moto_adapters.lambda_invoke import Invoke, wrap_invoke
from bookmarks_flow.local.moto_adapters.patching import Undo

MAX_PAYLOAD_BYTES = 6 * 1024 * 1024


class RequestTooLargeException(LambdaClientError):  # type: ignore[misc]
    code = 413

    def __init__(self, size: int) -> None:
        super().__init__(
            "RequestTooLargeException",
            f"Request must be smaller than {MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation",
        )


def _size(payload: Any) -> int:
    if payload is None:
        return 0
    return len(payload.encode("utf-8", "surrogatepass") if isinstance(payload, str) else payload)


def install() -> Undo:
    def invoke(
        original: Invoke,
        backend: Any,
        function_name: str,
        qualifier: str | None,
        body: Any,
        headers: Any,
        response_headers: Any,
    ) -> str | bytes | None:
        if _size(body) > MAX_PAYLOAD_BYTES:
            raise RequestTooLargeException(_size(body))
        result = original(backend, function_name, qualifier, body, headers, response_headers)
        if _size(result) > MAX_PAYLOAD_BYTES:
            response_headers["x-amz-function-error"] = "Unhandled"
            return json.dumps(
                {
                    "errorMessage": f"Response payload size ({_size(result)} bytes) exceeded maximum allowed "
                    f"payload size ({MAX_PAYLOAD_BYTES} bytes).",
                    "errorType": "Function.ResponseSizeTooLarge",
                }
            )
        return result  # type: ignore[no-any-return]

    return wrap_invoke(invoke)
