"""The import bucket: uploaded files' items, the map run's result files, and each import's report."""

from __future__ import annotations

import json
from typing import Any

from bookmarks_tasks.aws.clients import client

ITEMS_KEY = "imports/{import_id}/items.json"
REPORT_KEY = "imports/{import_id}/report.json"


def read_json(bucket: str, key: str) -> Any:
    return json.loads(client("s3").get_object(Bucket=bucket, Key=key)["Body"].read())


def write_json(bucket: str, key: str, document: Any) -> None:
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    client("s3").put_object(Bucket=bucket, Key=key, Body=body, ContentType="application/json")


def map_run_results(bucket: str, manifest_key: str) -> list[dict[str, Any]]:
    """Every child execution's result entry, from the files the ResultWriter's manifest names."""
    manifest = read_json(bucket, manifest_key)
    results: list[dict[str, Any]] = []
    for status in ("SUCCEEDED", "FAILED", "PENDING"):
        for result_file in manifest.get("ResultFiles", {}).get(status, []):
            results.extend(read_json(bucket, result_file["Key"]))
    return results
