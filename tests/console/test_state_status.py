"""Each state's status in one execution, derived from its history alone."""

from __future__ import annotations

from bookmarks_flow.console.state_status import derive_state_runs, execution_end, highlights, transition_count
from tests.console.histories import History


def test_a_state_that_exited_without_errors_succeeded() -> None:
    history = History().started().task("Validate").succeeded()

    assert derive_state_runs(history.events)["Validate"].status == "succeeded"


def test_a_state_that_succeeded_after_a_failed_attempt_was_retried() -> None:
    history = (
        History()
        .started()
        .entered("Validate")
        .scheduled()
        .task_started()
        .task_failed("Lambda.ServiceException")
        .scheduled()
        .task_started()
        .task_succeeded()
        .exited("Validate")
    )

    run = derive_state_runs(history.events)["Validate"]

    assert run.status == "retried"
    assert run.retries == 1


def test_a_state_whose_last_attempt_failed_but_that_exited_caught_the_error() -> None:
    history = (
        History()
        .started()
        .entered("Ask")
        .scheduled()
        .task_started()
        .task_failed("Lambda.ServiceException", "boom")
        .exited("Ask")
        .entered("Record The Failure")
    )

    run = derive_state_runs(history.events)["Ask"]

    assert run.status == "caught"
    assert run.latest is not None
    assert run.latest.final_error == ("Lambda.ServiceException", "boom")


def test_a_task_whose_error_ended_the_execution_failed() -> None:
    history = (
        History()
        .started()
        .entered("Ask")
        .scheduled()
        .task_started()
        .task_failed("Lambda.ServiceException", "boom")
        .failed("Lambda.ServiceException", "boom")
    )

    assert derive_state_runs(history.events)["Ask"].status == "failed"


def test_a_fail_state_failed_with_the_execution_error() -> None:
    history = History().started().entered("Submission Failed", "Fail").failed("Lambda.ServiceException", "boom")

    run = derive_state_runs(history.events)["Submission Failed"]

    assert run.status == "failed"
    assert run.latest is not None
    assert run.latest.final_error == ("Lambda.ServiceException", "boom")


def test_a_callback_task_that_was_submitted_is_waiting() -> None:
    history = (
        History()
        .started()
        .entered("Ask A Manager")
        .scheduled("invoke.waitForTaskToken")
        .task_started("invoke.waitForTaskToken")
        .submitted('{"Payload": {"approvalLink": "https://x"}}')
    )

    assert derive_state_runs(history.events)["Ask A Manager"].status == "waiting"


def test_a_callback_task_keeps_what_it_submitted() -> None:
    history = (
        History()
        .started()
        .entered("Ask A Manager")
        .scheduled("invoke.waitForTaskToken")
        .task_started("invoke.waitForTaskToken")
        .submitted('{"Payload": {"approvalLink": "https://x"}}')
    )

    visit = derive_state_runs(history.events)["Ask A Manager"].latest

    assert visit is not None
    assert visit.attempts[-1].submitted_output == '{"Payload": {"approvalLink": "https://x"}}'


def test_a_plain_task_in_progress_is_running() -> None:
    history = History().started().entered("Validate").scheduled().task_started()

    assert derive_state_runs(history.events)["Validate"].status == "running"


def test_a_task_between_a_failed_attempt_and_its_retry_is_running() -> None:
    history = History().started().entered("Validate").scheduled().task_started().task_failed("Lambda.ServiceException")

    assert derive_state_runs(history.events)["Validate"].status == "running"


def test_a_state_of_the_definition_that_never_ran_was_not_reached() -> None:
    history = History().started().task("Validate").succeeded()

    runs = derive_state_runs(history.events, ["Validate", "Record The Duplicate"])

    assert runs["Record The Duplicate"].status == "not_reached"


def test_a_state_left_open_by_a_stopped_execution_failed() -> None:
    history = (
        History()
        .started()
        .entered("Ask A Manager")
        .scheduled("invoke.waitForTaskToken")
        .task_started("invoke.waitForTaskToken")
        .add("ExecutionAborted", error="Stopped", cause="by a person")
    )

    run = derive_state_runs(history.events)["Ask A Manager"]

    assert run.status == "failed"
    assert run.latest is not None
    assert run.latest.final_error == ("Stopped", "by a person")


def test_a_callback_that_timed_out_and_was_caught_is_caught() -> None:
    history = (
        History()
        .started()
        .entered("Ask A Manager")
        .scheduled("invoke.waitForTaskToken")
        .task_started("invoke.waitForTaskToken")
        .task_timed_out()
        .exited("Ask A Manager")
    )

    visit = derive_state_runs(history.events)["Ask A Manager"].latest

    assert visit is not None
    assert visit.status == "caught"
    assert visit.final_error[0] == "States.Timeout"


def test_a_state_entered_twice_takes_the_status_of_its_latest_visit() -> None:
    history = (
        History()
        .started()
        .entered("Claim")
        .scheduled()
        .task_failed("DynamoDB.ConditionalCheckFailedException")
        .exited("Claim")
        .entered("Claim")
        .scheduled()
        .task_succeeded()
        .exited("Claim")
    )

    run = derive_state_runs(history.events)["Claim"]

    assert [visit.status for visit in run.visits] == ["caught", "succeeded"]
    assert run.status == "succeeded"


def test_a_visit_records_its_input_and_output() -> None:
    history = History().started().entered("Pass It", "Pass", '{"a": 1}').exited("Pass It", "Pass", '{"b": 2}')

    visit = derive_state_runs(history.events)["Pass It"].latest

    assert visit is not None
    assert (visit.state_type, visit.input, visit.output) == ("Pass", '{"a": 1}', '{"b": 2}')


def test_events_arriving_out_of_order_are_read_in_id_order() -> None:
    history = History().started().task("Validate").succeeded()

    runs = derive_state_runs(list(reversed(history.events)))

    assert runs["Validate"].status == "succeeded"


def test_highlights_map_every_state_to_its_status() -> None:
    history = History().started().task("Validate").entered("Ask").scheduled()

    runs = derive_state_runs(history.events, ["Validate", "Ask", "Done"])

    assert highlights(runs) == {"Validate": "succeeded", "Ask": "running", "Done": "not_reached"}


def test_transitions_count_the_states_entered() -> None:
    history = History().started().task("Validate").task("Claim").entered("Ask")

    assert transition_count(history.events) == 3


def test_the_execution_end_carries_its_error_and_cause() -> None:
    history = History().started().entered("Fail", "Fail").failed("Boom", "because")

    end = execution_end(history.events)

    assert end is not None
    assert (end.status, end.error, end.cause) == ("FAILED", "Boom", "because")


def test_a_running_execution_has_no_end() -> None:
    assert execution_end(History().started().entered("Validate").events) is None
