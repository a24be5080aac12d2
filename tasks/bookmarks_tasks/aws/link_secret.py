"""The HMAC keys for approval links: versions of one Secrets Manager secret, read by staging label and cached.

Links are signed with the AWSCURRENT version and accepted when signed with AWSCURRENT or AWSPREVIOUS (see
``domain.approval_links``). Both are read with an explicit VersionStage and cached for a few minutes, as
powertools' parameters cache would, because powertools returns the value without its version id.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from botocore.exceptions import ClientError

from bookmarks_tasks.aws.clients import client
from bookmarks_tasks.domain.approval_links import LinkKey

SECRET_CACHE_SECONDS = 300
# A link whose key id is not among the cached versions may come from a rotation newer than the cache: read the
# labels again, but not more often than this, so that forged key ids cannot turn into a flood of reads.
UNKNOWN_KEY_REFRESH_SECONDS = 2
CURRENT = "AWSCURRENT"
PREVIOUS = "AWSPREVIOUS"


@dataclass(frozen=True)
class _Cached:
    fetched_at: float
    key: LinkKey | None


_cache: dict[tuple[str, str], _Cached] = {}


def _fetch(secret_arn: str, stage: str) -> LinkKey | None:
    try:
        response = client("secretsmanager").get_secret_value(SecretId=secret_arn, VersionStage=stage)
    except ClientError as error:
        # A secret that was never rotated has no AWSPREVIOUS version.
        if stage == PREVIOUS and error.response["Error"]["Code"] == "ResourceNotFoundException":
            return None
        raise
    return LinkKey(key_id=str(response["VersionId"]), secret=str(response["SecretString"]))


def _key(secret_arn: str, stage: str, max_age: float) -> LinkKey | None:
    cached = _cache.get((secret_arn, stage))
    now = time.monotonic()
    if cached is None or now - cached.fetched_at >= max_age:
        cached = _Cached(now, _fetch(secret_arn, stage))
        _cache[(secret_arn, stage)] = cached
    return cached.key


def signing_key(secret_arn: str) -> LinkKey:
    key = _key(secret_arn, CURRENT, SECRET_CACHE_SECONDS)
    if key is None:  # pragma: no cover - _fetch raises for a missing AWSCURRENT version
        raise LookupError(f"{secret_arn} has no {CURRENT} version")
    return key


def trusted_keys(secret_arn: str, key_id: str) -> list[LinkKey]:
    """AWSCURRENT and AWSPREVIOUS, read again (at most every few seconds) when ``key_id`` is neither."""
    keys = [key for stage in (CURRENT, PREVIOUS) if (key := _key(secret_arn, stage, SECRET_CACHE_SECONDS))]
    if not key_id or any(key.key_id == key_id for key in keys):
        return keys
    return [key for stage in (CURRENT, PREVIOUS) if (key := _key(secret_arn, stage, UNKNOWN_KEY_REFRESH_SECONDS))]
