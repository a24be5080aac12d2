"""The performance adapters change how fast moto's engine runs, never what it does. For each, one test fails
loudly when moto changes the code it replaces (then the adapter must be checked again, or removed), and one shows
the engine still behaves the same with it. The last tests run the whole workflow with and without them."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from jsonpath_ng.ext.parser import parse as parse_extended_path
from jsonpath_ng.parser import parse as parse_path
from moto import mock_aws
from moto.cognitoidp import models as cognito_models
from moto.stepfunctions.models import StateMachine
from moto.stepfunctions.parser import utils as engine_utils
from moto.stepfunctions.parser.asl.component.component import Component
from moto.stepfunctions.parser.asl.eval.callback.callback import CallbackPoolManager
from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker
from moto.stepfunctions.parser.models import StepFunctionsParserBackend, stepfunctions_parser_backends

from bookmarks_flow.local import environment as local_environment
from bookmarks_flow.local.environment import MOTO_CONFIG, LocalEnvironment
from bookmarks_flow.local.moto_adapters import (
    cognito_signing_key,
    execution_name_index,
    jsonpath_cache,
    parsed_definition_cache,
    task_token_index,
    thread_registry,
)
from bookmarks_flow.local.moto_adapters.parsed_definition_cache import BY_REFERENCE_VALUES, ParsedDefinitions
from bookmarks_flow.local.moto_adapters.patching import Undo
from tests.support.moto_machines import CALLBACK, finish, machine

PROJECT_DIR = Path(__file__).resolve().parents[2]
COMPONENT_PACKAGE = "moto.stepfunctions.parser.asl.component"

SHAPES = {
    "StartAt": "Shape",
    "States": {
        "Shape": {
            "Type": "Pass",
            "InputPath": "$.order",
            "Parameters": {"id.$": "$.id", "first.$": "$.items[0]", "count.$": "States.ArrayLength($.items)"},
            "ResultPath": "$.shaped",
            "Next": "Pick",
        },
        "Pick": {"Type": "Pass", "OutputPath": "$.shaped", "End": True},
    },
}
RESULT_DICT = {
    "StartAt": "Constant",
    "States": {
        "Constant": {"Type": "Pass", "Result": {"list": []}, "Next": "Grow"},
        "Grow": {"Type": "Pass", "Parameters": {"x.$": "$$.Execution.Name"}, "ResultPath": "$.list[0]", "End": True},
    },
}
RETRYING = {
    "StartAt": "Send",
    "States": {
        "Send": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage",
            "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/missing", "MessageBody": "x"},
            "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 1}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Done"}],
            "End": True,
        },
        "Done": {"Type": "Pass", "End": True},
    },
}


def parameters(function: Callable[..., Any]) -> list[str]:
    return list(inspect.signature(function).parameters)


def source(function: Callable[..., Any]) -> str:
    return textwrap.dedent(inspect.getsource(function))


def component_classes() -> list[type[Component]]:
    """Every component class of moto's ASL engine (the classes a parsed program is made of)."""
    package = importlib.import_module(COMPONENT_PACKAGE)
    found: list[type[Component]] = []
    for info in pkgutil.walk_packages(package.__path__, COMPONENT_PACKAGE + "."):
        module = importlib.import_module(info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if value.__module__ == module.__name__ and issubclass(value, Component):
                found.append(value)
    return found


def _methods(cls: type) -> Iterator[ast.FunctionDef]:
    tree = ast.parse(source(cls))
    for node in tree.body[0].body:  # type: ignore[attr-defined]
        if isinstance(node, ast.FunctionDef):
            yield node


def _is_self_attribute(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self"


# ------------------------------------------------------------------ parsed_definition_cache


def test_upstream_still_parses_the_definition_for_every_execution() -> None:
    assert parameters(ExecutionWorker._get_evaluation_entrypoint) == ["self"]
    assert "AmazonStateLanguageParser.parse(" in source(ExecutionWorker._get_evaluation_entrypoint)
    assert "self._get_evaluation_entrypoint()" in source(ExecutionWorker._execution_logic)


def test_upstream_components_still_keep_no_state_of_their_own_while_evaluating() -> None:
    """A shared program is safe only while evaluation writes to the Environment, not to the components. The one
    attribute a component sets after construction is its lazily made heap key, which the adapter makes first."""
    written = set()
    for cls in component_classes():
        for method in _methods(cls):
            if method.name in ("__init__", "from_state_props"):
                continue
            for node in ast.walk(method):
                targets = node.targets if isinstance(node, ast.Assign) else []
                if isinstance(node, ast.AugAssign | ast.AnnAssign):
                    targets = [node.target]
                written |= {f"{cls.__name__}.{t.attr}" for t in targets if _is_self_attribute(t)}  # type: ignore[attr-defined]
    assert written == {"EvalComponent.__heap_key"}


def test_upstream_components_that_hand_out_their_own_values_are_the_audited_ones() -> None:
    """Components that push one of their own attributes onto the stack could hand a dict or a list to several
    executions; the adapter refuses to share a program where such a value is a dict or a list."""
    pushed = set()
    for cls in component_classes():
        for method in _methods(cls):
            for node in ast.walk(method):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "append"
                    and ast.unparse(node.func.value) == "env.stack"
                    and node.args
                    and _is_self_attribute(node.args[0])
                ):
                    pushed.add(f"{cls.__name__}.{node.args[0].attr}")  # type: ignore[attr-defined]
    scalars = {"StringLiteral.literal_value", "IntervalSecondsDecl.seconds", "ConditionJSONataLit.literal"}
    audited = {f"{cls.__name__}.{attribute}" for cls, attribute in BY_REFERENCE_VALUES.items()}
    assert pushed == scalars | audited


def test_a_definition_is_parsed_once_for_all_its_executions(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    cache = ParsedDefinitions()
    adapter(parsed_definition_cache.install(cache))
    arn = machine(sfn, SHAPES)
    document = json.dumps({"order": {"id": "o-1", "items": ["a", "b"]}})
    executions = [sfn.start_execution(stateMachineArn=arn, name=f"e{i}", input=document) for i in range(5)]
    outputs = [json.loads(finish(sfn, e["executionArn"])["output"]) for e in executions]
    assert outputs == [{"id": "o-1", "first": "a", "count": 2}] * 5
    assert cache.parses == 1


def test_a_definition_that_holds_a_mutable_result_is_never_shared(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    cache = ParsedDefinitions()
    adapter(parsed_definition_cache.install(cache))
    arn = machine(sfn, RESULT_DICT)
    outputs = []
    for name in ("first", "second"):
        execution = sfn.start_execution(stateMachineArn=arn, name=name)
        outputs.append(json.loads(finish(sfn, execution["executionArn"])["output"]))
    assert outputs[1] == {"list": [{"x": "second"}]}  # the first execution's write did not leak into the second
    assert cache.program(json.dumps(SHAPES)) is cache.program(json.dumps(SHAPES))
    assert cache.program(json.dumps(RESULT_DICT)) is not cache.program(json.dumps(RESULT_DICT))


def test_one_cache_serves_the_executions_of_environments_started_one_after_another() -> None:
    """LocalEnvironment installs the process-wide cache: each environment (a test each) creates the same state
    machines again, in a fresh moto, and their executions use the program the first one parsed."""
    cache = ParsedDefinitions()
    document = json.dumps({"order": {"id": "o-1", "items": ["a"]}})
    for _ in range(2):
        with mock_aws(config=MOTO_CONFIG):
            undo = parsed_definition_cache.install(cache)
            try:
                sfn = boto3.client("stepfunctions", region_name="us-east-1")
                execution = sfn.start_execution(stateMachineArn=machine(sfn, SHAPES), input=document)
                assert json.loads(finish(sfn, execution["executionArn"])["output"]) == {
                    "id": "o-1",
                    "first": "a",
                    "count": 1,
                }
            finally:
                undo()
    assert cache.parses == 1
    assert "parsed_definition_cache.install(parsed_definition_cache.PROCESS_WIDE)" in source(
        local_environment.performance_adapters
    )


def test_concurrent_executions_of_a_shared_program_count_their_own_retries(
    sfn: Any, adapter: Callable[[Undo], None]
) -> None:
    adapter(parsed_definition_cache.install())
    arn = machine(sfn, RETRYING)
    executions = [sfn.start_execution(stateMachineArn=arn, name=f"r{i}")["executionArn"] for i in range(3)]
    for execution in executions:
        assert finish(sfn, execution)["status"] == "SUCCEEDED"
        events = sfn.get_execution_history(executionArn=execution, maxResults=1000)["events"]
        assert [e["type"] for e in events].count("TaskScheduled") == 2  # the first attempt and one retry


# ------------------------------------------------------------------ jsonpath_cache


def test_upstream_still_parses_every_json_path_on_every_use() -> None:
    from moto.stepfunctions.parser.asl.component.common.path import result_path
    from moto.stepfunctions.parser.asl.utils import json_path

    assert json_path.parse is parse_extended_path
    assert result_path.parse is parse_path
    assert "parse(path)" in source(json_path.extract_json)
    assert "parse(self.result_path_src)" in source(result_path.ResultPath._eval_body)
    assert parse_extended_path("$.a.b") is not parse_extended_path("$.a.b")


def test_cached_json_paths_give_the_same_results(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(jsonpath_cache.install())
    from moto.stepfunctions.parser.asl.utils import json_path

    assert json_path.parse("$.a.b") is json_path.parse("$.a.b")
    arn = machine(sfn, SHAPES)
    for name, items in (("one", ["a"]), ("two", ["b", "c"])):
        document = json.dumps({"order": {"id": name, "items": items}})
        execution = sfn.start_execution(stateMachineArn=arn, name=name, input=document)
        output = json.loads(finish(sfn, execution["executionArn"])["output"])
        assert output == {"id": name, "first": items[0], "count": len(items)}


# ------------------------------------------------------------------ task_token_index


@pytest.mark.parametrize("name", task_token_index.TOKEN_METHODS)
def test_upstream_still_scans_every_execution_for_a_task_token(name: str) -> None:
    method = getattr(StepFunctionsParserBackend, name)
    assert parameters(method)[:2] == ["self", "task_token"]
    assert "self._get_executions(" in source(method)
    assert "execution.exec_worker.env.callback_pool_manager" in source(method)


def test_upstream_pools_still_register_tokens_through_add() -> None:
    for name in task_token_index.POOL_METHODS:
        assert parameters(getattr(CallbackPoolManager, name))[:2] == ["self", "callback_id"]
    assert "Environment(" in source(ExecutionWorker._get_evaluation_environment)


def _callback_execution(sfn: Any, name: str) -> tuple[str, str]:
    sqs = boto3.client("sqs", region_name="us-east-1")
    queue = sqs.create_queue(QueueName=f"q-{name}")["QueueUrl"]
    arn = sfn.list_state_machines()["stateMachines"][0]["stateMachineArn"]
    execution = sfn.start_execution(stateMachineArn=arn, name=name, input=json.dumps({"queue": queue}))
    for _ in range(400):
        messages = sqs.receive_message(QueueUrl=queue).get("Messages", [])
        if messages:
            return str(execution["executionArn"]), str(json.loads(messages[0]["Body"])["token"])
        time.sleep(0.01)
    raise AssertionError("no task token")


def _decisions(sfn: Any) -> dict[str, Any]:
    """What SendTaskSuccess / SendTaskFailure / a reused token / an unknown token give."""
    machine(sfn, CALLBACK)
    approved, token = _callback_execution(sfn, "approved")
    sfn.send_task_success(taskToken=token, output=json.dumps({"ok": True}))
    outcome: dict[str, Any] = {"approved": json.loads(finish(sfn, approved)["output"])["answer"]}
    try:
        sfn.send_task_success(taskToken=token, output="{}")
        outcome["reused"] = "accepted"
    except ClientError as error:
        outcome["reused"] = error.response["Error"]["Code"]
    rejected, token = _callback_execution(sfn, "rejected")
    try:
        sfn.send_task_heartbeat(taskToken=token)
        outcome["heartbeat"] = "accepted"
    except ClientError as error:  # moto refuses a heartbeat for a task without HeartbeatSeconds
        outcome["heartbeat"] = error.response["Error"]["Code"]
    sfn.send_task_failure(taskToken=token, error="Approval.Rejected")
    outcome["rejected"] = json.loads(finish(sfn, rejected)["output"])["error"]["Error"]
    with pytest.raises(ClientError) as unknown:
        sfn.send_task_success(taskToken="not-a-token", output="{}")
    outcome["unknown"] = unknown.value.response["Error"]["Code"]
    return outcome


def test_indexed_tokens_decide_as_moto_does(adapter: Callable[[Undo], None]) -> None:
    with mock_aws(config=MOTO_CONFIG):
        stock = _decisions(boto3.client("stepfunctions", region_name="us-east-1"))
    adapter(task_token_index.install())
    with mock_aws(config=MOTO_CONFIG):
        indexed = _decisions(boto3.client("stepfunctions", region_name="us-east-1"))
    assert indexed == stock
    assert indexed["approved"] == {"ok": True}
    assert indexed["rejected"] == "Approval.Rejected"


def test_an_unknown_token_is_refused_while_another_execution_is_still_building_its_environment(
    sfn: Any, adapter: Callable[[Undo], None]
) -> None:
    """Between ``Execution.start`` handing over its worker and the worker's thread building the environment, the
    execution is RUNNING with ``exec_worker.env`` None: moto's full scan (taken by a token the index does not
    know) then failed with AttributeError, a 500, instead of InvalidToken."""
    adapter(task_token_index.install())
    machine(sfn, CALLBACK)
    arn, token = _callback_execution(sfn, "building")
    backend = next(b for a in stepfunctions_parser_backends.values() for b in a.values() if b.state_machines)
    building = next(e for m in backend.state_machines for e in m.executions if e.exec_arn == arn)
    worker, environment = building.exec_worker, building.exec_worker.env
    worker.env = None
    try:
        with pytest.raises(ClientError) as unknown:
            sfn.send_task_success(taskToken="not-a-token", output="{}")
    finally:
        worker.env = environment
    assert unknown.value.response["Error"]["Code"] == "InvalidToken"
    sfn.send_task_success(taskToken=token, output="{}")
    assert finish(sfn, arn)["status"] == "SUCCEEDED"


def test_an_indexed_token_never_looks_at_other_executions(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(task_token_index.install())
    machine(sfn, CALLBACK)
    _, first = _callback_execution(sfn, "first")
    second, token = _callback_execution(sfn, "second")
    scans: list[Any] = []
    original = StepFunctionsParserBackend._get_executions

    def spy(self: Any, *args: Any, **kwargs: Any) -> Any:
        scans.append(args)
        return original(self, *args, **kwargs)

    StepFunctionsParserBackend._get_executions = spy
    try:
        sfn.send_task_success(taskToken=token, output="{}")
    finally:
        StepFunctionsParserBackend._get_executions = original
    assert scans == []
    assert finish(sfn, second)["status"] == "SUCCEEDED"
    sfn.send_task_success(taskToken=first, output="{}")


# ------------------------------------------------------------------ execution_name_index


def test_upstream_still_checks_a_name_against_every_execution() -> None:
    method = StateMachine._handle_name_input_idempotency
    assert parameters(method) == ["self", "name", "execution_input"]
    assert "for execution in self.executions" in source(method)


def _starts(sfn: Any) -> dict[str, Any]:
    arn = sfn.list_state_machines()["stateMachines"][0]["stateMachineArn"]
    queue = boto3.client("sqs", region_name="us-east-1").create_queue(QueueName="names")["QueueUrl"]
    document = json.dumps({"queue": queue})
    first = sfn.start_execution(stateMachineArn=arn, name="same", input=document)["executionArn"]
    outcome: dict[str, Any] = {"again": sfn.start_execution(stateMachineArn=arn, name="same", input=document)}
    outcome["again"] = outcome["again"]["executionArn"] == first
    for label, name, document_ in (
        ("other input", "same", json.dumps({"queue": queue, "x": 1})),
        ("new", "new", document),
    ):
        try:
            outcome[label] = sfn.start_execution(stateMachineArn=arn, name=name, input=document_)["executionArn"]
        except ClientError as error:
            outcome[label] = error.response["Error"]["Code"]
    sqs = boto3.client("sqs", region_name="us-east-1")
    answered = 0
    for _ in range(400):
        for message in sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10).get("Messages", []):
            sfn.send_task_success(taskToken=json.loads(message["Body"])["token"], output="{}")
            answered += 1
        if answered == 2:
            break
        time.sleep(0.01)
    outcome["finished"] = finish(sfn, first)["status"]
    with pytest.raises(ClientError) as finished:
        sfn.start_execution(stateMachineArn=arn, name="same", input=document)
    outcome["after it finished"] = finished.value.response["Error"]["Code"]
    return outcome


def test_indexed_names_start_as_moto_does(adapter: Callable[[Undo], None]) -> None:
    with mock_aws(config=MOTO_CONFIG):
        sfn = boto3.client("stepfunctions", region_name="us-east-1")
        machine(sfn, CALLBACK)
        stock = _starts(sfn)
    adapter(execution_name_index.install())
    with mock_aws(config=MOTO_CONFIG):
        sfn = boto3.client("stepfunctions", region_name="us-east-1")
        machine(sfn, CALLBACK)
        indexed = _starts(sfn)
    assert indexed == stock
    assert indexed["again"] is True
    assert indexed["other input"] == "ExecutionAlreadyExists"
    assert indexed["after it finished"] == "ExecutionAlreadyExists"


# ------------------------------------------------------------------ thread_registry


def test_upstream_only_ever_appends_to_its_thread_registry() -> None:
    root = Path(inspect.getfile(engine_utils)).parent
    uses = set()
    for path in root.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "TMP_THREADS" in line:
                uses.add(line.strip().split("(")[0] if "append" in line else line.strip())
    assert uses == {
        "TMP_THREADS = []",
        "from moto.stepfunctions.parser.utils import TMP_THREADS",
        "TMP_THREADS.append",
    }


def _run_many(sfn: Any, count: int) -> None:
    arn = machine(sfn, SHAPES)
    document = json.dumps({"order": {"id": "o", "items": ["a"]}})
    executions = [sfn.start_execution(stateMachineArn=arn, name=f"t{i}", input=document) for i in range(count)]
    for execution in executions:
        finish(sfn, execution["executionArn"])


def test_upstream_still_keeps_every_finished_thread(sfn: Any) -> None:
    before = len(engine_utils.TMP_THREADS)
    _run_many(sfn, 5)
    kept = engine_utils.TMP_THREADS[before:]
    assert len(kept) >= 10
    assert not any(thread.is_alive() for thread in kept)


def test_finished_threads_leave_the_registry(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(thread_registry.install())
    registry = engine_utils.TMP_THREADS
    assert isinstance(registry, thread_registry.LiveThreads)
    _run_many(sfn, 150)  # about three threads each
    assert len(registry) < thread_registry.PRUNE_EVERY


# ------------------------------------------------------------------ cognito_signing_key


def test_upstream_still_imports_the_one_signing_key_again_for_each_user_pool() -> None:
    init = source(cognito_models.CognitoIdpUserPool.__init__)
    assert 'load_resource("cognitoidp/resources/jwks-private.json")' in init
    assert "jwk.RSAKey.import_key(jwks_file)" in init


def test_user_pools_sign_with_the_key_moto_imports_but_import_it_once(adapter: Callable[[Undo], None]) -> None:
    with mock_aws():
        cognito = boto3.client("cognito-idp", region_name="us-east-1")
        stock_id = cognito.create_user_pool(PoolName="stock")["UserPool"]["Id"]
        adapter(cognito_signing_key.install())
        first_id, second_id = (cognito.create_user_pool(PoolName=name)["UserPool"]["Id"] for name in ("a", "b"))
        pools = cognito_models.cognitoidp_backends["123456789012"]["us-east-1"].user_pools
        stock, first, second = pools[stock_id].json_web_key, pools[first_id].json_web_key, pools[second_id].json_web_key
    assert first is second
    assert first is not stock
    assert first.as_dict(private=True) == stock.as_dict(private=True)


# ------------------------------------------------------------------ all of them, on the real workflow


def test_the_performance_adapters_are_installed_with_the_others() -> None:
    assert set(inspect.signature(local_environment.install_adapters).parameters) == {"runtime", "mailbox"}
    assert "correctness_adapters(runtime, mailbox) + performance_adapters()" in source(
        local_environment.install_adapters
    )


def test_every_performance_adapter_undoes_itself() -> None:
    patched = {
        (ExecutionWorker, "_get_evaluation_entrypoint"),
        (ExecutionWorker, "_get_evaluation_environment"),
        (StepFunctionsParserBackend, "send_task_success"),
        (StateMachine, "_handle_name_input_idempotency"),
        (CallbackPoolManager, "add"),
        (engine_utils, "TMP_THREADS"),
        (cognito_models, "jwk"),
    }
    before = {key: getattr(*key) for key in patched}
    undos = local_environment.performance_adapters()
    assert all(getattr(*key) is not before[key] for key in patched)
    for undo in reversed(undos):
        undo()
    assert all(getattr(*key) is before[key] for key in patched)


def _path_events(stock: bool) -> dict[str, list[str]]:
    """Event types of the approved, rejected and duplicate paths of the real workflow."""
    undo = None
    if stock:
        original = local_environment.install_adapters
        local_environment.install_adapters = local_environment.correctness_adapters
        undo = lambda: setattr(local_environment, "install_adapters", original)  # noqa: E731
    try:
        with LocalEnvironment(PROJECT_DIR, {"ApprovalTimeoutSeconds": "300"}) as environment:
            return _run_paths(environment)
    finally:
        if undo is not None:
            undo()


def _run_paths(environment: LocalEnvironment) -> dict[str, list[str]]:
    sfn = environment.client("stepfunctions")
    dynamodb = environment.client("dynamodb")
    arn = environment.stack.physical("SubmitBookmarkStateMachine")
    table = environment.stack.physical("ApprovalsTable")
    events: dict[str, list[str]] = {}
    for name, url, decide in (
        ("approved", "https://example.com/a", "success"),
        ("rejected", "https://example.com/r", "failure"),
        ("duplicate", "https://example.com/a", None),
    ):
        document = {
            "submission": {"url": url, "title": name, "tags": ["t"]},
            "submitter": {"username": "alice", "email": "alice@example.com"},
        }
        execution = sfn.start_execution(stateMachineArn=arn, name=name, input=json.dumps(document))["executionArn"]
        if decide is not None:
            token = _token(dynamodb, table, name)
            decision = {"decidedBy": "manager", "decidedAt": "2026-11-23T00:00:00Z", "comment": ""}
            if decide == "success":
                sfn.send_task_success(taskToken=token, output=json.dumps({"decision": "APPROVED", **decision}))
            else:
                cause = json.dumps({"decision": "REJECTED", **decision})
                sfn.send_task_failure(taskToken=token, error="Approval.Rejected", cause=cause)
        assert finish(sfn, execution)["status"] == "SUCCEEDED"
        history = sfn.get_execution_history(executionArn=execution, maxResults=1000)["events"]
        events[name] = [event["type"] for event in history]
    return events


def _token(dynamodb: Any, table: str, bookmark_id: str) -> str:
    for _ in range(400):
        for item in dynamodb.scan(TableName=table)["Items"]:
            if item["bookmarkId"]["S"] == bookmark_id:
                return str(item["taskToken"]["S"])
        time.sleep(0.02)
    raise AssertionError(f"no approval record for {bookmark_id}")


def test_the_workflow_takes_the_same_steps_with_and_without_the_performance_adapters() -> None:
    with_adapters = _path_events(stock=False)
    stock = _path_events(stock=True)
    assert with_adapters == stock
    assert with_adapters["approved"][-1] == "ExecutionSucceeded"


def test_many_concurrent_executions_of_the_workflow_all_finish() -> None:
    with LocalEnvironment(PROJECT_DIR, {"ApprovalTimeoutSeconds": "300"}) as environment:
        sfn = environment.client("stepfunctions")
        arn = environment.stack.physical("SubmitBookmarkStateMachine")
        baseline = threading.active_count()
        names = [f"invalid-{i}" for i in range(30)]
        for name in names:
            document = {
                "submission": {"url": "not a link", "title": name},
                "submitter": {"username": "a", "email": "a@b.c"},
            }
            sfn.start_execution(stateMachineArn=arn, name=name, input=json.dumps(document))
        for name in names:
            execution_arn = arn.replace(":stateMachine:", ":execution:") + f":{name}"
            assert finish(sfn, execution_arn)["status"] == "SUCCEEDED"
        for _ in range(200):
            if threading.active_count() <= baseline:
                break
            time.sleep(0.05)
        assert threading.active_count() <= baseline
