"""The local stack: the whole application on one machine, served over HTTP.

- the AWS endpoint (moto's server, sharing this process's backends and Step Functions engine);
- the API (the template's OpenAPI document) with the mailbox and the console under /_local/.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO, cast

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import BaseWSGIServer, make_server

from bookmarks_flow.console import create_console_app
from bookmarks_flow.local.api.access_log import AccessLog, log_group_of
from bookmarks_flow.local.api.api_metrics import ApiMetrics
from bookmarks_flow.local.api.cognito_proxy import PATH as COGNITO_PROXY_PATH
from bookmarks_flow.local.api.http_errors import JsonErrorRequestHandler
from bookmarks_flow.local.api.server import LocalApi, WsgiApp
from bookmarks_flow.local.api.stage_settings import access_log_setting
from bookmarks_flow.local.cloudwatch.alarm_evaluator import AlarmEvaluator
from bookmarks_flow.local.demo_users import create_demo_users
from bookmarks_flow.local.environment import LocalEnvironment
from bookmarks_flow.local.lambda_logs import CloudWatchLogsSink, FunctionOutput
from bookmarks_flow.local.lambda_runtime import LocalLambdaRuntime
from bookmarks_flow.local.loopback_endpoint import LoopbackEndpoint
from bookmarks_flow.local.persistence.acknowledgements import durable
from bookmarks_flow.local.persistence.store import DurableStore
from bookmarks_flow.local.scheduled_rules import ScheduledRules
from bookmarks_flow.local.stack_registration import register_stack
from bookmarks_flow.local.web_app import WebApp
from bookmarks_flow.web_config import web_config

CONSOLE_PATH = "/_local/console"
STAGE_NAME = "api"  # template.yaml's BookmarksApi StageName; the local API serves it at / (see the README)


class _Deferred:
    """A WSGI app whose target is set once provisioning is done (the ports must be known before)."""

    def __init__(self) -> None:
        self.target: WsgiApp | None = None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if self.target is None:
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"starting\n"]
        return self.target(environ, start_response)


@dataclass(frozen=True)
class StackUrls:
    api: str
    aws: str

    @property
    def mailbox(self) -> str:
        return f"{self.api}/_local/mailbox"

    @property
    def console(self) -> str:
        return f"{self.api}{CONSOLE_PATH}"


def _console(environment: LocalEnvironment) -> dict[str, WsgiApp]:
    return {CONSOLE_PATH: create_console_app(lambda: environment.client("stepfunctions"), CONSOLE_PATH)}


class LocalStack:
    def __init__(
        self,
        project_dir: Path,
        *,
        host: str = "127.0.0.1",
        aws_port: int = 4566,
        api_port: int = 3000,
        parameters: dict[str, str] | None = None,
        store: DurableStore | None = None,
        enforce_iam: bool = True,
    ) -> None:
        self._project_dir = project_dir
        self._store = store
        self._enforce_iam = enforce_iam
        self._host = host
        self._aws_app = _Deferred()
        self._api_app = _Deferred()
        self._aws_server: BaseWSGIServer = make_server(host, aws_port, self._aws_app, threaded=True)
        self._api_server: BaseWSGIServer = make_server(
            host, api_port, self._api_app, threaded=True, request_handler=JsonErrorRequestHandler
        )
        self.urls = StackUrls(
            api=f"http://{host}:{self._api_server.server_port}", aws=f"http://{host}:{self._aws_server.server_port}"
        )
        self._parameters = {
            "ApprovalBaseUrlOverride": self.urls.api,
            "CognitoEndpointOverride": self.urls.aws + "/",
            **(parameters or {}),
        }
        self._threads: list[threading.Thread] = []
        self.environment: LocalEnvironment | None = None
        self._alarms: AlarmEvaluator | None = None
        self._schedules: ScheduledRules | None = None

    def start(self) -> LocalStack:
        sink: list[CloudWatchLogsSink] = []
        runtime = LocalLambdaRuntime(output=lambda name: cast(TextIO, FunctionOutput(name, sink[0])))
        environment = LocalEnvironment(
            self._project_dir, self._parameters, runtime=runtime, store=self._store, enforce_iam=self._enforce_iam
        ).start()
        self.environment = environment
        sink.append(CloudWatchLogsSink(environment.session()))
        stack = environment.stack
        self._aws_app.target = durable(
            LoopbackEndpoint(DomainDispatcherApplication(create_backend_app), browser_origins=[self.urls.api]),
            self._store,
        )
        for server in (self._aws_server, self._api_server):
            thread = threading.Thread(target=server.serve_forever, name=f"server-{server.server_port}", daemon=True)
            thread.start()
            self._threads.append(thread)
        if not environment.restored:
            create_demo_users(environment.session(), stack.physical("UserPool"), stack.physical("BookmarkEventsTopic"))
        register_stack(environment.client("cloudformation"), stack, self.urls.api)
        if self._store is not None:
            self._store.begin(stack, environment.mailbox)
        setting = access_log_setting(environment.translated_template(), stack, "BookmarksApi")
        access_log = (
            AccessLog(setting["Format"], log_group_of(setting["DestinationArn"]), sink[0].write_to_group)
            if setting
            else None
        )
        api = LocalApi(
            stack.resources["BookmarksApi"].properties["Body"],
            session=environment.principal_sessions("BookmarksApi"),
            aws_endpoint=self.urls.aws,
            region=environment.region,
            mailbox=environment.mailbox,
            local_config={
                "region": environment.region,
                "awsEndpoint": self.urls.aws,
                "userPoolId": stack.physical("UserPool"),
                "userPoolClientId": stack.physical("UserPoolClient"),
                "stateMachineArn": stack.physical("SubmitBookmarkStateMachine"),
            },
            mounts=_console(environment),
            web_app=WebApp(
                # The app and the API share the origin; sign-in goes through the same-origin Cognito proxy.
                web_config(stack.outputs, api_url=self.urls.api, cognito_endpoint=self.urls.api + COGNITO_PROXY_PATH),
                self._project_dir / "web",
            ),
            access_log=access_log,
        )
        api_properties = stack.resources["BookmarksApi"].properties
        self._api_app.target = durable(
            ApiMetrics(api, environment.metrics, api_name=str(api_properties.get("Name", "")), stage=STAGE_NAME),
            self._store,
        )
        self._alarms = AlarmEvaluator(environment.metrics).start()
        self._schedules = ScheduledRules(
            environment.session(), environment.invoke_permissions(), environment.metrics
        ).start()
        return self

    def stop(self) -> None:
        if self._alarms is not None:
            self._alarms.stop()
        if self._schedules is not None:
            self._schedules.stop()
        for server in (self._api_server, self._aws_server):
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        if self._store is not None:
            self._store.close()
        if self.environment is not None:
            self.environment.stop()
