"""A local environment keeping its state in a directory, for the durable store's in-process tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bookmarks_flow.local.environment import LocalEnvironment
from bookmarks_flow.local.persistence.store import DurableStore
from tests.support.stack_process import PROJECT_DIR


@contextmanager
def environment_on(
    state_dir: Path,
    *,
    crash: bool,
    store: DurableStore | None = None,
    parameters: dict[str, str] | None = None,
) -> Iterator[LocalEnvironment]:
    """A started environment keeping its state in ``state_dir``; ``crash`` leaves without a final snapshot."""
    store = store or DurableStore(state_dir).open()
    given = {"ApprovalTimeoutSeconds": "300"} if parameters is None else parameters
    environment = LocalEnvironment(PROJECT_DIR, given, store=store).start()
    try:
        store.begin(environment.stack, environment.mailbox)
        yield environment
    finally:
        store.close(final_snapshot=not crash)
        environment.stop()
