"""Which Lambda invocations API Gateway makes, with a person waiting for the answer.

API Gateway's Lambda proxy integration calls Lambda's Invoke over HTTP like any other caller, so its client marks
its requests with a header; the local runtime reads it to give those invocations the next turn
(``invocation_queue``). The header exists only between the local stack's own API and its own Lambda endpoint.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

HEADER = "X-Bookmarks-Local-Caller"
API_GATEWAY = "apigateway"


def _mark(request: Any, **_: Any) -> None:
    request.headers[HEADER] = API_GATEWAY


def marked_as_api_gateway(client: Any) -> Any:
    """The Lambda client, its Invoke requests marked as API Gateway's."""
    client.meta.events.register("before-sign.lambda.Invoke", _mark)
    return client


def invoked_by_api_gateway(headers: Mapping[str, str] | None) -> bool:
    return bool(headers) and headers.get(HEADER) == API_GATEWAY  # type: ignore[union-attr]
