"""The cost of an import on AWS, from measured counts: each priced part follows from the counts it names."""

from __future__ import annotations

import pytest

from bench.import_cost import ImportRun, cost_of, per_10000, standard_children_cost
from bench.prices import PRICES

RUN = ImportRun(
    links=2_000,
    batches=20,
    imported=1_900,
    duplicates=60,
    child_seconds=1.04,
    check_ms=12.3,
    index_items=11_400,
    refused_claims=10,
    record_ms=150.0,
    index_ms=300.0,
)


def test_the_parent_is_billed_its_states_and_one_transition_per_child_started() -> None:
    assert cost_of(RUN).step_functions_standard == pytest.approx((4 + 20) * PRICES.step_functions_transition)


def test_express_children_are_billed_per_request_and_per_64_mb_second_rounded_up_to_100_ms() -> None:
    expected = 20 * PRICES.express_request + 20 * 1.1 * (64 / 1024) * PRICES.express_gb_second
    assert cost_of(RUN).step_functions_express == pytest.approx(expected)


def test_dynamodb_bills_an_imported_link_its_transaction_its_index_entries_and_its_word_items() -> None:
    """2 units for each transactional write (claim, bookmark), 1 for each of its two index entries, 1 per word
    index item, half a read unit to read it back; a refused claim reads the claim and (upper bound) has its
    whole cancelled transaction of 100 writes billed."""
    writes = 1_900 * (2 * 2 + 2) + 11_400 + 10 * 200
    reads = 1_900 * 0.5 + 10
    expected = writes * PRICES.dynamodb_write_request_unit + reads * PRICES.dynamodb_read_request_unit
    assert cost_of(RUN).dynamodb == pytest.approx(expected)


def test_each_batch_invokes_its_three_functions() -> None:
    without_batch_functions = cost_of(ImportRun(**{**RUN.__dict__, "check_ms": 0, "record_ms": 0, "index_ms": 0}))
    per_batch = 3 * 20 * PRICES.lambda_request
    durations = 20 * (13 + 150 + 300) / 1000 * 256 / 1024 * PRICES.lambda_gb_second_arm64
    assert cost_of(RUN).lambda_ == pytest.approx(without_batch_functions.lambda_ + durations)
    assert without_batch_functions.lambda_ > per_batch


def test_the_cost_of_10000_links_scales_the_measured_counts() -> None:
    scaled = per_10000(RUN)
    assert scaled.dynamodb == pytest.approx(cost_of(RUN).dynamodb * 5)
    assert scaled.step_functions_standard == pytest.approx((4 + 100) * PRICES.step_functions_transition)


def test_standard_children_would_bill_every_state_of_every_link() -> None:
    assert standard_children_cost(RUN, 3.0) == pytest.approx(2_000 * 3 * PRICES.step_functions_transition)
