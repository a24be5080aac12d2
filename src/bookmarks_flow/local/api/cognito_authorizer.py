"""What API Gateway's Cognito user pool authorizer does: verify the ID token in the Authorization header.

The token's signature is checked against the pool's published keys (fetched from the local AWS endpoint, as
API Gateway fetches them from the issuer), with its expiry, issuer, ``token_use`` (``id``) and audience (``aud``
must be an app client of the pool, as API Gateway requires of an ID token:
https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html);
its claims then reach the integration as ``$context.authorizer.claims`` / ``requestContext.authorizer.claims``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import jwt


class Unauthorized(Exception):
    pass


@cache
def _keys(jwks_url: str) -> jwt.PyJWKClient:
    return jwt.PyJWKClient(jwks_url, cache_keys=True)


def pool_client_ids(session: Any, pool_id: str) -> frozenset[str]:
    """The pool's app clients, as the pool holds them now (a client created later is seen at once)."""
    pages = session.client("cognito-idp").get_paginator("list_user_pool_clients").paginate(UserPoolId=pool_id)
    return frozenset(client["ClientId"] for page in pages for client in page["UserPoolClients"])


def verify_id_token(
    header: str | None,
    *,
    provider_arns: list[str],
    aws_endpoint: str,
    region: str,
    client_ids: Callable[[str], frozenset[str]],
) -> dict[str, Any]:
    if not header:
        raise Unauthorized("no token")
    token = header.split(" ", 1)[1] if header.lower().startswith("bearer ") else header
    for provider_arn in provider_arns:
        pool_id = provider_arn.rsplit("/", 1)[-1]
        issuer = f"https://cognito-idp.{region}.amazonaws.com/{pool_id}"
        try:
            key = _keys(f"{aws_endpoint.rstrip('/')}/{pool_id}/.well-known/jwks.json").get_signing_key_from_jwt(token)
            claims: dict[str, Any] = jwt.decode(
                token, key.key, algorithms=["RS256"], issuer=issuer, options={"verify_aud": False}
            )
        except jwt.PyJWTError:
            continue
        if claims.get("token_use") != "id":
            continue
        if claims.get("aud") not in client_ids(pool_id):
            continue
        return claims
    raise Unauthorized("the token is not a valid ID token of the user pool")


def claims_as_api_gateway_sends_them(claims: dict[str, Any]) -> dict[str, str]:
    """API Gateway passes every claim as a string; a list such as ``cognito:groups`` becomes ``[a b]``."""
    return {
        name: "[" + " ".join(str(item) for item in value) + "]" if isinstance(value, list) else str(value)
        for name, value in claims.items()
    }
