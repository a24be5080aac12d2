"""API Gateway's own answers (bad body, missing token...), rendered from the document's gateway responses."""

from __future__ import annotations

from typing import Any

from bookmarks_flow.local.api.integrations import HttpResponse
from bookmarks_flow.local.api.vtl import InputVariable, render

DEFAULT_STATUS = {
    "BAD_REQUEST_BODY": 400,
    "BAD_REQUEST_PARAMETERS": 400,
    "UNAUTHORIZED": 401,
    "ACCESS_DENIED": 403,
    "MISSING_AUTHENTICATION_TOKEN": 403,
    "REQUEST_TOO_LARGE": 413,
    "UNSUPPORTED_MEDIA_TYPE": 415,
    "INTEGRATION_TIMEOUT": 504,
    "DEFAULT_4XX": 400,
    "DEFAULT_5XX": 500,
}
DEFAULT_MESSAGE = {
    "MISSING_AUTHENTICATION_TOKEN": "Missing Authentication Token",
    "UNAUTHORIZED": "Unauthorized",
    "REQUEST_TOO_LARGE": "Request Too Long",
    "UNSUPPORTED_MEDIA_TYPE": "Unsupported Media Type",
    "INTEGRATION_TIMEOUT": "Endpoint request timed out",
    "DEFAULT_5XX": "Internal server error",
}


def gateway_response(document: dict[str, Any], kind: str, message: str = "", request_id: str = "") -> HttpResponse:
    responses = document.get("x-amazon-apigateway-gateway-responses", {})
    family = "DEFAULT_5XX" if DEFAULT_STATUS.get(kind, 400) >= 500 else "DEFAULT_4XX"
    spec = responses.get(kind) or responses.get(family) or {}
    status = int(spec.get("statusCode", DEFAULT_STATUS.get(kind, 400)))
    text = message or DEFAULT_MESSAGE.get(kind, "Bad request")
    context = {
        "requestId": request_id,
        "error": {"messageString": f'"{text}"', "message": text, "validationErrorString": text},
    }
    template = spec.get("responseTemplates", {}).get("application/json", '{"message": $context.error.messageString}')
    body = render(template, input_variable=InputVariable("", {}), context=context)
    return HttpResponse(status, {"Content-Type": "application/json"}, body.encode())
