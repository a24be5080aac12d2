"""The whole application in this process: moto with its engine on, the adapters, and the template provisioned.

Tests use it directly; the local stack (bookmarks_flow.local.server) serves it over HTTP.
"""

from __future__ import annotations

import importlib
import pkgutil
import warnings
from pathlib import Path
from types import TracebackType
from typing import Any

import boto3
from moto import mock_aws

from bookmarks_flow.local import invocation_credentials, shared_service_models
from bookmarks_flow.local.cfn_template import load_template, translate
from bookmarks_flow.local.cloudwatch.embedded_metrics import EmbeddedMetrics
from bookmarks_flow.local.cloudwatch.service_metrics import ServiceMetrics
from bookmarks_flow.local.iam import service_authorization
from bookmarks_flow.local.iam.principals import PrincipalDirectory
from bookmarks_flow.local.iam.resource_policies import InvokePermission, invoke_permissions
from bookmarks_flow.local.iam.role_credentials import RoleCredentials
from bookmarks_flow.local.iam.sessions import PrincipalSessions
from bookmarks_flow.local.iam.template_principals import assume_template_roles
from bookmarks_flow.local.lambda_runtime import LocalLambdaRuntime
from bookmarks_flow.local.mailbox import Mailbox
from bookmarks_flow.local.moto_adapters import (
    client_cache,
    cognito_signing_key,
    context_start_time,
    definition_validation_cache,
    distributed_map_batches,
    distributed_map_definition,
    dynamodb_condition_cache,
    dynamodb_index_sort,
    dynamodb_item_serializer,
    dynamodb_item_size,
    dynamodb_one_request_at_a_time,
    dynamodb_partition_reads,
    dynamodb_transaction_rollback,
    email_capture,
    engine_credentials,
    engine_json_copies,
    event_targets,
    execution_metrics,
    execution_name_index,
    execution_names,
    execution_status_events,
    iam_enforcement,
    iam_enforcement_s3,
    id_token_attributes,
    jsonata,
    jsonpath_cache,
    lambda_dispatch,
    lambda_metrics,
    map_run_child_histories,
    map_run_executions,
    map_run_lookups,
    parsed_definition_cache,
    parser_scope_per_instance,
    qualified_executions,
    result_writer_files,
    send_task_failure_cause,
    sfn_start_execution_parameters,
    state_machine_versions,
    task_token_index,
    thread_registry,
    timed_out_task_tokens,
    tolerated_failures,
    unnamed_executions,
)
from bookmarks_flow.local.moto_adapters.patching import Undo
from bookmarks_flow.local.moto_adapters.service_limits import awslambda as lambda_limits
from bookmarks_flow.local.moto_adapters.service_limits import sns as sns_limits
from bookmarks_flow.local.moto_adapters.service_limits import sqs as sqs_limits
from bookmarks_flow.local.moto_adapters.service_limits import stepfunctions as stepfunctions_limits
from bookmarks_flow.local.persistence.store import DurableStore
from bookmarks_flow.local.provisioner import ACCOUNT_ID, ProvisionedStack, Provisioner
from bookmarks_flow.local.running_executions import stop_running_executions

MOTO_CONFIG = {"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": True}}
DEFAULT_REGION = "us-east-1"
DEFAULT_STACK_NAME = "bookmarks-flow"
IAM_OFF_WARNING = (
    "IAM enforcement is OFF: every call is allowed whatever template.yaml's policies say, which AWS would not do."
)


def _import_engine_modules() -> None:
    """The client-cache adapter patches the engine modules that exist, so all of them are imported first."""
    package = importlib.import_module("moto.stepfunctions.parser.asl.component")
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)


def correctness_adapters(runtime: LocalLambdaRuntime, mailbox: Mailbox) -> list[Undo]:
    """The adapters without which the workflow would not run, or would run unlike on AWS."""
    _import_engine_modules()
    return [
        lambda_dispatch.install(runtime),
        parser_scope_per_instance.install(),
        unnamed_executions.install(),
        execution_names.install(),
        send_task_failure_cause.install(),
        sfn_start_execution_parameters.install(),
        timed_out_task_tokens.install(),
        state_machine_versions.install(),
        qualified_executions.install(),
        context_start_time.install(),
        jsonata.install(),
        email_capture.install(mailbox),
        id_token_attributes.install(),
        dynamodb_one_request_at_a_time.install(),
        sns_limits.install(),
        sqs_limits.install(),
        stepfunctions_limits.install(),
        lambda_limits.install(),
        # In this order: each wraps the Map's run around the one before.
        distributed_map_definition.install(),
        result_writer_files.install(),
        distributed_map_batches.install(),
        tolerated_failures.install(),
        map_run_child_histories.install(),
        map_run_lookups.install(),
        map_run_executions.install(),
    ]


def iam_adapters(directory: PrincipalDirectory, role_credentials: dict[str, RoleCredentials]) -> list[Undo]:
    """Every call authorised as the principal that makes it on AWS (bookmarks_flow.local.iam)."""
    _import_engine_modules()
    service_authorization.load()
    return [
        invocation_credentials.install(),
        engine_credentials.install(role_credentials.get),
        iam_enforcement.install(directory),
        iam_enforcement_s3.install(directory),
    ]


def performance_adapters() -> list[Undo]:
    """The adapters that change only how fast the engine runs (bench/ measures them against stock moto)."""
    _import_engine_modules()
    return [
        client_cache.install(),
        cognito_signing_key.install(),
        definition_validation_cache.install(programs=parsed_definition_cache.PROCESS_WIDE),
        parsed_definition_cache.install(parsed_definition_cache.PROCESS_WIDE),
        jsonpath_cache.install(),
        task_token_index.install(),
        execution_name_index.install(),
        thread_registry.install(),
        dynamodb_item_serializer.install(),
        dynamodb_index_sort.install(),
        dynamodb_partition_reads.install(),
        dynamodb_transaction_rollback.install(),
        dynamodb_item_size.install(),
        engine_json_copies.install(),
        dynamodb_condition_cache.install(),
    ]


def service_metric_adapters(metrics: ServiceMetrics) -> list[Undo]:
    """The metrics AWS services publish themselves (alarms and the dashboard read them); after lambda_dispatch."""
    return [execution_metrics.install(metrics), lambda_metrics.install(metrics)]


def service_event_adapters() -> list[Undo]:
    """EventBridge as AWS runs it: the targets moto lacks, and Step Functions' own status-change events."""
    return [event_targets.install(), execution_status_events.install()]


def install_adapters(runtime: LocalLambdaRuntime, mailbox: Mailbox) -> list[Undo]:
    return correctness_adapters(runtime, mailbox) + performance_adapters()


class LocalEnvironment:
    def __init__(
        self,
        project_dir: Path,
        parameters: dict[str, str] | None = None,
        stack_name: str = DEFAULT_STACK_NAME,
        region: str = DEFAULT_REGION,
        runtime: LocalLambdaRuntime | None = None,
        store: DurableStore | None = None,
        enforce_iam: bool = True,
    ) -> None:
        self.project_dir = project_dir
        # The local API server serves the web app itself (at /), so the stack leaves out its CloudFront hosting.
        self.parameters = {"WebHosting": "None", **(parameters or {})}
        self.stack_name = stack_name
        self.region = region
        self.runtime = runtime or LocalLambdaRuntime()
        self.mailbox = Mailbox()
        self.metrics = ServiceMetrics(region)
        self.enforce_iam = enforce_iam
        self.principals = PrincipalDirectory()
        self.role_credentials: dict[str, RoleCredentials] = {}
        self._undos: list[Undo] = []
        self._mock: Any = None
        self._stack: ProvisionedStack | None = None
        self.store = store
        self.restored = False
        self._template: dict[str, Any] = {}

    @property
    def stack(self) -> ProvisionedStack:
        if self._stack is None:
            raise RuntimeError("the local environment is not started")
        return self._stack

    def session(self) -> boto3.session.Session:
        return shared_service_models.session(self.region)

    def client(self, service: str) -> Any:
        return self.session().client(service)  # type: ignore[call-overload]

    def start(self) -> LocalEnvironment:
        self._mock = mock_aws(config=MOTO_CONFIG)
        self._mock.start()
        try:
            # Before the others: the client cache then keeps the role-signed clients the engine builds.
            if self.enforce_iam:
                self._undos = iam_adapters(self.principals, self.role_credentials)
            else:
                warnings.warn(IAM_OFF_WARNING, stacklevel=2)
            self._undos += install_adapters(self.runtime, self.mailbox)
            self._undos += service_metric_adapters(self.metrics)
            self.runtime.add_line_listener(EmbeddedMetrics(self.metrics).receive)
            self._undos += service_event_adapters()
            if self.store is not None and self.store.has_state():
                # The journal's requests replay before any role is assumed: the keys they were signed with are
                # no principal's now, so they are not authorised twice (they were when first made).
                self._stack, self.restored = self.store.restore(self.mailbox, self.parameters), True
                self._template = self.store.template
            else:
                if self.store is not None:
                    self.store.parameters = dict(self.parameters)
                template = translate(load_template(self.project_dir / "template.yaml"), self.parameters, self.region)
                self._template = template
                if self.store is not None:
                    self.store.template = template
                self._stack = Provisioner(self.session(), self.project_dir, self.stack_name).provision(
                    template, self.parameters
                )
            if self.enforce_iam:
                self.role_credentials.update(assume_template_roles(self.session(), self._stack, self.principals))
            for function in self._stack.functions:
                self.runtime.register(function)
                self._assign_role(function.name)
        except BaseException:
            self.stop()
            raise
        return self

    def _assign_role(self, function_name: str) -> None:
        for resource in self.stack.resources.values():
            if resource.type == "AWS::Lambda::Function" and resource.ref == function_name:
                credentials = self.role_credentials.get(str(resource.properties.get("Role")))
                if credentials is not None:
                    self.runtime.assign_credentials(function_name, credentials)

    def principal_sessions(self, api_logical_id: str = "", stage: str = "api") -> PrincipalSessions:
        """The outsider's session, the template roles' for API Gateway's ``credentials`` integrations, and the
        functions' resource policies for API Gateway's proxy integrations (of the API ``api_logical_id``)."""
        if not self.enforce_iam or not api_logical_id:
            return PrincipalSessions(self.session(), self.role_credentials)
        api_arn = f"arn:aws:execute-api:{self.region}:{ACCOUNT_ID}:{self.stack.physical(api_logical_id)}/{stage}"
        return PrincipalSessions(self.session(), self.role_credentials, self.invoke_permissions(), api_arn)

    def invoke_permissions(self) -> list[InvokePermission]:
        """The functions' resource policies (the template's ``AWS::Lambda::Permission`` resources)."""
        return invoke_permissions(self.translated_template(), self.stack)

    def translated_template(self) -> dict[str, Any]:
        """The template the stack was provisioned from, after the SAM transform."""
        if not self._template:  # a restored stack: the template, with the parameters it was provisioned with
            parameters = self.store.parameters if self.store is not None else self.parameters
            self._template = translate(load_template(self.project_dir / "template.yaml"), parameters, self.region)
            if self.store is not None:  # a state written before the store kept it: kept from now on
                self.store.template = self._template
        return self._template

    def stop(self) -> None:
        for undo in reversed(self._undos):
            undo()
        self._undos = []
        if self._mock is not None:
            stop_running_executions()
            self._mock.stop()
            self._mock = None
        self.runtime.restore_environment()

    def __enter__(self) -> LocalEnvironment:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
