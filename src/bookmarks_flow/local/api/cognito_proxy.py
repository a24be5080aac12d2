"""/_local/cognito/: the local Cognito endpoint on the API's own origin, so that the web app signs in without
a cross-origin call (the local AWS endpoint answers no foreign origin). On AWS the app calls
cognito-idp.REGION.amazonaws.com, which allows CORS. Only the unauthenticated calls a browser makes pass, and only
from the app's own origin: like the local AWS endpoint (loopback_endpoint.py), it answers no other web page."""

from __future__ import annotations

import requests

from bookmarks_flow.local.api.integrations import HttpResponse

PATH = "/_local/cognito/"
_TARGET_PREFIX = "AWSCognitoIdentityProviderService."
ALLOWED_ACTIONS = frozenset({"InitiateAuth", "RespondToAuthChallenge", "GetUser", "GlobalSignOut", "RevokeToken"})
TIMEOUT_SECONDS = 30


def _refuse(status: int, message: str) -> HttpResponse:
    body = ('{"__type": "NotAuthorizedException", "message": "' + message + '"}').encode()
    return HttpResponse(status, {"Content-Type": "application/x-amz-json-1.1"}, body)


def proxy_cognito(
    aws_endpoint: str, method: str, target: str, content_type: str, body: bytes, *, origin: str | None, own_origin: str
) -> HttpResponse:
    """``origin`` is the request's Origin header (None from tools, which send none); ``own_origin`` the app's."""
    if origin is not None and origin.rstrip("/").lower() != own_origin.rstrip("/").lower():
        return _refuse(403, "Requests from another web origin are refused")
    if method != "POST":
        return _refuse(405, "POST only")
    if not target.startswith(_TARGET_PREFIX) or target[len(_TARGET_PREFIX) :] not in ALLOWED_ACTIONS:
        return _refuse(400, "This action is not available from the browser")
    answer = requests.post(
        aws_endpoint.rstrip("/") + "/",
        data=body,
        headers={"X-Amz-Target": target, "Content-Type": content_type or "application/x-amz-json-1.1"},
        timeout=TIMEOUT_SECONDS,
    )
    kind = answer.headers.get("Content-Type", "application/x-amz-json-1.1")
    return HttpResponse(answer.status_code, {"Content-Type": kind}, answer.content)
