"""What importing 10,000 links costs on AWS, from the counts an import run measured locally.

Measured by bench/imports.py: links, batches (child executions), the CheckImportBatch function's mean handler
time, and each outcome's count. Modelled (fixed here): the parent's state transitions (its four states, plus
one per child execution started, which AWS bills to the parent of a Distributed Map), an Express child's
billed memory (64 MB, the smallest step) and duration (its measured wall time locally, rounded up to 100 ms:
moto is slower than AWS, so this overstates it), and the DynamoDB units of each outcome: an imported link is
a claim (1 write unit) and its bookmark (1 unit, under 1 KB, plus one unit for each of the two indexes it
enters); a duplicate is a refused claim (1 unit) and a strongly consistent read (1 unit).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from bench.prices import PRICES, Prices

PARENT_STATES = 4
EXPRESS_MB = 64
LAMBDA_MB = {"check": 256, "report": 512, "start": 512}
WRITE_UNITS_PER_IMPORTED = 4
WRITE_UNITS_PER_DUPLICATE = 1
READ_UNITS_PER_DUPLICATE = 1


@dataclass(frozen=True)
class ImportRun:
    links: int
    batches: int
    imported: int
    duplicates: int
    child_seconds: float  # mean wall time of one child execution (one batch)
    check_ms: float  # mean handler time of CheckImportBatch per batch


@dataclass(frozen=True)
class ImportCost:
    step_functions_standard: float
    step_functions_express: float
    lambda_: float
    dynamodb: float
    s3: float
    sns: float

    @property
    def total(self) -> float:
        return float(sum(asdict(self).values()))


def _lambda_cost(invocations: float, ms: float, mb: int, prices: Prices) -> float:
    gb_seconds = invocations * math.ceil(ms) / 1000 * mb / 1024
    return invocations * prices.lambda_request + gb_seconds * prices.lambda_gb_second_arm64


def cost_of(run: ImportRun, prices: Prices = PRICES) -> ImportCost:
    """The cost of ``run`` as measured (scale with per_10000)."""
    express_seconds = math.ceil(run.child_seconds * 10) / 10
    express_gb_seconds = run.batches * express_seconds * EXPRESS_MB / 1024
    dynamodb = (
        (run.imported * WRITE_UNITS_PER_IMPORTED + run.duplicates * WRITE_UNITS_PER_DUPLICATE)
        * prices.dynamodb_write_request_unit
        + run.duplicates * READ_UNITS_PER_DUPLICATE * prices.dynamodb_read_request_unit
    )
    # items.json and report.json written, items.json read by the ItemReader, the result files and manifest
    # written (one file per status), report read once by GET /imports/{id} at the end.
    s3 = 4 * prices.s3_put_request + 3 * prices.s3_get_request
    return ImportCost(
        step_functions_standard=(PARENT_STATES + run.batches) * prices.step_functions_transition,
        step_functions_express=run.batches * prices.express_request + express_gb_seconds * prices.express_gb_second,
        lambda_=_lambda_cost(run.batches, run.check_ms, LAMBDA_MB["check"], prices)
        + _lambda_cost(1, 1000, LAMBDA_MB["report"], prices)
        + _lambda_cost(1, 1000, LAMBDA_MB["start"], prices),
        dynamodb=dynamodb,
        s3=s3,
        sns=prices.sns_publish + prices.sns_email_delivery,
    )


def per_10000(run: ImportRun, prices: Prices = PRICES) -> ImportCost:
    scale = 10_000 / run.links
    scaled = ImportRun(
        links=10_000,
        batches=math.ceil(run.batches * scale),
        imported=round(run.imported * scale),
        duplicates=round(run.duplicates * scale),
        child_seconds=run.child_seconds,
        check_ms=run.check_ms,
    )
    return cost_of(scaled, prices)


def standard_children_cost(run: ImportRun, transitions_per_link: float, prices: Prices = PRICES) -> float:
    """What the children would cost as Standard executions instead: every state of each child billed."""
    return run.links * transitions_per_link * prices.step_functions_transition
