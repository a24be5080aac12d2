"""``bookmarks local``'s state options: which directory, --ephemeral, --reset (asking first)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from bookmarks_flow.local.persistence.state_dir import StateDirError, default_state_dir, reset
from bookmarks_flow.local.persistence.store import DurableStore


def open_store(
    console: Console, project_dir: Path, state_dir: Path | None, *, ephemeral: bool, reset: bool, yes: bool
) -> DurableStore | None:
    if ephemeral:
        if reset or state_dir is not None:
            console.print("[red]--ephemeral keeps no state: it cannot be combined with --state-dir or --reset.[/red]")
            raise typer.Exit(2)
        return None
    path = (state_dir or default_state_dir(project_dir)).resolve()
    if reset:
        _reset(console, path, yes)
    try:
        return DurableStore(path).open()
    except StateDirError as error:
        console.print(f"[red]{error}[/red]", markup=False, highlight=False)
        raise typer.Exit(2) from None


def _reset(console: Console, path: Path, yes: bool) -> None:
    if not yes and not typer.confirm(f"Empty {path}? Every bookmark, execution, e-mail and user in it is lost"):
        console.print("Nothing was changed.")
        raise typer.Exit(1)
    try:
        emptied = reset(path)
    except StateDirError as error:
        console.print(str(error), markup=False, highlight=False)
        raise typer.Exit(2) from None
    console.print(f"Emptied {path}." if emptied else f"{path} was already empty.")


def describe_state(store: DurableStore | None) -> str:
    if store is None:
        return "in memory only (--ephemeral): everything is gone when the stack stops"
    report = store.report
    if report.executions or report.journal_records:
        restored = (
            f"restored {report.executions} executions ({report.resumed} resumed), "
            f"{report.journal_records} journal records in {report.seconds:.1f} s"
        )
        if report.torn_tail:
            restored += "; an incomplete last journal record (a crash mid-write) was dropped"
        if report.warnings:
            restored += f"; {len(report.warnings)} warnings: " + "; ".join(report.warnings[:3])
        return f"{store.path}  ({restored})"
    return f"{store.path}  (bookmarks local --reset empties it)"
