"""IAM enforcement: moto serves every request whatever the credentials; AWS authorises each one first.

The seam is ``BaseResponse.call_action``, which every moto service goes through after parsing the request,
in-process (mock_aws) and in server mode alike (moto's own IAM simulation hooks in at the same place, see
``moto.core.authorization``, but judges resources as ``"*"``). Requests from the template's principals are
authorised with ``bookmarks_flow.local.iam``; a refusal is answered in the service's own error shape and the
operation never runs.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from moto.core.parse import PROTOCOL_PARSERS
from moto.core.request import determine_request_protocol
from moto.core.responses import BaseResponse
from moto.core.utils import get_service_model

from bookmarks_flow.local.iam.authoriser import authorise, refusal_answer
from bookmarks_flow.local.iam.enclosed_operations import enclosed_operations
from bookmarks_flow.local.iam.principals import PrincipalDirectory
from bookmarks_flow.local.iam.request_resources import resources_of
from bookmarks_flow.local.iam.service_authorization import action_for
from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute


@cache
def _service_model(boto3_service_name: str) -> Any:
    return get_service_model(boto3_service_name)


def _parameters(response: Any, service_model: Any, operation: str) -> dict[str, Any]:
    """The request's parameters as the operation will see them. A service that parses its requests itself
    (DynamoDB) has done so already (``setup_class``), with the same parser and model: that parse is reused, not
    repeated (it walks every attribute of every item a BatchWriteItem or transaction carries)."""
    if getattr(response, "automated_parameter_parsing", False) and response.PROTOCOL_PARSER_MAP_TYPE is dict:
        parsed_already = getattr(response, "params", None)
        if isinstance(parsed_already, dict):
            return dict(parsed_already)
    return parsed_request(response, service_model, operation)


def parsed_request(response: Any, service_model: Any, operation: str) -> dict[str, Any]:
    request = response.normalized_request
    operation_model = service_model.operation_model(operation)
    protocol = determine_request_protocol(service_model, request.content_type)
    parser = PROTOCOL_PARSERS[protocol](operation_model)
    parsed = parser.parse(
        {
            "method": request.method,
            "values": request.values,
            "headers": request.headers,
            "body": request.data,
            "url_path": request.path,
            "url_params": response.uri_match,
        }
    )
    return dict(parsed)


def _secret_arn(account: str) -> Any:
    def lookup(name: str, region: str) -> str | None:
        from moto.secretsmanager.models import secretsmanager_backends

        secret = secretsmanager_backends[account][region].secrets.get(name)
        return str(secret.arn) if secret is not None else None

    return lookup


def _refusal(response: Any, directory: PrincipalDirectory) -> tuple[int, dict[str, str], str] | None:
    principal = directory.find(response.get_access_key())
    if principal is None or not response.service_name:
        return None
    operation = response._get_action()
    service_model = _service_model(response.boto3_service_name)
    prefix = str(service_model.metadata.get("signingName") or service_model.metadata["endpointPrefix"])
    parameters = _parameters(response, service_model, operation)
    for enclosed, enclosed_parameters in enclosed_operations(prefix, operation, parameters):
        action = action_for(prefix, enclosed)
        resources = resources_of(
            action,
            enclosed_parameters,
            response.region,
            response.current_account,
            _secret_arn(response.current_account),
        )
        refusal = authorise(principal, action, resources)
        if refusal is not None:
            denial = refusal_answer(principal, action, refusal)
            return denial.status, {**response.response_headers, **denial.headers}, denial.body
    return None


def install(directory: PrincipalDirectory) -> Undo:
    original = BaseResponse.call_action

    def call_action(self: BaseResponse) -> Any:
        refused = _refusal(self, directory)
        if refused is not None:
            return refused
        return original(self)

    return replace_attribute(BaseResponse, "call_action", call_action)
