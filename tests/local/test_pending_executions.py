"""Executions running at a restart are pending until resumed: the stack is ready before a thousand of them have
started their threads, and whatever reaches one first (its task token) resumes it on the spot.
The stores here leave them pending (``resume_in_background=False``) so that only that path can resume them."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from moto.stepfunctions.parser.models import stepfunctions_parser_backends

from bookmarks_flow.local.persistence import store as store_module
from bookmarks_flow.local.persistence.restored_executions import RestoredExecution, ResumedWorker, resume
from bookmarks_flow.local.persistence.store import DurableStore
from bookmarks_tasks.services.decide_approval import Outcome
from tests.support.durable_environment import environment_on
from tests.support.workflow import Workflow, wait_for


def _waiting_bookmark(state_dir: Path, url: str) -> tuple[str, list[str]]:
    """A bookmark left waiting for a manager when the stack is killed: its id and its recorded event types."""
    with environment_on(state_dir, crash=True) as before:
        workflow = Workflow(before)
        bookmark_id = workflow.submit(url)
        workflow.wait_for_approval_request(bookmark_id)
        wait_for(lambda: "TaskSubmitted" in history_types(workflow, bookmark_id), 30, "the approval task submitted")
        return bookmark_id, history_types(workflow, bookmark_id)


def history_types(workflow: Workflow, bookmark_id: str) -> list[str]:
    return [event["type"] for event in workflow.history(bookmark_id)]


def _pending_store(state_dir: Path) -> DurableStore:
    return DurableStore(state_dir, resume_in_background=False).open()


def _execution(workflow: Workflow, bookmark_id: str) -> RestoredExecution:
    arn = workflow.execution_arn(bookmark_id)
    machine_arn = str(workflow.env.stack.physical("SubmitBookmarkStateMachine"))
    for account in stepfunctions_parser_backends.values():
        for backend in account.values():
            for machine in backend.state_machines:
                if machine.arn == machine_arn:
                    execution = next(e for e in machine.executions if e.exec_arn == arn)
                    assert isinstance(execution, RestoredExecution)
                    return execution
    raise AssertionError(f"no execution {arn}")


def test_a_pending_execution_is_running_with_its_recorded_history(tmp_path: Path) -> None:
    bookmark_id, recorded = _waiting_bookmark(tmp_path, "https://example.com/pending/history")

    with environment_on(tmp_path, crash=False, store=_pending_store(tmp_path)) as after:
        workflow = Workflow(after)
        description = workflow.sfn.describe_execution(executionArn=workflow.execution_arn(bookmark_id))

        assert _execution(workflow, bookmark_id).pending
        assert description["status"] == "RUNNING"
        assert history_types(workflow, bookmark_id) == recorded


def test_a_decision_sent_to_a_pending_execution_resumes_it_and_decides_it(tmp_path: Path) -> None:
    bookmark_id, _ = _waiting_bookmark(tmp_path, "https://example.com/pending/decided")

    with environment_on(tmp_path, crash=False, store=_pending_store(tmp_path)) as after:
        workflow = Workflow(after)
        assert _execution(workflow, bookmark_id).pending

        workflow.decide(bookmark_id, "APPROVED")

        assert workflow.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
        assert workflow.bookmark(bookmark_id)["status"] == "APPROVED"
        assert len(workflow.mail_to("approvers@example.com")) == 1  # resumed at its callback, not asked again


def test_running_executions_are_resumed_in_the_background_after_the_restart(tmp_path: Path) -> None:
    bookmark_id, _ = _waiting_bookmark(tmp_path, "https://example.com/pending/background")

    with environment_on(tmp_path, crash=False) as after:
        execution = _execution(Workflow(after), bookmark_id)

        wait_for(lambda: not execution.pending, 30, "the execution resumed in the background")
        assert execution.resume_plan is not None
        assert execution.resume_plan.caught_up.wait(30)


def _decided_while_resuming(tmp_path: Path, url: str, paused: threading.Event) -> tuple[Outcome, str, str]:
    """A waiting bookmark's execution resumed by the store in a thread, decided once that thread reaches the pause
    a test put in the resume: the decision's outcome, the execution's final status and the bookmark's."""
    bookmark_id, _ = _waiting_bookmark(tmp_path, url)
    store = _pending_store(tmp_path)
    with environment_on(tmp_path, crash=False, store=store) as after:
        workflow = Workflow(after)
        background = threading.Thread(target=store.ensure_resumed, args=(_execution(workflow, bookmark_id),))
        background.start()
        assert paused.wait(30)

        decided = workflow.decide(bookmark_id, "APPROVED")

        background.join(30)
        finished = workflow.wait_until_finished(bookmark_id)["status"]
        return decided.outcome, finished, workflow.bookmark(bookmark_id)["status"]


def test_a_decision_that_meets_the_background_resume_starting_its_execution_waits_for_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The background resume takes an execution off the pending set before it starts its worker; a decision
    arriving in between found it neither pending nor started, and was refused (InvalidToken)."""
    taken = threading.Event()

    def preempted_resume(execution: RestoredExecution) -> None:
        taken.set()
        time.sleep(1.0)  # the background thread, preempted between taking the execution and starting it
        resume(execution)

    monkeypatch.setattr(store_module, "resume", preempted_resume)

    outcome, finished, status = _decided_while_resuming(
        tmp_path, "https://example.com/pending/meets-the-background", taken
    )

    assert outcome == Outcome.DECIDED
    assert finished == "SUCCEEDED"
    assert status == "APPROVED"


def test_a_decision_that_meets_the_resumed_worker_before_it_is_back_at_its_callback_waits_for_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Once started, the worker is the execution's and moto's token scan reaches its callback pool, but the replay
    adds the recorded token only when it is back at the callback state; a decision in between found no endpoint
    and was refused (InvalidToken: a 410 for the manager, seen under CI's load)."""
    handed_over = threading.Event()
    replay = ResumedWorker._execution_logic

    def slow_replay(worker: ResumedWorker) -> None:
        handed_over.set()
        time.sleep(1.0)  # the worker's thread, preempted before its replay reaches the callback state
        replay(worker)

    monkeypatch.setattr(ResumedWorker, "_execution_logic", slow_replay)

    outcome, finished, _ = _decided_while_resuming(
        tmp_path, "https://example.com/pending/meets-the-worker", handed_over
    )

    assert outcome == Outcome.DECIDED
    assert finished == "SUCCEEDED"
