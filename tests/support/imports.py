"""Drives a bulk import through StartImportFunction (its code, its role), as the API's routes would."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from bookmarks_flow.local.api.integrations import HttpRequest
from tests.support.workflow import Workflow, wait_for

MANAGER = {"sub": "sub-maria", "cognito:username": "maria", "cognito:groups": "managers", "email": "maria@example.com"}
MEMBER = {"sub": "sub-alice", "cognito:username": "alice", "cognito:groups": "", "email": "alice@example.com"}


@dataclass
class Imports:
    workflow: Workflow

    def _call(self, request: HttpRequest) -> dict[str, Any]:
        payload = self.workflow.call_api_function("StartImportFunction", request)
        return {"statusCode": int(payload["statusCode"]), "body": json.loads(payload["body"])}

    def post(
        self,
        content: bytes,
        claims: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """POST /imports; ``headers`` as the client sent them (JSON by default)."""
        body = json.dumps({"content": base64.b64encode(content).decode("ascii"), **fields}).encode()
        headers = {"Content-Type": "application/json"} if headers is None else headers
        request = HttpRequest("POST", "/imports", "/imports", {}, {}, {}, headers, body, "127.0.0.1", claims or MANAGER)
        return self._call(request)

    def get(self, import_id: str, claims: dict[str, Any] | None = None) -> dict[str, Any]:
        path = f"/imports/{import_id}"
        request = HttpRequest(
            "GET", path, "/imports/{importId}", {"importId": import_id}, {}, {}, {}, b"", "127.0.0.1", claims or MANAGER
        )
        return self._call(request)

    def wait_for_map_run(self, import_id: str, timeout: float = 60) -> dict[str, Any]:
        """The progress once the Map has started (its map run's counts are read, not zero by default)."""

        def started() -> dict[str, Any] | None:
            answer = self.get(import_id)["body"]
            return answer if answer.get("progress", {}).get("done") or answer.get("status") != "RUNNING" else None

        return dict(wait_for(started, timeout, f"the map run of import {import_id}", interval=0.05))

    def finished(self, import_id: str, timeout: float = 120) -> dict[str, Any]:
        def ended() -> dict[str, Any] | None:
            answer = self.get(import_id)["body"]
            return answer if answer.get("status") not in (None, "RUNNING") else None

        return dict(wait_for(ended, timeout, f"import {import_id}", interval=0.2))
