"""AWS list prices the cost model uses: us-east-1, on-demand, without free tiers, as read in 2026-11.

Sources: the project's notes (/work/shared/notes/aws-facts.md, "as of 2026-11 notes") for Step Functions and
Lambda; AWS's pricing pages as quoted in AWS whitepapers and third-party summaries read the same month for the
rest (API Gateway REST: "Best Practices for Designing Amazon API Gateway Private APIs", cost optimization).
Prices change: recheck them before quoting a figure.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

PRICES_READ = "2026-11"
REGION = "us-east-1"


@dataclass(frozen=True)
class Prices:
    step_functions_transition: float = 0.025 / 1_000  # Standard workflows, per state transition
    lambda_request: float = 0.20 / 1_000_000
    lambda_gb_second_arm64: float = 0.0000133334  # first 7.5 billion GB-s a month
    dynamodb_write_request_unit: float = 0.625 / 1_000_000  # on-demand
    dynamodb_read_request_unit: float = 0.125 / 1_000_000  # on-demand
    sns_publish: float = 0.50 / 1_000_000  # per 64 KB request
    sns_email_delivery: float = 2.00 / 100_000
    sqs_request: float = 0.40 / 1_000_000  # standard queue, per 64 KB request
    api_gateway_rest_request: float = 3.50 / 1_000_000  # first 333 million a month
    eventbridge_pipes_request: float = 0.40 / 1_000_000
    express_request: float = 1.00 / 1_000_000  # Express workflows (a Distributed Map's Express children)
    express_gb_second: float = 0.00001667  # first 1,000 hours a month, billed in 64 MB and 100 ms steps
    s3_put_request: float = 0.005 / 1_000  # S3 Standard PUT, COPY, POST, LIST
    s3_get_request: float = 0.0004 / 1_000

    def describe(self) -> dict[str, float | str]:
        return {"read": PRICES_READ, "region": REGION, **asdict(self)}


PRICES = Prices()
