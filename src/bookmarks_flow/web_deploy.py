"""Publishing the web app to a deployed stack: web/ and a config.json written from the stack's outputs go to
the stack's private bucket, then CloudFront drops its cached copies. Run after `sam deploy`:

    bookmarks deploy-web --stack-name bookmarks-flow

CloudFront serves the API under /api/* on the app's own origin, so config.json's apiUrl is that path.
"""

from __future__ import annotations

import json
import mimetypes
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bookmarks_flow.web_config import web_config

API_PATH = "/api"
# File names carry no content hash (there is no build step), so browsers revalidate every file (an ETag check).
CACHE_CONTROL = "no-cache"
_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}


class NotHosted(RuntimeError):
    pass


@dataclass(frozen=True)
class Published:
    url: str
    keys: list[str]
    removed: list[str]
    invalidation_id: str


def stack_outputs(cloudformation: Any, stack_name: str) -> dict[str, str]:
    [stack] = cloudformation.describe_stacks(StackName=stack_name)["Stacks"]
    return {output["OutputKey"]: output["OutputValue"] for output in stack.get("Outputs", [])}


def _content_type(path: Path) -> str:
    if path.suffix in _TYPES:
        return _TYPES[path.suffix]
    guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return guessed + ("; charset=utf-8" if guessed.startswith("text/") or guessed == "application/json" else "")


def app_files(web_dir: Path) -> dict[str, Path]:
    return {path.relative_to(web_dir).as_posix(): path for path in sorted(web_dir.rglob("*")) if path.is_file()}


def publish_web_app(s3: Any, cloudfront: Any, outputs: Mapping[str, str], web_dir: Path) -> Published:
    missing = [name for name in ("WebBucketName", "WebDistributionId", "WebUrl") if name not in outputs]
    if missing:
        raise NotHosted(f"the stack has no {', '.join(missing)} output: deploy it with WebHosting=CloudFront")
    bucket = outputs["WebBucketName"]
    config = web_config(outputs, api_url=API_PATH, cognito_endpoint=outputs["CognitoEndpoint"])
    uploads = {key: (path.read_bytes(), _content_type(path)) for key, path in app_files(web_dir).items()}
    uploads["config.json"] = (json.dumps(config, indent=2).encode(), "application/json; charset=utf-8")
    for key, (body, kind) in uploads.items():
        s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType=kind, CacheControl=CACHE_CONTROL)
    present = [
        item["Key"]
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        for item in page.get("Contents", [])
    ]
    removed = sorted(set(present) - set(uploads))
    for key in removed:
        s3.delete_object(Bucket=bucket, Key=key)
    invalidation = cloudfront.create_invalidation(
        DistributionId=outputs["WebDistributionId"],
        InvalidationBatch={"Paths": {"Quantity": 1, "Items": ["/*"]}, "CallerReference": str(time.time_ns())},
    )
    return Published(outputs["WebUrl"], sorted(uploads), removed, str(invalidation["Invalidation"]["Id"]))
