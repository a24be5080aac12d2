"""The durable store of the local stack: snapshot + write-ahead journal of acknowledged changes.

- Every state-changing AWS request the local endpoint acknowledges, and everything an execution does (start,
  history events, task tokens, outcomes sent, end), is a journal record, written before the answer leaves and
  fsynced (group commit) before an acknowledgement leaves (requests.py, engine_hooks.py).
- Every ``snapshot_every`` records (or ``SNAPSHOT_EVERY_REQUESTS`` AWS requests, the records that are slow to
  replay), and at a clean stop, the backends (pickled), the executions (as records), the mailbox and the
  provisioned stack are written as one snapshot, and the journal starts a new segment. While the stack runs, a
  forked child writes it (snapshot_child.py).
- On start: the snapshot is loaded, the journal segments after it are replayed (a torn last record is where the
  journal ends), finished executions come back as they were and running ones go on (resume_plan.py).
- Running executions come back pending (as the AWS CLI sees them, without a thread) and are resumed after the
  stack is ready, one at a time in a background thread (those with work to do first, then those only waiting at
  a callback, oldest first, whose timeouts end first); anything that reaches one first (its task token,
  StopExecution) resumes it on the spot and waits until it is back at its callback (restored_executions.py). A
  store told not to (``resume_in_background=False``, for tests) leaves them pending until then.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moto.backends import get_backend
from moto.core.base_backend import BackendDict
from moto.stepfunctions.parser.backend.execution import Execution
from moto.stepfunctions.parser.models import stepfunctions_parser_backends

from bookmarks_flow.local.mailbox import Mailbox
from bookmarks_flow.local.moto_adapters.patching import Undo
from bookmarks_flow.local.persistence import engine_hooks, pickling, requests, snapshot_child
from bookmarks_flow.local.persistence.collector import collector_paused
from bookmarks_flow.local.persistence.journal import Journal, read_records
from bookmarks_flow.local.persistence.records import Executions
from bookmarks_flow.local.persistence.restored_executions import RestoredExecution, restore_execution, resume
from bookmarks_flow.local.persistence.resume_plan import CATCH_UP_SECONDS
from bookmarks_flow.local.persistence.snapshot import read_snapshot, write_snapshot
from bookmarks_flow.local.persistence.state_dir import StateDir, current_versions, fsync_directory
from bookmarks_flow.local.provisioner import ProvisionedStack

SERVICES = (
    "dynamodb",
    "sqs",
    "sns",
    "cognito-idp",
    "secretsmanager",
    "logs",
    "iam",
    "lambda",
    "apigateway",
    "sts",
    "events",
    "cloudwatch",
    "s3",
)  # not cloudformation: the stack's registration is made again at each start, with the API's address
STEPFUNCTIONS = "stepfunctions"
# A crash replays at most this many records, of which at most this many AWS requests (5 to 6 ms each to replay,
# an execution's records a few hundredths of a ms; 400 requests, about 2 s, cost about what a snapshot of
# 10,000 bookmarks costs to write). A forked child writes the snapshot (snapshot_child.py): writers wait only
# for the fork.
SNAPSHOT_EVERY_RECORDS = 4_000
SNAPSHOT_EVERY_REQUESTS = 400
SNAPSHOT_CHILD_SECONDS = 300.0
SNAPSHOT_IDLE_SECONDS = 60.0  # and a journal with anything in it is folded into a snapshot at least this often
_log = logging.getLogger(__name__)


def _segment_name(number: int) -> str:
    return f"journal-{number:08d}.log"


def _segments(directory: Path) -> list[tuple[int, Path]]:
    found = []
    for path in directory.glob("journal-*.log"):
        try:
            found.append((int(path.stem.split("-")[1]), path))
        except ValueError:
            continue
    return sorted(found)


def _backend_dicts() -> dict[str, Any]:
    backends = {name: get_backend(name) for name in SERVICES}  # type: ignore[call-overload]
    backends[STEPFUNCTIONS] = stepfunctions_parser_backends
    return backends


def _execution_id(obj: Any) -> Any:
    return ("execution", obj.exec_arn) if isinstance(obj, Execution) else None


def _resume_order(executions: list[RestoredExecution]) -> list[RestoredExecution]:
    """Those with work to do first; then those only waiting, the longest waiting first (their timeouts end
    first, and one that ended while the stack was down times out as soon as it is resumed)."""
    far_future = datetime.datetime.max.replace(tzinfo=datetime.UTC)

    def key(execution: RestoredExecution) -> tuple[bool, datetime.datetime]:
        plan = execution.resume_plan
        if plan is None:
            return False, far_future
        return plan.only_waits, plan.scheduled_at or far_future

    return sorted(executions, key=key)


@dataclass
class RestoreReport:
    snapshot_records: int = 0
    journal_records: int = 0
    torn_tail: bool = False
    executions: int = 0
    resumed: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


class DurableStore:
    def __init__(
        self,
        path: Path,
        *,
        fsync: bool = True,
        snapshot_every: int = SNAPSHOT_EVERY_RECORDS,
        resume_in_background: bool = True,
    ) -> None:
        """``resume_in_background=False`` leaves running executions pending until something reaches them."""
        self.path = path
        self.resume_in_background = resume_in_background
        self.fsync = fsync
        self.snapshot_every = snapshot_every
        self.state_dir = StateDir(path)
        self.executions = Executions()
        self.requests = requests.RequestJournal()
        self.report = RestoreReport()
        self._lock = threading.RLock()
        self._journal: Journal | None = None
        self._segment = 0
        self._undos: list[Undo] = []
        self._stack: ProvisionedStack | None = None
        self._mailbox: Mailbox | None = None
        self._restored: list[RestoredExecution] = []
        self._pending: set[RestoredExecution] = set()
        self._taken: set[RestoredExecution] = set()  # resumed, or being resumed, by whoever asked first
        self._pending_lock = threading.Lock()
        self._resumer: threading.Thread | None = None
        self._stopping = threading.Event()
        self._snapshotter: threading.Thread | None = None
        self._snapshot_lock = threading.Lock()
        self.parameters: dict[str, str] = {}
        self.template: dict[str, Any] = {}  # translated (SAM transform): a restart need not translate it again

    # ------------------------------------------------------------------ start
    def open(self) -> DurableStore:
        self.state_dir.open()
        return self

    def has_state(self) -> bool:
        return (self.path / "snapshot.bin").exists()

    def restore(self, mailbox: Mailbox, parameters: dict[str, str]) -> ProvisionedStack:
        """Loads the snapshot and replays the journal after it (moto must be started, the hooks not yet)."""
        with collector_paused():
            return self._restore(mailbox, parameters)

    def _restore(self, mailbox: Mailbox, parameters: dict[str, str]) -> ProvisionedStack:
        started = time.monotonic()
        payload = read_snapshot(self.path)
        assert payload is not None
        state = pickling.loads(payload, lambda pid: None)
        self.executions = state["executions"]
        self._segment = int(state["next_segment"])
        self.requests.set_sequence(int(state["request_seq"]))
        live = _backend_dicts()
        for name, loaded in state["backends"].items():
            live[name].clear()
            live[name].update(loaded)
            # moto resets (mock_aws().stop()) only the backend dicts it saw create an account.
            if live[name] not in BackendDict._instances:
                BackendDict._instances.append(live[name])
        mailbox.replace(state["mailbox"])
        for number, path in _segments(self.path):
            if number < self._segment:
                continue
            records, good_end = read_records(path)
            if good_end < path.stat().st_size:
                self.report.torn_tail = True
                with path.open("r+b") as torn:
                    torn.truncate(good_end)
            for record in records:
                self._replay(record)
            self.report.journal_records += len(records)
            self._segment = number + 1
        self._rebuild_executions()
        self._stack = state["stack"]
        kept: dict[str, str] = state.get("parameters", parameters)
        # Only what was given and differs is worth a word: a parameter left out keeps its provisioned value.
        differing = {name: value for name, value in parameters.items() if kept.get(name) != value}
        if differing:
            self.report.warnings.append(
                f"the stack was provisioned with {kept} and keeps them (now given: {differing}); "
                "--reset to provision it again"
            )
        self.parameters = kept
        self.template = state.get("template", {})  # a state written before it was kept: translated on demand
        self.report.seconds = time.monotonic() - started
        return state["stack"]  # type: ignore[no-any-return]

    def _replay(self, record: Any) -> None:
        if isinstance(record, requests.RequestRecord):
            status = requests.replay(record)
            if status >= 300:  # it succeeded the first time: the state it met differs (should never happen)
                self.report.warnings.append(f"replaying request {record.seq} answered {status}")
            self.requests.set_sequence(max(self.requests.sequence, record.seq))
        else:
            self.executions.apply(record)

    def _rebuild_executions(self) -> None:
        machines: dict[str, Any] = {}
        for account in stepfunctions_parser_backends.values():
            for backend in account.values():
                for machine in backend.state_machines:
                    machine.executions = []
                    machines[machine.arn] = machine
        for record in self.executions.by_arn.values():
            machine = machines.get(record.started.state_machine_arn)
            if machine is None:
                self.report.warnings.append(f"execution {record.started.arn}: its state machine is gone")
                continue
            execution = restore_execution(record, machine, self.executions.outcomes)
            machine.executions.append(execution)
            if record.ended is None:
                execution.resumer = self.ensure_resumed
                self._restored.append(execution)
        self.report.executions = len(self.executions.by_arn)

    def begin(self, stack: ProvisionedStack, mailbox: Mailbox) -> None:
        """Journals from now on; a fresh directory gets its first snapshot; running executions go on."""
        self._stack = stack
        self._mailbox = mailbox
        fresh = not self.has_state()
        self._open_segment(self._segment if self._segment else 1)
        self._undos = [requests.install(self.requests), engine_hooks.install(self.record)]
        if fresh:
            self.snapshot()
        self.report.resumed = len(self._restored)
        with self._pending_lock:
            self._pending = set(self._restored)
        if self.resume_in_background:
            self._resumer = threading.Thread(
                target=self._resume_in_background, args=(_resume_order(self._restored),), name="resume", daemon=True
            )
            self._resumer.start()
        self._restored = []
        self._snapshotter = threading.Thread(target=self._snapshot_when_due, name="state-snapshots", daemon=True)
        self._snapshotter.start()

    def _resume_in_background(self, executions: list[RestoredExecution]) -> None:
        """After ready, one at a time, each back at its callback before the next: the API answers meanwhile, and
        whatever reaches a pending one first resumes it on the spot (``ensure_resumed``)."""
        for execution in executions:
            if self._stopping.is_set():
                return
            try:
                self.ensure_resumed(execution)
            except Exception:  # noqa: BLE001 - one that cannot resume must not hold back the others
                _log.exception("execution %s could not be resumed", execution.exec_arn)

    def wait_until_resumed(self, timeout: float) -> bool:
        """Whether the background resume has brought back every running execution within ``timeout``."""
        if self._resumer is not None:
            self._resumer.join(timeout)
            return not self._resumer.is_alive()
        return True

    def ensure_resumed(self, execution: RestoredExecution) -> None:
        """Resumes a pending execution (once, whoever asks first) and waits until it is back where it was, also
        when another thread (the background resume) took it first and is still starting it; once the store is
        closed, a pending execution stays as it is (its records are on disk)."""
        with self._pending_lock:
            start = execution in self._pending and not self._stopping.is_set()
            if start:
                self._pending.discard(execution)
                self._taken.add(execution)
            taken = execution in self._taken
        if start:
            resume(execution)
        plan = execution.resume_plan
        if taken and plan is not None:
            plan.caught_up.wait(CATCH_UP_SECONDS)

    def _open_segment(self, number: int) -> None:
        self._segment = number
        self._journal = Journal(self.path / _segment_name(number), fsync=self.fsync)
        fsync_directory(self.path)
        self.requests.journal = self._journal
        self.requests.appended = 0

    # ------------------------------------------------------------------ journal
    def record(self, record: Any) -> None:
        with self._lock:
            self.executions.apply(record)
            journal = self._journal
            if journal is not None:
                journal.append(record)

    def sync(self) -> None:
        """Returns once every record written so far is on disk (an acknowledgement is about to leave)."""
        journal = self._journal
        if journal is not None:
            journal.sync(journal.size)

    # ------------------------------------------------------------------ snapshots
    def _state(self) -> dict[str, Any]:
        return {
            "versions": current_versions(),
            "taken_at": datetime.datetime.now(datetime.UTC),
            "backends": {name: dict(value) for name, value in _backend_dicts().items()},
            "executions": self.executions,
            "mailbox": self._mailbox.messages() if self._mailbox else [],
            "stack": self._stack,
            "parameters": self.parameters,
            "template": self.template,
            "next_segment": self._segment + 1,
            "request_seq": self.requests.sequence,
        }

    def snapshot(self, *, in_child: bool = False) -> bool:
        """Writes a snapshot and starts a new journal segment; whether it was written. ``in_child``: a forked
        child pickles and writes it (snapshot_child.py), so writers are held off only for the fork."""
        with self._snapshot_lock:
            payload: bytes | None = None
            child: int | None = None
            with self.requests.write_lock, self._lock:
                state = self._state()
                if in_child:
                    child = snapshot_child.start(
                        lambda: write_snapshot(self.path, pickling.dumps(state, _execution_id))
                    )
                if child is None:
                    payload = pickling.dumps(state, _execution_id)
                old = self._journal
                self._open_segment(self._segment + 1)
            if old is not None:
                old.close()
            if child is not None:
                written = snapshot_child.wait(child, SNAPSHOT_CHILD_SECONDS)
            else:
                assert payload is not None
                write_snapshot(self.path, payload)
                written = True
            if written:  # else the segments since the last snapshot stay, and replay
                for number, path in _segments(self.path):
                    if number < self._segment:
                        path.unlink(missing_ok=True)
            return written

    def _snapshot_when_due(self) -> None:
        last = time.monotonic()
        while not self._stopping.wait(1.0):
            journal = self._journal
            if journal is None or journal.records == 0:
                continue
            due = journal.records >= self.snapshot_every or self.requests.appended >= SNAPSHOT_EVERY_REQUESTS
            if due or time.monotonic() - last >= SNAPSHOT_IDLE_SECONDS:
                self.snapshot(in_child=True)
                last = time.monotonic()

    # ------------------------------------------------------------------ stop
    def close(self, *, final_snapshot: bool = True) -> None:
        self._stopping.set()
        if self._resumer is not None:
            self._resumer.join(timeout=CATCH_UP_SECONDS + 5)
        if self._snapshotter is not None:
            self._snapshotter.join(timeout=30)
        if final_snapshot and self._journal is not None:
            self.snapshot()
        for undo in reversed(self._undos):
            undo()
        self._undos = []
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        self.requests.journal = None
        self.state_dir.close()
