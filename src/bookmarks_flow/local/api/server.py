"""The local API Gateway as a WSGI application: the document's routes, plus the local-only pages."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import Map, RequestRedirect, Rule
from werkzeug.wrappers import Request, Response

from bookmarks_flow.local.api.access_log import AccessLog, Served
from bookmarks_flow.local.api.cognito_authorizer import (
    Unauthorized,
    claims_as_api_gateway_sends_them,
    pool_client_ids,
    verify_id_token,
)
from bookmarks_flow.local.api.cognito_proxy import PATH as COGNITO_PROXY_PATH
from bookmarks_flow.local.api.cognito_proxy import proxy_cognito
from bookmarks_flow.local.api.gateway_responses import gateway_response
from bookmarks_flow.local.api.integrations import (
    HttpRequest,
    HttpResponse,
    UnsupportedMediaType,
    call_aws_service,
    call_lambda_proxy,
)
from bookmarks_flow.local.api.mailbox_page import mailbox_response
from bookmarks_flow.local.api.operations import Operation, operations_of
from bookmarks_flow.local.api.validation import InvalidRequest, RequestValidator
from bookmarks_flow.local.loopback_endpoint import is_loopback_host
from bookmarks_flow.local.mailbox import Mailbox
from bookmarks_flow.local.web_app import WebApp

LOG = logging.getLogger(__name__)
LOCAL_PREFIX = "/_local/"
# API Gateway quotas for REST APIs: payload size 10 MB; total combined size of request line and header values
# 10,240 bytes; integration timeout 29 seconds (50 ms to 29 s by default).
# https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_REQUEST_LINE_AND_HEADER_BYTES = 10_240
INTEGRATION_TIMEOUT_SECONDS = 29.0
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def request_line_and_header_bytes(environ: dict[str, Any]) -> int:
    """The request line and header values as the client sent them (names and values, as API Gateway counts)."""
    line = len(environ.get("REQUEST_METHOD", "")) + len(environ.get("REQUEST_URI", environ.get("PATH_INFO", "")))
    headers = sum(len(name) - 5 + len(str(value)) for name, value in environ.items() if name.startswith("HTTP_"))
    return line + headers + len(environ.get("CONTENT_TYPE", "")) + len(environ.get("CONTENT_LENGTH", ""))


class LocalApi:
    def __init__(
        self,
        document: dict[str, Any],
        *,
        session: Any,
        aws_endpoint: str,
        region: str,
        mailbox: Mailbox,
        local_config: dict[str, str],
        mounts: dict[str, WsgiApp] | None = None,
        integration_timeout: float = INTEGRATION_TIMEOUT_SECONDS,
        web_app: WebApp | None = None,
        access_log: AccessLog | None = None,
    ) -> None:
        self.document = document
        self._access_log = access_log
        self._session = session
        self._aws_endpoint = aws_endpoint
        self._region = region
        self._mailbox = mailbox
        self._local_config = local_config
        self._mounts = mounts or {}
        self._integration_timeout = integration_timeout
        self._integrations = ThreadPoolExecutor(max_workers=32, thread_name_prefix="integration")
        self._web_app = web_app
        self._validator = RequestValidator(document)
        operations = operations_of(document)
        self._operations = {(op.rule, op.method): op for op in operations}
        # An empty path segment matches no resource (it is not merged away and redirected, as werkzeug would).
        rules = [Rule(op.rule, methods=[op.method], endpoint=(op.rule, op.method)) for op in operations]
        self._map = Map(rules, merge_slashes=False)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith(LOCAL_PREFIX) and not is_loopback_host(environ.get("HTTP_HOST", "")):
            # DNS rebinding: a web page must not reach the local-only pages through a name it controls.
            denied = Response('{"message": "The local pages answer only to 127.0.0.1 and localhost"}', status=403)
            denied.content_type = "application/json"
            return denied(environ, start_response)
        for prefix, app in self._mounts.items():
            if path == prefix or path.startswith(prefix + "/"):
                environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + prefix
                environ["PATH_INFO"] = path[len(prefix) :]
                return app(environ, start_response)
        request = Request(environ)
        web = self._web_app.respond(request.method, request.path) if self._web_app else None
        result = self._local(request) or web or self._api(request)
        return Response(result.body, status=result.status, headers=result.headers)(environ, start_response)

    def _local(self, request: Request) -> HttpResponse | None:
        if request.path == "/_local/mailbox" and request.method == "GET":
            return mailbox_response(self._mailbox, request.headers.get("Accept", ""), request.args.get("to"))
        if request.path == COGNITO_PROXY_PATH:
            target, kind = request.headers.get("X-Amz-Target", ""), request.headers.get("Content-Type", "")
            body = request.get_data(cache=False)
            origin, own_origin = request.headers.get("Origin"), request.host_url.rstrip("/")
            return proxy_cognito(
                self._aws_endpoint, request.method, target, kind, body, origin=origin, own_origin=own_origin
            )
        if request.path == "/_local/config" and request.method == "GET":
            return HttpResponse(200, {"Content-Type": "application/json"}, json.dumps(self._local_config).encode())
        if request.path == "/_local/openapi.json" and request.method == "GET":
            # The document as served, with CloudFormation's values filled in: what clients and fuzzers read.
            served = {**self.document, "servers": [{"url": request.host_url.rstrip("/")}]}
            return HttpResponse(200, {"Content-Type": "application/json"}, json.dumps(served).encode())
        return None

    def _api(self, request: Request) -> HttpResponse:
        adapter = self._map.bind("localhost")
        try:
            endpoint, path_parameters = adapter.match(request.path, method=request.method)
        except (NotFound, MethodNotAllowed, RequestRedirect):
            return gateway_response(self.document, "MISSING_AUTHENTICATION_TOKEN")
        operation = self._operations[endpoint]
        if request_line_and_header_bytes(request.environ) > MAX_REQUEST_LINE_AND_HEADER_BYTES:
            return gateway_response(self.document, "REQUEST_TOO_LARGE")
        if (request.content_length or 0) > MAX_BODY_BYTES:
            return gateway_response(self.document, "REQUEST_TOO_LARGE")
        body = request.get_data(cache=False)
        if len(body) > MAX_BODY_BYTES:
            return gateway_response(self.document, "REQUEST_TOO_LARGE")
        http_request = HttpRequest(
            method=request.method,
            path=request.path,
            resource=operation.path,
            path_parameters={key: str(value) for key, value in path_parameters.items()},
            query={key: request.args.get(key, "") for key in request.args},
            multi_query={key: request.args.getlist(key) for key in request.args},
            headers={key: value for key, value in request.headers.items()},
            body=body,
            source_ip=request.remote_addr or "127.0.0.1",
        )
        started = time.time()
        result = self._answer(operation, http_request)
        if self._access_log is not None:
            latency = int((time.time() - started) * 1000)
            self._access_log.record(Served(http_request, result.status, len(result.body), latency, started))
        return result

    def _answer(self, operation: Operation, http_request: HttpRequest) -> HttpResponse:
        try:
            return self._integrations.submit(self._serve, operation, http_request).result(self._integration_timeout)
        except FutureTimeout:
            return gateway_response(self.document, "INTEGRATION_TIMEOUT", request_id=http_request.request_id)
        except Exception:
            LOG.exception("the integration of %s %s failed", operation.method, operation.path)
            return gateway_response(self.document, "DEFAULT_5XX", request_id=http_request.request_id)

    def _serve(self, operation: Operation, request: HttpRequest) -> HttpResponse:
        if operation.authorizer is not None:
            try:
                claims = verify_id_token(
                    request.headers.get("Authorization"),
                    provider_arns=list(operation.authorizer.get("providerARNs", [])),
                    aws_endpoint=self._aws_endpoint,
                    region=self._region,
                    client_ids=lambda pool_id: pool_client_ids(self._session, pool_id),
                )
            except Unauthorized:
                return gateway_response(self.document, "UNAUTHORIZED", request_id=request.request_id)
            request.claims = claims_as_api_gateway_sends_them(claims)
        try:
            self._validator.validate(
                operation, request.body, request.parameters, request.headers.get("Content-Type", "")
            )
        except InvalidRequest as invalid:
            return gateway_response(self.document, invalid.gateway_response, invalid.message, request.request_id)
        kind = operation.integration.get("type")
        if kind == "aws":
            try:
                return call_aws_service(operation.integration, request, self._session)
            except UnsupportedMediaType:
                return gateway_response(self.document, "UNSUPPORTED_MEDIA_TYPE", request_id=request.request_id)
        if kind == "aws_proxy":
            return call_lambda_proxy(operation.integration, request, self._session)
        raise ValueError(f"integration type {kind!r} is not served locally")
