"""boto3 sessions for the callers outside Lambda and Step Functions: the outsider (administrator) session, and
one per template role for API Gateway's ``credentials`` integrations."""

from __future__ import annotations

from typing import Any

import boto3

from bookmarks_flow.local.iam.role_credentials import RoleCredentials


class PrincipalSessions:
    def __init__(self, outsider: boto3.session.Session, roles: dict[str, RoleCredentials] | None = None) -> None:
        self._outsider = outsider
        self._roles = roles or {}

    @property
    def region_name(self) -> str | None:
        return str(self._outsider.region_name) if self._outsider.region_name else None

    def client(self, service: str) -> Any:
        return self._outsider.client(service)  # type: ignore[call-overload]

    def client_as(self, role_arn: str, service: str) -> Any:
        """A client signed as the role, or as the outsider when IAM is off (no role credentials were issued)."""
        credentials = self._roles.get(role_arn)
        if credentials is None:
            return self.client(service)
        return boto3.session.Session(
            aws_access_key_id=credentials.access_key_id,
            aws_secret_access_key=credentials.secret_access_key,
            aws_session_token=credentials.session_token,
            region_name=self._outsider.region_name,
        ).client(service)  # type: ignore[call-overload]
