"""``python -m bench.imports``: a browser export of N links imported on the local stack (in this process, with
every adapter and IAM on), timed from POST /imports to the report; RSS sampled as the map run advances; the
cost of 10,000 links on AWS from the counts (bench/import_cost.py). Writes bench/results/imports.json."""

from __future__ import annotations

import argparse
import base64
import json
import os
import statistics
import sys
import time
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import PROJECT_DIR
from bench.bookmark_exports import chrome_export
from bench.environments import quiet_engine_logs
from bench.import_cost import ImportRun, per_10000, standard_children_cost
from bench.stored_items import dynamodb_items_kb, table_item_count
from bookmarks_flow.local.api.integrations import HttpRequest, proxy_event
from bookmarks_flow.local.environment import LocalEnvironment
from bookmarks_flow.local.persistence.collector import after_start, pause_for_start
from bookmarks_tasks.domain.imports.import_batch import check_batch
from bookmarks_tasks.domain.imports.import_file import read_import_file
from bookmarks_tasks.domain.imports.repeated_links import without_repeats

RESULTS = PROJECT_DIR / "bench" / "results" / "imports.json"
MANAGER = {"sub": "sub-maria", "cognito:username": "maria", "cognito:groups": "managers", "email": "m@example.com"}
BATCH = 100
MAX_CONCURRENCY = 10
# A child's four states (check, claim and record, index, done), per link, were the children Standard.
STANDARD_TRANSITIONS_PER_LINK = 4 / BATCH


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _call(env: LocalEnvironment, lambda_client: Any, request: HttpRequest) -> dict[str, Any]:
    function = env.stack.physical("StartImportFunction")
    answer = lambda_client.invoke(FunctionName=function, Payload=json.dumps(proxy_event(request)))
    payload = json.loads(answer["Payload"].read())
    return {"status": int(payload["statusCode"]), "body": json.loads(payload["body"])}


def _check_ms(content: bytes) -> float:
    """The CheckImportBatch function's work on one batch (its domain function), median of five."""
    items = [line.as_item() for line in without_repeats(read_import_file(content).lines)][:BATCH]
    times = []
    for _ in range(5):
        began = time.perf_counter()
        check_batch(items, "b" * 64, {"username": "maria", "email": "m@example.com"})
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def _mean_duration_ms(env: LocalEnvironment, function: str) -> float:
    """The function's mean Duration over the run, as the local stack publishes it in AWS/Lambda."""
    now = datetime.now(UTC)
    answer = env.client("cloudwatch").get_metric_statistics(
        Namespace="AWS/Lambda",
        MetricName="Duration",
        Dimensions=[{"Name": "FunctionName", "Value": env.stack.physical(function)}],
        StartTime=now - timedelta(hours=1),
        EndTime=now + timedelta(minutes=1),
        Period=7200,
        Statistics=["Average"],
    )
    points = answer["Datapoints"]
    return float(points[0]["Average"]) if points else 0.0


def _get(import_id: str) -> HttpRequest:
    path = f"/imports/{import_id}"
    return HttpRequest(
        "GET", path, "/imports/{importId}", {"importId": import_id}, {}, {}, {}, b"", "127.0.0.1", MANAGER
    )


def run(links: int) -> dict[str, Any]:
    export = chrome_export(links, site="bench-import.example")
    pause_for_start()  # the collector as `bookmarks local` runs it: off for the start, then frozen and tuned
    with LocalEnvironment(PROJECT_DIR, {"ApprovalTimeoutSeconds": "300"}) as env:
        after_start()
        body = json.dumps({"content": base64.b64encode(export.content).decode("ascii")}).encode()
        headers = {"Content-Type": "application/json"}
        post = HttpRequest("POST", "/imports", "/imports", {}, {}, {}, headers, body, "127.0.0.1", MANAGER)
        # One client for the run, as the local API keeps its own: a new boto3 session and client at every poll
        # was about 5 % of the process's time during a 2,000-link import (py-spy).
        lambda_client = env.client("lambda")
        rss_start = rss_kb()
        began = time.monotonic()
        cpu_began = time.process_time()
        started = _call(env, lambda_client, post)
        assert started["status"] == 202, started
        import_id = started["body"]["importId"]
        samples: list[tuple[float, int, int]] = []  # (seconds, links done, RSS kB)
        while True:
            answer = _call(env, lambda_client, _get(import_id))["body"]
            samples.append((time.monotonic() - began, int(answer["progress"]["done"]), rss_kb()))
            if answer["status"] != "RUNNING":
                break
            time.sleep(0.5)
        seconds = time.monotonic() - began
        cpu_seconds = time.process_time() - cpu_began
        stored_kb = dynamodb_items_kb()
        index_items = table_item_count(env.stack.physical("BookmarkWordsTable"))
        record_ms = _mean_duration_ms(env, "RecordImportBatchFunction")
        index_ms = _mean_duration_ms(env, "IndexImportedBookmarksFunction")
    assert answer["status"] == "SUCCEEDED", answer
    counts = answer["report"]["counts"]
    quarter = next((s for s in samples if s[1] >= links // 4), samples[0])
    last = samples[-1]
    batches = -(-links // BATCH)
    measured = ImportRun(
        links=links,
        batches=batches,
        imported=counts["imported"],
        duplicates=counts["duplicate"],
        child_seconds=seconds * MAX_CONCURRENCY / batches,
        check_ms=_check_ms(export.content),
        index_items=index_items,
        record_ms=record_ms,
        index_ms=index_ms,
    )
    cost = per_10000(measured)
    standard = standard_children_cost(ImportRun(10_000, 100, 0, 0, 0, 0), STANDARD_TRANSITIONS_PER_LINK)
    return {
        "links": links,
        "seconds": round(seconds, 1),
        "links_per_second": round(links / seconds, 1),
        # The process's CPU time over the same span (all its threads): what the import cost, whatever else the
        # machine's cores were doing meanwhile.
        "cpu_seconds": round(cpu_seconds, 1),
        "cpu_ms_per_link": round(cpu_seconds * 1000 / links, 2),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "counts": counts,
        "rss_start_mb": round(rss_start / 1024, 1),
        "rss_end_mb": round(last[2] / 1024, 1),
        "kb_per_link_whole_run": round((last[2] - rss_start) / links, 2),
        "kb_per_link_after_first_quarter": round((last[2] - quarter[2]) / max(1, last[1] - quarter[1]), 2),
        "dynamodb_items_mb": round(stored_kb / 1024, 1),
        "kb_per_link_stored_in_dynamodb": round(stored_kb / links, 2),
        "kb_per_link_beyond_the_stored_items": round((last[2] - rss_start - stored_kb) / links, 2),
        "kb_per_link_after_first_quarter_beyond_the_stored_items": round(
            (last[2] - quarter[2]) / max(1, last[1] - quarter[1]) - stored_kb / links, 2
        ),
        "cost_per_10000_usd": {**{k: round(v, 6) for k, v in asdict(cost).items()}, "total": round(cost.total, 4)},
        "standard_children_transitions_per_10000_usd": round(standard, 4),
        "measured": asdict(measured),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__)
    parser.add_argument("--links", type=int, nargs="+", default=[10_000])
    parser.add_argument("--json", type=Path, default=RESULTS)
    arguments = parser.parse_args(sys.argv[1:] if argv is None else argv)
    quiet_engine_logs()
    results = [run(links) for links in arguments.links]
    arguments.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for result in results:
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
