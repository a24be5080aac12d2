"""The web app's config.json, made from a stack's outputs (never typed by hand): locally by the local stack,
on AWS by `bookmarks deploy-web`. Only the endpoints differ, because each is where that stack serves it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def web_config(outputs: Mapping[str, Any], *, api_url: str, cognito_endpoint: str) -> dict[str, str]:
    pool_id = str(outputs["UserPoolId"])
    return {
        "apiUrl": api_url,
        # A pool id is "<region>_<suffix>", so the region always agrees with the pool.
        "region": pool_id.split("_", 1)[0],
        "userPoolId": pool_id,
        "userPoolClientId": str(outputs["UserPoolClientId"]),
        "cognitoEndpoint": cognito_endpoint,
    }
