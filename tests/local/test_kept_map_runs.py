"""Map runs kept in the journal: attached to their execution's record, and read back as moto's lookups read a
map run. tests/console/test_map_run_page.py restarts a real stack around an import."""

from __future__ import annotations

import datetime
import pickle

from bookmarks_flow.local.moto_adapters.map_run_executions import ChildExecution, children_of, pack
from bookmarks_flow.local.persistence.kept_map_runs import KeptMapRuns
from bookmarks_flow.local.persistence.records import ExecutionRecord, Executions, ExecutionStarted, MapRunKept

PARENT = "arn:aws:states:us-east-1:123456789012:execution:import:run-1"
MAP_RUN = "arn:aws:states:us-east-1:123456789012:mapRun:import/Import:abc"
STARTED = ExecutionStarted(
    PARENT,
    "arn:aws:states:us-east-1:123456789012:stateMachine:import",
    "run-1",
    "{}",
    datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC),
)


def _child(index: int) -> dict[str, object]:
    child = ChildExecution(
        f"{MAP_RUN.replace(':mapRun:', ':execution:')}:{index}",
        str(index),
        "sm",
        MAP_RUN,
        50,
        pack({"Items": [index]}),
        start_date=STARTED.start_date,
        status="SUCCEEDED",
    )
    return vars(child)


def _kept() -> MapRunKept:
    return MapRunKept(
        PARENT,
        MAP_RUN,
        {"mapRunArn": MAP_RUN, "status": "SUCCEEDED"},
        {"mapRunArn": MAP_RUN, "executionArn": PARENT},
        (_child(0), _child(1)),
    )


def test_a_kept_map_run_is_attached_to_its_executions_record() -> None:
    executions = Executions()
    executions.apply(STARTED)
    executions.apply(_kept())
    assert executions.by_arn[PARENT].map_runs == (_kept(),)


def test_a_record_pickled_before_map_runs_were_kept_has_none() -> None:
    record = ExecutionRecord(STARTED)
    del record.__dict__["map_runs"]
    restored = pickle.loads(pickle.dumps(record))  # noqa: S301 (our own bytes)
    assert restored.map_runs == ()


def test_kept_map_runs_answer_as_moto_pool_of_map_runs_does() -> None:
    pool = KeptMapRuns((_kept(),))
    [run] = pool.get_all()
    assert pool.get(MAP_RUN) is run
    assert pool.get(MAP_RUN + "x") is None
    assert run.describe() == {"mapRunArn": MAP_RUN, "status": "SUCCEEDED"}
    assert [child.name for child in children_of(run).all()] == ["0", "1"]
    assert children_of(run).all()[1].description()["input"] == '{"Items": [1]}'
