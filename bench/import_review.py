"""``python -m bench.import_review``: an import with review of the most links it takes (REVIEW_LINK_LIMIT) on the
local stack (in this process, every adapter and IAM on): the time from POST /imports to the report, then to
every link waiting for a manager (its approval request stored), and what the waiting executions hold (threads,
RSS). The figures behind the limit. Writes bench/results/import_review.json."""

from __future__ import annotations

import argparse
import base64
import json
import threading
import time
from pathlib import Path
from typing import Any

from bench import PROJECT_DIR
from bench.environments import quiet_engine_logs
from bench.imports import MANAGER, _call, _get, rss_kb
from bookmarks_flow.local.api.integrations import HttpRequest
from bookmarks_flow.local.environment import LocalEnvironment
from bookmarks_tasks.domain.imports.review_limit import REVIEW_LINK_LIMIT

RESULTS = PROJECT_DIR / "bench" / "results" / "import_review.json"


def _content(links: int, run: int) -> bytes:
    return "".join(f'{{"url": "https://review-bench-{run}.example/{n}"}}\n' for n in range(links)).encode()


def _waiting(env: LocalEnvironment) -> int:
    table = env.stack.physical("ApprovalsTable")
    return int(env.client("dynamodb").scan(TableName=table, Select="COUNT")["Count"])


def run(links: int, number: int) -> dict[str, Any]:
    with LocalEnvironment(PROJECT_DIR, {"ApprovalTimeoutSeconds": "3600"}) as env:
        threads_before, rss_before = threading.active_count(), rss_kb()
        body = json.dumps({"content": base64.b64encode(_content(links, number)).decode(), "review": True}).encode()
        headers = {"Content-Type": "application/json"}
        began = time.perf_counter()
        request = HttpRequest("POST", "/imports", "/imports", {}, {}, {}, headers, body, "127.0.0.1", MANAGER)
        lambda_client = env.client("lambda")
        started = _call(env, lambda_client, request)
        assert started["status"] == 202, started
        import_id = started["body"]["importId"]
        while (answer := _call(env, lambda_client, _get(import_id)))["body"]["status"] == "RUNNING":
            time.sleep(0.2)
        reported = time.perf_counter() - began
        assert answer["body"]["report"]["counts"]["review"] == links, answer["body"]["report"]["counts"]
        while _waiting(env) < links:
            time.sleep(0.5)
        waiting = time.perf_counter() - began
        return {
            "links": links,
            "report_s": round(reported, 1),
            "all_waiting_s": round(waiting, 1),
            "links_per_s_to_waiting": round(links / waiting, 1),
            "threads_per_waiting_link": round((threading.active_count() - threads_before) / links, 2),
            "rss_kb_per_waiting_link": round((rss_kb() - rss_before) / links, 1),
        }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--links", type=int, default=REVIEW_LINK_LIMIT)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", type=Path, default=RESULTS)
    arguments = parser.parse_args(argv)
    quiet_engine_logs()
    results = [run(arguments.links, number) for number in range(arguments.runs)]
    arguments.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
