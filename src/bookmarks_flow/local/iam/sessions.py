"""boto3 sessions for the callers outside Lambda and Step Functions: the outsider (administrator) session, and
one per template role for API Gateway's ``credentials`` integrations."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import boto3

from bookmarks_flow.local.iam.resource_policies import InvokePermission, api_may_invoke
from bookmarks_flow.local.iam.role_credentials import RoleCredentials
from bookmarks_flow.local.invocation_source import marked_as_api_gateway


class PrincipalSessions:
    def __init__(
        self,
        outsider: boto3.session.Session,
        roles: dict[str, RoleCredentials] | None = None,
        invoke_permissions: list[InvokePermission] | None = None,
        api_arn: str = "",
    ) -> None:
        """``invoke_permissions`` None: IAM is off and API Gateway may invoke any function."""
        self._outsider = outsider
        self._roles = roles or {}
        self._invoke_permissions = invoke_permissions
        self._api_arn = api_arn
        # Clients are thread-safe and costly to create (about 10 ms each); sessions are not thread-safe.
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    @property
    def region_name(self) -> str | None:
        return str(self._outsider.region_name) if self._outsider.region_name else None

    def _cached(self, key: tuple[str, str], make: Callable[[], Any]) -> Any:
        with self._lock:
            found = self._clients.get(key)
            if found is None:
                found = self._clients[key] = make()
            return found

    def client(self, service: str) -> Any:
        return self._cached(("", service), lambda: self._outsider.client(service))  # type: ignore[call-overload]

    def api_gateway_lambda_client(self) -> Any:
        """The Lambda client of API Gateway's proxy integrations: its invocations go first (invocation_queue)."""
        return self._cached(("apigateway", "lambda"), lambda: marked_as_api_gateway(self._outsider.client("lambda")))

    def client_as(self, role_arn: str, service: str) -> Any:
        """A client signed as the role, or as the outsider when IAM is off (no role credentials were issued)."""
        credentials = self._roles.get(role_arn)
        if credentials is None:
            return self.client(service)
        return self._cached(
            (role_arn, service),
            lambda: boto3.session.Session(
                aws_access_key_id=credentials.access_key_id,
                aws_secret_access_key=credentials.secret_access_key,
                aws_session_token=credentials.session_token,
                region_name=self._outsider.region_name,
            ).client(service),  # type: ignore[call-overload]
        )

    def api_may_invoke(self, function: str, method: str, resource_path: str) -> bool:
        """Whether the function's resource policy lets API Gateway invoke it for this method and resource."""
        if self._invoke_permissions is None:
            return True
        source_arn = f"{self._api_arn}/{method}{resource_path}"
        return api_may_invoke(self._invoke_permissions, function, source_arn)
