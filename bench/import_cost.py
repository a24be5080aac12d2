"""What importing 10,000 links costs on AWS, from the counts an import run measured locally.

Measured by bench/imports.py: links, batches (child executions), each outcome's count, the word index items the
batches wrote, and the mean duration of each per-batch function (CheckImportBatch's domain function; the
RecordImportBatch and IndexImportedBookmarks invocations as the local stack times them: moto is slower than
AWS, so these overstate). Modelled (fixed here): the parent's state transitions (its four states, plus one per
child execution started, which AWS bills to the parent of a Distributed Map), an Express child's billed memory
(64 MB, the smallest step) and duration (its measured wall time locally, rounded up to 100 ms), the functions'
memory (the template's 256 MB), and the DynamoDB request units of each outcome:

- an imported link: its URL claim and its bookmark in a transaction (2 write units each: DynamoDB bills a
  transactional write twice, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html),
  the bookmark's two index entries (ByStatus, BySubmitter: 1 unit each), one write unit per word index item
  (under 1 KB each), and half a read unit to read the bookmark back for its index (BatchGetItem, eventually
  consistent, under 4 KB);
- a duplicate of a line of the same file: nothing (the batch check decides it);
- a refused claim (a link already known): a strongly consistent read of the claim, and, as an upper bound, the
  whole cancelled transaction it was in billed as if written (50 links, 100 writes, 2 units each).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from bench.prices import PRICES, Prices

PARENT_STATES = 4
EXPRESS_MB = 64
LAMBDA_MB = {"check": 256, "record": 256, "index": 256, "report": 512, "start": 512}
WRITE_UNITS_PER_IMPORTED = 2 * 2 + 2  # claim and bookmark in a transaction, two index entries
READ_UNITS_PER_IMPORTED = 0.5  # read back for its word index items
WRITE_UNITS_PER_INDEX_ITEM = 1
READ_UNITS_PER_REFUSED_CLAIM = 1
WRITE_UNITS_PER_CANCELLED_TRANSACTION = 100 * 2


@dataclass(frozen=True)
class ImportRun:
    links: int
    batches: int
    imported: int
    duplicates: int
    child_seconds: float  # mean wall time of one child execution (one batch)
    check_ms: float  # mean handler time of CheckImportBatch per batch
    index_items: int = 0  # word index items written
    refused_claims: int = 0  # links already known: their claim was refused
    record_ms: float = 0.0  # mean duration of RecordImportBatch per batch
    index_ms: float = 0.0  # mean duration of IndexImportedBookmarks per batch


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
    write_units = (
        run.imported * WRITE_UNITS_PER_IMPORTED
        + run.index_items * WRITE_UNITS_PER_INDEX_ITEM
        + run.refused_claims * WRITE_UNITS_PER_CANCELLED_TRANSACTION
    )
    read_units = run.imported * READ_UNITS_PER_IMPORTED + run.refused_claims * READ_UNITS_PER_REFUSED_CLAIM
    dynamodb = write_units * prices.dynamodb_write_request_unit + read_units * prices.dynamodb_read_request_unit
    # items.json and report.json written, items.json read by the ItemReader, the result files and manifest
    # written (one file per status), report read once by GET /imports/{id} at the end.
    s3 = 4 * prices.s3_put_request + 3 * prices.s3_get_request
    return ImportCost(
        step_functions_standard=(PARENT_STATES + run.batches) * prices.step_functions_transition,
        step_functions_express=run.batches * prices.express_request + express_gb_seconds * prices.express_gb_second,
        lambda_=_lambda_cost(run.batches, run.check_ms, LAMBDA_MB["check"], prices)
        + _lambda_cost(run.batches, run.record_ms, LAMBDA_MB["record"], prices)
        + _lambda_cost(run.batches, run.index_ms, LAMBDA_MB["index"], prices)
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
        index_items=round(run.index_items * scale),
        refused_claims=round(run.refused_claims * scale),
        record_ms=run.record_ms,
        index_ms=run.index_ms,
    )
    return cost_of(scaled, prices)


def standard_children_cost(run: ImportRun, transitions_per_link: float, prices: Prices = PRICES) -> float:
    """What the children would cost as Standard executions instead: every state of each child billed."""
    return run.links * transitions_per_link * prices.step_functions_transition
