"""One set of tables, three outputs: the terminal (rich), bench/results/latest.json and docs/performance.md.

The tables are built once as plain rows, so the terminal and the document always show the same figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench.durability import RESULTS as DURABILITY_RESULTS
from bench.durability import section as durability_section
from bench.prices import PRICES_READ

# The sections of docs/performance.md that their own benches measure (bench.imports, bench.import_review,
# bench.web_app), written up between these markers: a run of this bench keeps them as they are.
IMPORTS_START = "<!-- imports:start -->"
IMPORTS_END = "<!-- imports:end -->"
WEB_APP_START = "<!-- web-app:start -->"
WEB_APP_END = "<!-- web-app:end -->"
KEPT_SECTIONS = ((IMPORTS_START, IMPORTS_END), (WEB_APP_START, WEB_APP_END))


@dataclass(frozen=True)
class Rows:
    title: str
    header: list[str]
    rows: list[list[str]]
    caption: str = ""


def _money(value: float) -> str:
    return f"${value:.4f}"


def _run_note(run: dict[str, Any]) -> str:
    notes = []
    if run["capped_by_budget"]:
        notes.append(f"capped: {run['completed']} of {run['requested']} in {run['seconds']:g} s")
    if run["failed"]:
        notes.append(f"{run['failed']} failed")
    if run["stalled"]:
        notes.append("stalled")
    return "; ".join(notes)


def throughput_rows(results: dict[str, Any]) -> Rows:
    rows = []
    for row in results["throughput"]:
        local, stock = row["local"], row["stock"]
        rows.append(
            [
                str(row["n"]),
                f"{local['executions_per_second']:.1f}",
                f"{stock['executions_per_second']:.1f}",
                f"{row['ratio']:.1f}x" if row["ratio"] else "-",
                f"{local['early_ms_per_execution']:.0f} → {local['late_ms_per_execution']:.0f}",
                f"{stock['early_ms_per_execution']:.0f} → {stock['late_ms_per_execution']:.0f}",
                f"{local['rss_kb_per_execution']:.0f} / {stock['rss_kb_per_execution']:.0f}",
                f"{local['rss_peak_mb']:.0f} / {stock['rss_peak_mb']:.0f}",
                f"{local['threads_after']} / {stock['threads_after']}",
                "; ".join(filter(None, [_run_note(local), "stock " + _run_note(stock) if _run_note(stock) else ""])),
            ]
        )
    return Rows(
        title="Throughput: submission → approval → notification",
        header=[
            "N",
            "local exec/s",
            "stock exec/s",
            "ratio",
            "local ms/exec, early → late",
            "stock ms/exec, early → late",
            "kB/exec local / stock",
            "peak MB local / stock",
            "threads left local / stock",
            "notes",
        ],
        rows=rows,
        caption=f"{results['settings']['window']} executions in flight; each run in its own process after one "
        f"warm-up execution; stock runs stop after {results['settings']['stock_budget_seconds']:g} s.",
    )


def latency_rows(results: dict[str, Any]) -> Rows:
    latency = results["latency"]
    rows = [
        [label, f"{p['p50_ms']:.1f}", f"{p['p95_ms']:.1f}", f"{p['max_ms']:.1f}"]
        for label, p in (
            ("submit → approval e-mail", latency["submit_to_approval_request"]),
            ("approve → subscribers' e-mail", latency["approve_to_notification"]),
        )
    ]
    return Rows(
        title=f"Latency in the local environment ({latency['runs']} serial runs, ms)",
        header=["phase", "p50", "p95", "max"],
        rows=rows,
    )


def cost_rows(results: dict[str, Any]) -> Rows:
    cost = results["cost"]
    rows = []
    for path, entry in cost["paths"].items():
        usage = entry["workflow_measured"]
        rows.append(
            [
                path,
                f"{usage['transitions']:g}",
                f"{usage['lambda_invocations']:g}",
                f"{usage['lambda_billed_ms']:.0f}",
                f"{usage['dynamodb_write_units']:g}",
                f"{usage['dynamodb_read_units']:g}",
                f"{usage['sns_publishes']:g} / {usage['email_deliveries']:g}",
                f"{usage['sqs_requests']:g}",
                _money(entry["cost_per_1000_workflow"]["total"]),
                _money(entry["cost_per_1000_total"]["total"]),
            ]
        )
    return Rows(
        title=f"Our workflow on AWS: usage per bookmark (measured) and cost per {cost['per']:,} bookmarks",
        header=[
            "path",
            "transitions",
            "Lambda invocations",
            "Lambda billed ms",
            "DynamoDB WRU",
            "DynamoDB RRU",
            "SNS publishes / e-mails",
            "SQS requests",
            "workflow $",
            "with API $",
        ],
        rows=rows,
        caption="Measured from the execution histories and the metered Lambda runtime (the median of "
        f"{next(iter(cost['paths'].values()))['runs']} runs per path). 'with API' adds the approval API, "
        "modelled: API Gateway requests and DecideApproval invocations (100 ms each, assumed).",
    )


def comparison_rows(results: dict[str, Any]) -> Rows:
    cost = results["cost"]
    rows = []
    for path, entry in cost["paths"].items():
        ours = entry["workflow_measured"]
        api = entry["api_modelled"]
        cells = [
            path,
            f"{_money(entry['cost_per_1000_total']['total'])} "
            f"({ours['transitions']:g} tr, {ours['lambda_invocations'] + api['lambda_invocations']:g} λ)",
        ]
        for key in ("course", "tutorial"):
            other = cost["comparisons"][key]["paths"][path]
            if "usage" in other:
                usage = other["usage"]
                cells.append(
                    f"{_money(other['cost_per_1000']['total'])} "
                    f"({usage['transitions']:g} tr, {usage['lambda_invocations']:g} λ)"
                )
            else:
                cells.append(f"n/a: {other['note']}")
        rows.append(cells)
    return Rows(
        title=f"Cost per {cost['per']:,} bookmarks, API included (tr = transitions, λ = Lambda invocations)",
        header=["path", "ours (measured + modelled API)", "course lab (modelled)", "AWS tutorial (modelled)"],
        rows=rows,
        caption="The comparisons are modelled from their published designs, not measured; their Lambdas are "
        "assumed at 128 MB and 100 ms.",
    )


def target_rows(results: dict[str, Any]) -> Rows:
    return Rows(
        title="Targets",
        header=["target", "value", "result"],
        rows=[
            [check["target"], check["value"], "PASS" if check["passed"] else "FAIL"]
            for check in results["cost"]["targets"]
        ]
        + [_throughput_target(results)],
    )


def _throughput_target(results: dict[str, Any]) -> list[str]:
    ratios = [row["ratio"] for row in results["throughput"] if row["ratio"]]
    lowest = min(ratios) if ratios else 0.0
    return ["local ≥ 5 x stock moto (throughput)", f"lowest ratio {lowest:.1f}x", "PASS" if lowest >= 5 else "FAIL"]


def iam_rows(results: dict[str, Any]) -> Rows:
    rows = []
    for row in results["throughput"]:
        with_iam, without = row["local"], row["local-no-iam"]
        rows.append(
            [
                str(row["n"]),
                f"{with_iam['executions_per_second']:.1f}",
                f"{without['executions_per_second']:.1f}",
                f"{row['iam_ratio']:.2f}" if row["iam_ratio"] else "-",
                f"{with_iam['late_ms_per_execution']:.0f} / {without['late_ms_per_execution']:.0f}",
                "; ".join(filter(None, [_run_note(with_iam), _run_note(without)])),
            ]
        )
    return Rows(
        title="IAM enforcement: throughput with and without it (same run)",
        header=["N", "with IAM exec/s", "without IAM exec/s", "ratio", "late ms/exec with / without", "notes"],
        rows=rows,
        caption="local (every call authorised against template.yaml's policies) against local --no-iam; "
        "ratio = with / without: the share of throughput kept with enforcement on.",
    )


def all_rows(results: dict[str, Any]) -> list[Rows]:
    return [
        throughput_rows(results),
        iam_rows(results),
        latency_rows(results),
        cost_rows(results),
        comparison_rows(results),
        target_rows(results),
    ]


def growth(results: dict[str, Any]) -> str:
    """Whether an execution costs more time or memory as N grows, from the two largest runs (a run not much
    larger than the window spends its late part draining, which looks faster than it is)."""
    rows = results["throughput"]
    if len(rows) < 2:
        return "Only one N was run: run two or more (--sizes) to see how an execution's cost grows with N."
    largest, previous = rows[-1], rows[-2]
    sentences = []
    for profile in ("local", "stock"):
        big, smaller = largest[profile], previous[profile]
        reached = f" (the {big['completed']} executions it reached)" if big["capped_by_budget"] else ""
        sentences.append(
            f"{profile}, N={largest['n']}{reached}: {big['early_ms_per_execution']:.0f} ms per execution early, "
            f"{big['late_ms_per_execution']:.0f} ms late (N={previous['n']}: {smaller['late_ms_per_execution']:.0f}"
            f" ms late); {smaller['rss_kb_per_execution']:.0f} kB of memory per execution at N={previous['n']}, "
            f"{big['rss_kb_per_execution']:.0f} kB at N={largest['n']}."
        )
    return " ".join(sentences)


def machine_line(results: dict[str, Any]) -> str:
    machine = results["machine"]
    return (
        f"{machine['cpus']} CPUs ({machine['cpu_model']}), {machine['memory_gb']:g} GB, {machine['system']}, "
        f"Python {machine['python']}, moto {machine['moto']}, boto3 {machine['boto3']}"
    )


# ------------------------------------------------------------------ outputs


def print_report(results: dict[str, Any], console: Console) -> None:
    for rows in all_rows(results):
        table = Table(title=rows.title, caption=rows.caption or None, title_justify="left")
        for column in rows.header:
            table.add_column(column, overflow="fold")
        for row in rows.rows:
            table.add_row(*row)
        console.print(table)
    console.print(f"Machine: {machine_line(results)}; bench took {results['seconds']:g} s")


def write_json(results: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    temporary.replace(path)


def _markdown_table(rows: Rows) -> str:
    lines = [f"### {rows.title}", "", "| " + " | ".join(rows.header) + " |"]
    lines.append("|" + "|".join("---" for _ in rows.header) + "|")
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows.rows]
    if rows.caption:
        lines += ["", rows.caption]
    return "\n".join(lines)


def markdown(results: dict[str, Any]) -> str:
    settings = results["settings"]
    cost = results["cost"]
    prices = cost["prices"]
    tables = "\n\n".join(_markdown_table(rows) for rows in all_rows(results))
    sizes = ", ".join(str(n) for n in settings["sizes"])
    return f"""# Performance and cost

Generated by `python3 dev.py bench` (which runs `python -m bench`) on {results["generated"]}; the same figures
are in `bench/results/latest.json`. Do not edit by hand: run the bench again.

**Machine:** {machine_line(results)}. The whole bench took {results["seconds"]:g} s.

**Settings:** N = {sizes}; {settings["window"]} executions in flight; stock
runs capped at {settings["stock_budget_seconds"]:g} s each; {settings["latency_runs"]} latency runs;
{settings["cost_repeats"]} runs of each path for the cost model (the median run is shown); the expired path with
ApprovalTimeoutSeconds = {cost["expiry_seconds"]}.

## What is compared

- **local**: the local environment as the project runs it, with every moto adapter, including the performance
  adapters (`client_cache`, `parsed_definition_cache`, `jsonpath_cache`, `task_token_index`,
  `execution_name_index`, `thread_registry` in `src/bookmarks_flow/local/moto_adapters/`).
- **local-no-iam**: the same with IAM enforcement off (`bookmarks local --no-iam`): the difference is what
  authorising every call against template.yaml's policies costs.
- **stock**: moto's engine with only the correctness adapters the workflow needs to run at all
  (`lambda_dispatch`, `context_start_time`, `send_task_failure_cause`, `unnamed_executions`, `email_capture`,
  plus `execution_names` and `jsonata`, which do not touch this workflow's speed).

Both run the same workload: each submission is approved as soon as its approval e-mail arrives (through the
approval record the link names, as the approval page does) and counts as done when the subscribers' e-mail
arrives. The downstream queue is emptied as the run goes (moto's SendMessage slows down with every message
waiting in a queue; on AWS a consumer would drain it). "ms/exec" is the mean time between two completions, early
in a run (from 10 % to 20 % of its completions) and late (from 80 % to 90 %), away from the window filling and
draining: if it grows with N, so does the cost of one execution. Memory is the growth of the process's resident
set per completed execution (moto keeps every execution and its history, as Step Functions keeps them for 90
days).

{tables}

**Growth with N.** {growth(results)}

## How the cost model works

- **Measured** in the local environment, from `get_execution_history` and the metered Lambda runtime: state
  transitions as Step Functions bills them (every state entered plus every retry: the failed path retries Ask A
  Manager three times); Lambda invocations and their duration (handler time, rounded up to 1 ms, at the
  template's MemorySize, arm64 prices; a Lambda service fault is not a billed invocation); DynamoDB write and
  read units of the direct integrations and of the handlers' own calls (item sizes measured from the items each
  path leaves, plus the writes of the `ByStatus` index; a strongly consistent read is one unit per 4 KB);
  SNS publishes; e-mails actually delivered through the subscriptions' filter policies; SQS requests.
- moto's task tokens are short; AWS's are up to 2,048 characters, so the approval record is sized as if it held
  one that long (over 1 KB: 3 write units).
- Lambda durations measured here are on this machine with moto in-process; on AWS at 256 MB (a sixth of a vCPU)
  and with network calls they are longer. Even at ten times the measured duration the approved path costs
  ${cost["paths"].get("approved", {}).get("lambda_duration_x10_cost_per_1000", 0):.4f} per 1,000 bookmarks.
- **Modelled, not measured**: the approval API around the workflow (POST /bookmarks is one SubmitBookmark
  invocation that starts the execution; GET and POST /approvals/{{id}} are two DecideApproval invocations with a
  consistent GetItem each and two UpdateItems), and both comparisons: the course lab (executions started from
  DynamoDB Streams through EventBridge Pipes; CheckDuplicates, ValidateURL, RequestApproval, publishing and
  approval-API Lambdas; no retries) and the AWS human-approval tutorial (one waitForTaskToken Lambda that e-mails
  links through SNS, a Choice, a Pass state; API Gateway and a Lambda for each click). Their counts are fixed in
  `bench/cost_model.py`.
- Prices: {prices["region"]}, on-demand list prices as read {PRICES_READ}, no free tiers: Step Functions
  ${prices["step_functions_transition"] * 1000:.3f} per 1,000 transitions; Lambda
  ${prices["lambda_request"] * 1e6:.2f} per million requests and ${prices["lambda_gb_second_arm64"]:.10f} per GB-s
  (arm64); DynamoDB on-demand ${prices["dynamodb_write_request_unit"] * 1e6:.3f} per million write units and
  ${prices["dynamodb_read_request_unit"] * 1e6:.3f} per million read units; SNS ${prices["sns_publish"] * 1e6:.2f}
  per million publishes and ${prices["sns_email_delivery"] * 1e5:.2f} per 100,000 e-mails; SQS
  ${prices["sqs_request"] * 1e6:.2f} per million requests; API Gateway REST
  ${prices["api_gateway_rest_request"] * 1e6:.2f} per million requests; EventBridge Pipes
  ${prices["eventbridge_pipes_request"] * 1e6:.2f} per million requests.
- Not included: storage (DynamoDB, point-in-time recovery, SQS retention), CloudWatch Logs and X-Ray, Secrets
  Manager (the link secret is cached for five minutes), Cognito, data transfer.

## How to reproduce

```
python3 dev.py bench                   # N = 100, 1000, 2000 (this run: {sizes}, {results["seconds"] / 60:.0f} min)
python3 dev.py bench --sizes 100 1000  # other sizes
python3 dev.py bench --help            # every option
```
"""


def write_markdown(results: dict[str, Any], path: Path) -> None:
    """Keeps the sections other benches measured (``KEPT_SECTIONS``), in their order, after this bench's own."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = markdown(results)
    if DURABILITY_RESULTS.exists():  # measured separately: python -m bench.durability
        text += "\n" + durability_section(json.loads(DURABILITY_RESULTS.read_text(encoding="utf-8")))
    previous = path.read_text(encoding="utf-8") if path.exists() else ""
    for start_marker, end_marker in KEPT_SECTIONS:
        start, end = previous.find(start_marker), previous.find(end_marker)
        if 0 <= start < end:
            text += "\n" + previous[start : end + len(end_marker)] + "\n"
    path.write_text(text, encoding="utf-8")
