"""``bookmarks``: run the local stack and walk through the workflow from a terminal."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path
from threading import Event
from typing import Annotated, Any

import typer
from rich.console import Console

from bookmarks_flow.bookmark_listing import listing_lines
from bookmarks_flow.client import ApiError, BookmarksClient, local_config, mailbox, sign_in
from bookmarks_flow.import_view import progress_line, report_lines
from bookmarks_flow.local.demo_users import DEMO_USERS, demo_user
from bookmarks_flow.local.template_parameters import ParameterError, parameter_values, parse_overrides

app = typer.Typer(help="bookmarks-flow: a team's bookmark knowledge base on Step Functions.", no_args_is_help=True)
console = Console()
DEFAULT_API = os.environ.get("BOOKMARKS_API_URL", "http://127.0.0.1:3000")
ApiOption = Annotated[str, typer.Option("--api", help="The API's base URL.", envvar="BOOKMARKS_API_URL")]
AsOption = Annotated[str, typer.Option("--as", help="The demo user to sign in as.")]
FINAL = {"APPROVED", "REJECTED", "DUPLICATE", "INVALID", "EXPIRED", "FAILED"}
MAILBOX_WAIT_SECONDS = 15
PROGRESS_ATTEMPTS = 5


def _client(api: str, username: str) -> BookmarksClient:
    user = demo_user(username)
    return BookmarksClient(api, sign_in(local_config(api), user.username, user.password))


def _fail(error: ApiError) -> None:
    console.print(f"[red]The API answered {error.status}:[/red] {error.message}")
    raise typer.Exit(1)


def _template_parameters(project: Path, overrides: str, approval_timeout: int | None) -> dict[str, str]:
    """The overrides, checked against template.yaml's declarations (``--approval-timeout`` is one of them)."""
    from bookmarks_flow.local.cfn_template import load_template

    values = parse_overrides(overrides)
    if approval_timeout is not None:
        if "ApprovalTimeoutSeconds" in values:
            raise ParameterError("--approval-timeout and ApprovalTimeoutSeconds in --parameter-overrides: give one")
        values["ApprovalTimeoutSeconds"] = str(approval_timeout)
    parameter_values(load_template(project / "template.yaml").get("Parameters", {}), values)
    return values


@app.command()
def local(
    aws_port: Annotated[int, typer.Option(help="Port of the local AWS endpoint.")] = 4566,
    api_port: Annotated[int, typer.Option(help="Port of the local API.")] = 3000,
    approval_timeout: Annotated[
        int | None, typer.Option(help="Seconds a manager has to decide (ApprovalTimeoutSeconds; default 3 days).")
    ] = None,
    parameter_overrides: Annotated[
        str,
        typer.Option(help='Template parameters as `sam deploy` takes them: "Name=Value Name2=Value2".'),
    ] = "",
    project: Annotated[Path, typer.Option(help="The project folder (with template.yaml).")] = Path(),
    state_dir: Annotated[
        Path | None, typer.Option(help="Where the stack keeps its state (default: .bookmarks-local/ in the project).")
    ] = None,
    ephemeral: Annotated[bool, typer.Option(help="Keep everything in memory only: gone when the stack stops.")] = False,
    reset: Annotated[bool, typer.Option(help="Empty the state directory first (asks unless --yes).")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask before --reset.")] = False,
    iam: Annotated[bool, typer.Option(help="Authorise every AWS call against template.yaml's policies.")] = True,
) -> None:
    """Run the whole application on this machine, in the foreground, until Ctrl-C."""
    from bookmarks_flow.local.persistence.collector import after_start, pause_for_start

    pause_for_start()  # a start (imports, a restored state) makes objects that live on
    from bookmarks_flow.local.environment import IAM_OFF_WARNING
    from bookmarks_flow.local.persistence.cli_support import describe_state, open_store
    from bookmarks_flow.local.stack import LocalStack

    # The real stdout: the in-process Lambda runtime points sys.stdout at a function's log while it runs, and
    # executions resumed at start run while the banner is printed.
    console.file = sys.__stdout__ or sys.stdout
    if not iam:
        console.print(f"[bold yellow]Warning:[/bold yellow] {IAM_OFF_WARNING}")
    try:
        parameters = _template_parameters(project.resolve(), parameter_overrides, approval_timeout)
    except ParameterError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    started = time.monotonic()
    store = open_store(console, project.resolve(), state_dir, ephemeral=ephemeral, reset=reset, yes=yes)
    with console.status("Starting the local stack: provisioning template.yaml into the local AWS endpoint ..."):
        stack = LocalStack(
            project.resolve(),
            aws_port=aws_port,
            api_port=api_port,
            parameters=parameters,
            store=store,
            enforce_iam=iam,
        ).start()
    after_start()
    urls = stack.urls
    console.print(f"[green]bookmarks-flow is running[/green] (ready in {time.monotonic() - started:.1f} s)")
    console.print(f"  State        {describe_state(store)}")
    console.print(f"  API          {urls.api}")
    console.print(f"  Mailbox      {urls.mailbox}")
    console.print(f"  Console      {urls.console}")
    console.print(f"  AWS endpoint {urls.aws}   (aws --endpoint-url {urls.aws} stepfunctions list-state-machines)")
    console.print("  IAM          " + ("enforced: template.yaml's policies" if iam else "[yellow]OFF[/yellow]"))
    console.print("  Demo users   " + ", ".join(f"{u.username} / {u.password}" for u in DEMO_USERS))
    console.print("Press Ctrl-C to stop.")
    state = str(store.path) if store is not None else None
    ready = {"ready": True, "api": urls.api, "aws": urls.aws, "stateDir": state}
    print(json.dumps(ready), file=sys.__stdout__, flush=True)
    stopping = Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    try:
        stopping.wait()
    except KeyboardInterrupt:
        pass
    finally:
        console.print("Stopping ...")
        stack.stop()
        console.print("Stopped.")


@app.command()
def submit(
    url: str,
    title: Annotated[str | None, typer.Option(help="A title (the URL if omitted).")] = None,
    description: Annotated[str | None, typer.Option()] = None,
    tag: Annotated[list[str] | None, typer.Option(help="A tag; repeat for several.")] = None,
    idempotency_key: Annotated[str | None, typer.Option(help="Retry-safe key for this submission.")] = None,
    wait: Annotated[bool, typer.Option(help="Wait until validation and the duplicate check are done.")] = True,
    api: ApiOption = DEFAULT_API,
    as_user: AsOption = "alice",
) -> None:
    """Submit a link for the knowledge base."""
    client = _client(api, as_user)
    try:
        accepted = client.submit(url, title=title, description=description, tags=tag, idempotency_key=idempotency_key)
    except ApiError as error:
        _fail(error)
    bookmark_id = accepted["bookmarkId"]
    console.print(f"Submitted as bookmark [bold]{bookmark_id}[/bold]")
    if not wait:
        return
    status = accepted["status"]
    with console.status("Validating and checking for duplicates ..."):
        deadline = time.monotonic() + 30
        while status == "SUBMITTED" and time.monotonic() < deadline:
            time.sleep(0.2)
            status = client.bookmark(bookmark_id)["status"]
    console.print(f"Status: [bold]{status}[/bold]")


@app.command("import")
def import_bookmarks(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A browser export, CSV or JSON Lines.")],
    review: Annotated[bool, typer.Option(help="Send each link through the normal approval instead.")] = False,
    api: ApiOption = DEFAULT_API,
    as_user: AsOption = "maria",
) -> None:
    """Import a file of links (managers only): shows progress, then the report line by line."""
    client = _client(api, as_user)
    try:
        started = client.start_import(file.read_bytes(), review=review)
    except ApiError as error:
        _fail(error)
    import_id = started["importId"]
    console.print(f"Importing {started['links']} links ({started['format']}) as import [bold]{import_id[:12]}[/bold]")
    began = time.monotonic()
    with console.status("Starting ...") as shown:
        answer = _import_progress(client, import_id)
        while answer["status"] == "RUNNING":
            shown.update(progress_line(answer["progress"], time.monotonic() - began))
            time.sleep(0.5)
            answer = _import_progress(client, import_id)
    if answer["status"] != "SUCCEEDED":
        console.print(f"[red]The import ended {answer['status']}[/red] ({answer.get('error', '')}); run it again.")
        raise typer.Exit(1)
    for line in report_lines(answer["report"]):
        console.print(line, markup=False)


def _import_progress(client: BookmarksClient, import_id: str) -> dict[str, Any]:
    """The import's progress; a 5xx (a progress read that timed out on a busy stack) is asked again, a few
    times: the import goes on meanwhile, and the command should not end before it."""
    for attempt in range(PROGRESS_ATTEMPTS):
        try:
            return client.import_progress(import_id)
        except ApiError as error:
            if error.status < 500 or attempt == PROGRESS_ATTEMPTS - 1:
                _fail(error)
            time.sleep(2**attempt)
    raise AssertionError("unreachable")


@app.command()
def status(bookmark_id: str, api: ApiOption = DEFAULT_API, as_user: AsOption = "alice") -> None:
    """Show one bookmark with its status, decisions and audit trail (reminders, escalation, expiry)."""
    try:
        console.print_json(json.dumps(_client(api, as_user).bookmark(bookmark_id)))
    except ApiError as error:
        _fail(error)


@app.command("list")
def list_bookmarks(
    status: Annotated[str | None, typer.Option(help="APPROVED (default), PENDING_APPROVAL, REJECTED, ...")] = None,
    tag: Annotated[str | None, typer.Option()] = None,
    api: ApiOption = DEFAULT_API,
    as_user: AsOption = "alice",
) -> None:
    """List bookmarks by status, newest first."""
    try:
        page = _client(api, as_user).bookmarks(status=status, tag=tag)
    except ApiError as error:
        _fail(error)
    for line in listing_lines(page["items"]):
        typer.echo(line)


@app.command()
def token(api: ApiOption = DEFAULT_API, as_user: AsOption = "alice") -> None:
    """Print an ID token of a demo user, for the Authorization header of curl and other HTTP clients."""
    typer.echo(_client(api, as_user).id_token)


@app.command("mailbox")
def show_mailbox(
    to: Annotated[str | None, typer.Option(help="Only messages to this address.")] = None, api: ApiOption = DEFAULT_API
) -> None:
    """What SNS would have e-mailed (local stack only), newest first. With none yet, it waits a few seconds for the
    first: an approval request is e-mailed a moment after its submission shows PENDING_APPROVAL."""
    messages = mailbox(api, to)
    deadline = time.monotonic() + MAILBOX_WAIT_SECONDS
    while not messages and time.monotonic() < deadline:
        time.sleep(0.25)
        messages = mailbox(api, to)
    for message in messages:
        console.rule(f"{message['subject']}  →  {message['to']}")
        console.print(message["body"], markup=False, highlight=False, soft_wrap=True)


def _latest_approval_link(api: str) -> str:
    for message in mailbox(api):
        for link in message["links"]:
            if "/approvals/" in link:
                return str(link)
    console.print("[red]No approval request in the mailbox yet.[/red]")
    raise typer.Exit(1)


@app.command()
def decide(
    approval_link: Annotated[str | None, typer.Argument(help="The link from the e-mail (default: the newest).")] = None,
    reject: Annotated[bool, typer.Option(help="Reject instead of approving.")] = False,
    comment: Annotated[str, typer.Option()] = "",
    api: ApiOption = DEFAULT_API,
    as_user: AsOption = "maria",
) -> None:
    """Follow an approval link from the mailbox and approve (or --reject) as a manager."""
    link = approval_link or _latest_approval_link(api)
    try:
        answer: dict[str, Any] = _client(api, as_user).decide(link, "REJECTED" if reject else "APPROVED", comment)
    except ApiError as error:
        _fail(error)
    console.print(answer["message"])


@app.command()
def smoke(
    stack_name: Annotated[str, typer.Option(help="The deployed stack; its outputs say where everything is.")],
    region: Annotated[
        str | None, typer.Option(help="The stack's region (default: AWS_REGION or your profile's).")
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait at each step.")] = 60,
) -> None:
    """Take one bookmark through a deployed stack (submit, approve, notified) as throw-away users, then remove them.

    Uses the usual AWS credentials and honours AWS_ENDPOINT_URL, so it runs against the local stack too.
    """
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    from bookmarks_flow.smoke.failure import SmokeFailure
    from bookmarks_flow.smoke.journey import SmokeRun, run_smoke

    session = boto3.session.Session(region_name=region)
    if not session.region_name:
        console.print("[red]No region: pass --region or set AWS_REGION.[/red]")
        raise typer.Exit(2)
    try:
        run_smoke(session, SmokeRun(stack_name, timeout, report=console.print))
    except (SmokeFailure, ApiError, ClientError, BotoCoreError) as error:
        console.print(f"[red]Smoke test failed:[/red] {error}")
        raise typer.Exit(1) from error
    console.print("[green]Smoke test passed.[/green]")


@app.command()
def diagrams(check: Annotated[bool, typer.Option(help="Only report stale diagrams.")] = False) -> None:
    """Regenerate diagrams/ from workflows/ and template.yaml."""
    from bookmarks_flow.diagrams.generate import main

    raise typer.Exit(main(["--check"] if check else []))


@app.command()
def reindex(
    stack_name: Annotated[str, typer.Option(help="The stack (sam deploy's stack name; the local stack's).")] = (
        "bookmarks-flow"
    ),
    region: Annotated[str | None, typer.Option(help="Its region (default: your AWS configuration's).")] = None,
    endpoint_url: Annotated[
        str | None, typer.Option(help="A local stack's AWS endpoint (http://127.0.0.1:4566); leave out for AWS.")
    ] = None,
) -> None:
    """Index the approved bookmarks that search by words does not find yet (approved before the index existed)."""
    import boto3

    from bookmarks_flow.search_reindex import reindex as reindex_bookmarks
    from bookmarks_flow.web_deploy import stack_outputs
    from bookmarks_tasks.aws.bookmark_words_table import IndexWriteFailed

    local = {"aws_access_key_id": "local", "aws_secret_access_key": "local"} if endpoint_url else {}
    session = boto3.session.Session(region_name=region or ("us-east-1" if endpoint_url else None), **local)
    outputs = stack_outputs(session.client("cloudformation", endpoint_url=endpoint_url), stack_name)
    dynamodb = session.client("dynamodb", endpoint_url=endpoint_url)
    with console.status("reindexing") as status:
        try:
            bookmarks, items = reindex_bookmarks(
                dynamodb,
                outputs["BookmarksTableName"],
                outputs["BookmarkWordsTableName"],
                lambda done, written: status.update(f"{done:,} approved bookmarks, {written:,} index items written"),
            )
        except IndexWriteFailed as error:
            console.print(f"[red]{error}[/red]; run the command again: it only writes what is missing or equal")
            raise typer.Exit(1) from error
    console.print(f"Indexed {bookmarks:,} approved bookmarks ({items:,} index items)")


@app.command("deploy-web")
def deploy_web(
    stack_name: Annotated[str, typer.Option(help="The deployed stack (sam deploy's stack name).")],
    region: Annotated[str | None, typer.Option(help="Its region (default: your AWS configuration's).")] = None,
    project: Annotated[Path, typer.Option(help="The project folder (with web/).")] = Path(),
) -> None:
    """Upload web/ and a config.json written from the stack's outputs to the stack's bucket (AWS only)."""
    import boto3

    from bookmarks_flow.web_deploy import NotHosted, publish_web_app, stack_outputs

    session = boto3.session.Session(region_name=region)
    try:
        outputs = stack_outputs(session.client("cloudformation"), stack_name)
        published = publish_web_app(session.client("s3"), session.client("cloudfront"), outputs, project / "web")
    except NotHosted as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    console.print(f"Published {len(published.keys)} files; the app is at {published.url}")
