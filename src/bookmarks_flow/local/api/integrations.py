"""The two integration types the API uses: ``aws`` (a direct service call with mapping templates) and
``aws_proxy`` (a Lambda function receiving the API Gateway proxy event)."""

from __future__ import annotations

import base64
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from botocore.exceptions import ClientError

from bookmarks_flow.local.api.vtl import InputVariable, ResponseOverride, render

_SERVICE_ACTION = re.compile(r"^arn:[^:]+:apigateway:[^:]+:(?P<service>[a-z0-9-]+):action/(?P<action>[A-Za-z]+)$")
_LAMBDA_FUNCTION = re.compile(r"^arn:[^:]+:apigateway:[^:]+:lambda:path/[^/]+/functions/(?P<function>.+)/invocations$")
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


@dataclass
class HttpRequest:
    method: str
    path: str
    resource: str
    path_parameters: dict[str, str]
    query: dict[str, str]
    multi_query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    source_ip: str
    claims: dict[str, str] | None = None
    request_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @property
    def parameters(self) -> dict[str, dict[str, str]]:
        return {"path": self.path_parameters, "querystring": self.query, "header": self.headers}

    def context(self) -> dict[str, Any]:
        return {
            "requestId": self.request_id,
            "httpMethod": self.method,
            "resourcePath": self.resource,
            "stage": "api",
            "identity": {"sourceIp": self.source_ip},
            "authorizer": {"claims": self.claims or {}},
            "responseOverride": ResponseOverride(),
        }


@dataclass
class HttpResponse:
    status: int
    headers: dict[str, str]
    body: bytes


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items() if key != "ResponseMetadata"}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    return value


def _select_response(responses: dict[str, Any], status: int) -> dict[str, Any]:
    for pattern, response in responses.items():
        if pattern != "default" and re.fullmatch(pattern, str(status)):
            return dict(response)
    return dict(responses.get("default", {"statusCode": "200"}))


class UnsupportedMediaType(Exception):
    """No request template for the request's content type, and passthrough is not allowed: API Gateway's 415."""


def request_template(integration: dict[str, Any], content_type: str) -> str:
    """The template for the request's media type (a missing Content-Type is application/json), as
    https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html says."""
    templates: dict[str, str] = integration.get("requestTemplates", {})
    media_type = (content_type or "application/json").split(";", 1)[0].strip().lower()
    if media_type in templates:
        return templates[media_type]
    behaviour = str(integration.get("passthroughBehavior", "when_no_match")).lower()
    if behaviour == "never" or (behaviour == "when_no_templates" and templates):
        raise UnsupportedMediaType(media_type)
    return "$input.body"


def call_aws_service(integration: dict[str, Any], request: HttpRequest, session: Any) -> HttpResponse:
    match = _SERVICE_ACTION.match(str(integration.get("uri", "")))
    if match is None:
        raise ValueError(f"unsupported integration uri {integration.get('uri')}")
    template = request_template(integration, request.headers.get("Content-Type", ""))
    input_variable = InputVariable(request.body.decode("utf-8", "replace"), request.parameters)
    parameters = json.loads(render(template, input_variable=input_variable, context=request.context()))
    service = "stepfunctions" if match["service"] == "states" else match["service"]
    operation = _CAMEL.sub("_", match["action"]).lower()
    # API Gateway calls the service as the integration's ``credentials`` role (an IAM role ARN).
    role = integration.get("credentials")
    client = session.client_as(str(role), service) if role else session.client(service)
    try:
        status, result = 200, _jsonable(getattr(client, operation)(**parameters))
    except ClientError as error:
        status = int(error.response["ResponseMetadata"]["HTTPStatusCode"])
        result = {"__type": error.response["Error"]["Code"], "message": error.response["Error"].get("Message", "")}
    chosen = _select_response(integration.get("responses", {}), status)
    context = request.context()
    output = InputVariable(json.dumps(result), request.parameters)
    body = render(
        chosen.get("responseTemplates", {}).get("application/json", "$input.json('$')"),
        input_variable=output,
        context=context,
    )
    override: ResponseOverride = context["responseOverride"]
    final_status = override.status or int(chosen.get("statusCode", 200))
    return HttpResponse(final_status, {"Content-Type": "application/json"}, body.strip().encode())


def proxy_event(request: HttpRequest) -> dict[str, Any]:
    is_text = True
    try:
        body: str | None = request.body.decode("utf-8") if request.body else None
    except UnicodeDecodeError:
        body, is_text = base64.b64encode(request.body).decode(), False
    now = time.time()
    return {
        "resource": request.resource,
        "path": request.path,
        "httpMethod": request.method,
        "headers": request.headers,
        "multiValueHeaders": {key: [value] for key, value in request.headers.items()},
        "queryStringParameters": request.query or None,
        "multiValueQueryStringParameters": request.multi_query or None,
        "pathParameters": request.path_parameters or None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": request.resource,
            "httpMethod": request.method,
            "path": f"/api{request.path}",
            "stage": "api",
            "requestId": request.request_id,
            "requestTime": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
            "requestTimeEpoch": int(now * 1000),
            "identity": {"sourceIp": request.source_ip, "userAgent": request.headers.get("User-Agent", "")},
            "authorizer": {"claims": request.claims} if request.claims is not None else None,
        },
        "body": body,
        "isBase64Encoded": not is_text,
    }


def call_lambda_proxy(integration: dict[str, Any], request: HttpRequest, session: Any) -> HttpResponse:
    match = _LAMBDA_FUNCTION.match(str(integration.get("uri", "")))
    if match is None:
        raise ValueError(f"unsupported integration uri {integration.get('uri')}")
    # API Gateway invokes as its service principal, allowed only by the function's resource policy; without it
    # API Gateway answers 500 (its log: "Invalid permissions on Lambda function").
    if not session.api_may_invoke(match["function"], request.method, request.resource):
        return HttpResponse(500, {"Content-Type": "application/json"}, b'{"message": "Internal server error"}')
    invocation = session.api_gateway_lambda_client().invoke(
        FunctionName=match["function"], Payload=json.dumps(proxy_event(request))
    )
    payload = invocation["Payload"].read()
    if invocation.get("FunctionError"):
        return HttpResponse(502, {"Content-Type": "application/json"}, b'{"message": "Internal server error"}')
    try:
        result = json.loads(payload)
        status = int(result["statusCode"])
    except (ValueError, KeyError, TypeError):
        return HttpResponse(502, {"Content-Type": "application/json"}, b'{"message": "Internal server error"}')
    headers = {key: str(value) for key, value in (result.get("headers") or {}).items()}
    for key, values in (result.get("multiValueHeaders") or {}).items():
        headers[key] = ", ".join(str(value) for value in values)
    raw = result.get("body") or ""
    body = base64.b64decode(raw) if result.get("isBase64Encoded") else str(raw).encode()
    return HttpResponse(status, headers, body)
