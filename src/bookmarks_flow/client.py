"""A small client of the bookmarks API, used by the command-line tool (and handy in scripts)."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import boto3
import requests

TIMEOUT_SECONDS = 30


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


def _answer(response: requests.Response) -> Any:
    try:
        body = response.json()
    except ValueError:
        body = {"message": response.text}
    if response.status_code >= 400:
        raise ApiError(response.status_code, str(body.get("message", body)) if isinstance(body, dict) else str(body))
    return body


def local_config(api_url: str) -> dict[str, str]:
    """The local stack publishes its pool and endpoint at /_local/config (there is no such route on AWS)."""
    config: dict[str, str] = _answer(requests.get(f"{api_url}/_local/config", timeout=TIMEOUT_SECONDS))
    return config


def sign_in(config: dict[str, str], username: str, password: str) -> str:
    cognito = boto3.client(
        "cognito-idp",
        region_name=config["region"],
        endpoint_url=config.get("awsEndpoint") or None,
        aws_access_key_id="local",
        aws_secret_access_key="local",  # noqa: S106 - InitiateAuth is unsigned on AWS; moto wants something
    )
    result = cognito.initiate_auth(
        ClientId=config["userPoolClientId"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )
    return str(result["AuthenticationResult"]["IdToken"])


@dataclass
class BookmarksClient:
    api_url: str
    id_token: str

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {"Authorization": self.id_token, **(extra or {})}

    def submit(
        self,
        url: str,
        *,
        title: str | None = None,
        description: str | None = None,
        tags: list[str] | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"url": url}
        if title:
            body["title"] = title
        if description:
            body["description"] = description
        if tags:
            body["tags"] = tags
        headers = self._headers({"Idempotency-Key": idempotency_key} if idempotency_key else None)
        result: dict[str, Any] = _answer(
            requests.post(f"{self.api_url}/bookmarks", json=body, headers=headers, timeout=TIMEOUT_SECONDS)
        )
        return result

    def bookmark(self, bookmark_id: str) -> dict[str, Any]:
        result: dict[str, Any] = _answer(
            requests.get(f"{self.api_url}/bookmarks/{bookmark_id}", headers=self._headers(), timeout=TIMEOUT_SECONDS)
        )
        return result

    def bookmarks(self, status: str | None = None, tag: str | None = None, limit: int | None = None) -> dict[str, Any]:
        params = {key: value for key, value in (("status", status), ("tag", tag), ("limit", limit)) if value}
        result: dict[str, Any] = _answer(
            requests.get(f"{self.api_url}/bookmarks", params=params, headers=self._headers(), timeout=TIMEOUT_SECONDS)
        )
        return result

    def start_import(self, content: bytes, review: bool = False) -> dict[str, Any]:
        """POST /imports: the file base64-encoded in JSON (see bookmarks_tasks.domain.imports.import_request)."""
        body: dict[str, Any] = {"content": base64.b64encode(content).decode("ascii")}
        if review:
            body["review"] = True
        result: dict[str, Any] = _answer(
            requests.post(f"{self.api_url}/imports", json=body, headers=self._headers(), timeout=TIMEOUT_SECONDS)
        )
        return result

    def import_progress(self, import_id: str) -> dict[str, Any]:
        result: dict[str, Any] = _answer(
            requests.get(f"{self.api_url}/imports/{import_id}", headers=self._headers(), timeout=TIMEOUT_SECONDS)
        )
        return result

    def decide(self, approval_link: str, decision: str, comment: str = "") -> dict[str, Any]:
        """Follows an approval link as a manager would: open the page, then decide with a POST."""
        page = requests.get(approval_link, timeout=TIMEOUT_SECONDS)
        if page.status_code != 200:
            raise ApiError(page.status_code, "the approval link cannot be used (see the page it shows)")
        link = urlsplit(approval_link)
        query = {key: values[0] for key, values in parse_qs(link.query).items()}
        # The link's own fields: its expiry, the key id (links issued before key ids have none) and signature.
        fields: dict[str, str] = {key: query[key] for key in ("expires", "kid", "signature") if key in query}
        body = {"decision": decision, "comment": comment, **fields}
        target = f"{link.scheme}://{link.netloc}{link.path}"
        result: dict[str, Any] = _answer(
            requests.post(target, json=body, headers=self._headers(), timeout=TIMEOUT_SECONDS)
        )
        return result


def mailbox(api_url: str, to: str | None = None) -> list[dict[str, Any]]:
    params = {"to": to} if to else {}
    headers = {"Accept": "application/json"}
    messages: list[dict[str, Any]] = _answer(
        requests.get(f"{api_url}/_local/mailbox", params=params, headers=headers, timeout=TIMEOUT_SECONDS)
    )
    return messages
