"""The local Lambda runtime's turns: API Gateway's invocations first, then the others, each class in order."""

from __future__ import annotations

import threading
import time
from typing import Any

import boto3
import pytest

from bookmarks_flow.local.invocation_queue import InvocationQueue
from bookmarks_flow.local.invocation_source import invoked_by_api_gateway, marked_as_api_gateway


def queue_up(queue: InvocationQueue, interactive: bool, name: str, order: list[str]) -> threading.Thread:
    """Starts a thread that waits for its turn, then records its name; returns once the thread is in line."""

    def invocation() -> None:
        with queue.turn(interactive):
            order.append(name)

    thread = threading.Thread(target=invocation, name=name)
    waiting_before = queue.waiting
    thread.start()
    deadline = time.monotonic() + 5
    while queue.waiting == waiting_before and time.monotonic() < deadline:
        time.sleep(0.001)
    return thread


def hold_then_release(queue: InvocationQueue, waiters: list[tuple[bool, str]]) -> list[str]:
    order: list[str] = []
    held = threading.Event()
    release = threading.Event()

    def running_invocation() -> None:
        with queue.turn():
            held.set()
            release.wait(5)

    runner = threading.Thread(target=running_invocation)
    runner.start()
    held.wait(5)
    threads = [queue_up(queue, interactive, name, order) for interactive, name in waiters]
    release.set()
    for thread in [runner, *threads]:
        thread.join(5)
    return order


def test_an_api_gateway_invocation_goes_before_earlier_background_ones() -> None:
    order = hold_then_release(InvocationQueue(), [(False, "task 1"), (False, "task 2"), (True, "GET")])

    assert order == ["GET", "task 1", "task 2"]


def test_invocations_of_one_class_run_in_the_order_they_arrived() -> None:
    arrivals = [(False, f"task {number}") for number in range(8)]

    assert hold_then_release(InvocationQueue(), arrivals) == [name for _, name in arrivals]


def test_api_gateway_invocations_run_in_the_order_they_arrived() -> None:
    arrivals = [(True, "POST"), (False, "task"), (True, "GET 1"), (True, "GET 2")]

    assert hold_then_release(InvocationQueue(), arrivals) == ["POST", "GET 1", "GET 2", "task"]


def test_the_thread_holding_its_turn_may_take_it_again() -> None:
    queue = InvocationQueue()
    with queue.turn(), queue.turn(interactive=True):
        pass
    with queue.turn():  # released completely: a later turn is not stuck behind the nested one
        pass


@pytest.mark.parametrize("marked", [True, False])
def test_api_gateway_s_lambda_client_marks_its_invocations_and_no_other_client_does(marked: bool) -> None:
    client = boto3.client(
        "lambda", region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret"
    )
    if marked:
        marked_as_api_gateway(client)
    sent: dict[str, Any] = {}

    def capture(request: Any, **_: Any) -> Any:
        sent.update(request.headers)
        raise _Sent

    client.meta.events.register("before-send.lambda.Invoke", capture)
    with pytest.raises(_Sent):
        client.invoke(FunctionName="any", Payload=b"{}")

    assert invoked_by_api_gateway({key: _text(value) for key, value in sent.items()}) is marked


class _Sent(Exception):
    """Stops the request after botocore built and signed it: nothing is sent anywhere."""


def _text(value: str | bytes) -> str:
    return value.decode() if isinstance(value, bytes) else value
