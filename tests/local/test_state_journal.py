"""The journal and snapshots of the local stack's state directory: whatever a crash leaves behind loads."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from bookmarks_flow.local.persistence.journal import Journal, read_records
from bookmarks_flow.local.persistence.requests import RequestJournal
from bookmarks_flow.local.persistence.snapshot import SNAPSHOT_FILE, read_snapshot, write_snapshot
from bookmarks_flow.local.persistence.state_dir import StateDir, StateDirError, current_versions, reset


def test_records_come_back_in_the_order_they_were_appended(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.log")
    for number in range(100):
        journal.sync(journal.append({"n": number}))
    journal.close()

    records, end = read_records(tmp_path / "journal.log")

    assert [record["n"] for record in records] == list(range(100))
    assert end == (tmp_path / "journal.log").stat().st_size


@pytest.mark.parametrize("cut", [1, 4, 8, 12])
def test_a_record_cut_short_by_a_crash_ends_the_journal(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "journal.log"
    journal = Journal(path)
    first_end = journal.append("first")
    whole = journal.append("second")
    journal.close()
    path.write_bytes(path.read_bytes()[: whole - cut])

    records, end = read_records(path)

    assert records == ["first"]
    assert end == first_end


def test_a_record_whose_checksum_fails_ends_the_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.log"
    journal = Journal(path)
    first_end = journal.append("first")
    journal.append("second")
    journal.append("third")
    journal.close()
    data = bytearray(path.read_bytes())
    data[first_end + 10] ^= 0xFF
    path.write_bytes(bytes(data))

    records, end = read_records(path)

    assert records == ["first"]
    assert end == first_end


def test_concurrent_writers_each_find_their_record_durable(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.log")

    def write(worker: int) -> None:
        for number in range(50):
            journal.sync(journal.append((worker, number)))

    workers = [threading.Thread(target=write, args=(worker,)) for worker in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    journal.close()

    records, _ = read_records(tmp_path / "journal.log")
    assert sorted(records) == [(worker, number) for worker in range(8) for number in range(50)]


def test_a_snapshot_replaces_the_old_one_whole(tmp_path: Path) -> None:
    write_snapshot(tmp_path, b"old")
    (tmp_path / (SNAPSHOT_FILE + ".tmp")).write_bytes(b"half of a new one, then a crash")

    assert read_snapshot(tmp_path) == b"old"
    write_snapshot(tmp_path, b"new")
    assert read_snapshot(tmp_path) == b"new"


def test_a_damaged_snapshot_is_refused_with_what_to_do(tmp_path: Path) -> None:
    write_snapshot(tmp_path, b"payload")
    data = bytearray((tmp_path / SNAPSHOT_FILE).read_bytes())
    data[-1] ^= 0xFF
    (tmp_path / SNAPSHOT_FILE).write_bytes(bytes(data))

    with pytest.raises(StateDirError, match="--reset"):
        read_snapshot(tmp_path)


def test_a_state_directory_written_by_another_version_is_refused_naming_both(tmp_path: Path) -> None:
    (tmp_path / "VERSION.json").write_text(json.dumps({**current_versions(), "bookmarks-flow": "9.9.9"}))

    with pytest.raises(StateDirError) as refused:
        StateDir(tmp_path).open()

    message = str(refused.value)
    assert "bookmarks-flow 9.9.9" in message
    assert f"this is bookmarks-flow {current_versions()['bookmarks-flow']}" in message
    assert "--reset" in message


def test_two_stacks_cannot_share_a_state_directory(tmp_path: Path) -> None:
    first = StateDir(tmp_path).open()
    try:
        with pytest.raises(StateDirError, match="Another bookmarks local"):
            StateDir(tmp_path).open()
    finally:
        first.close()


def test_reset_empties_the_directory_but_not_while_a_stack_runs(tmp_path: Path) -> None:
    running = StateDir(tmp_path).open()
    write_snapshot(tmp_path, b"state")
    with pytest.raises(StateDirError, match="running"):
        reset(tmp_path)
    running.close()

    assert reset(tmp_path)
    assert read_snapshot(tmp_path) is None


class _Request:
    method = "POST"
    headers: dict[str, str] = {}
    form: dict[str, str] = {}


class _PutItem:
    """What RequestJournal reads of a moto response: its service (module), action, request and body."""

    __module__ = "moto.dynamodb.responses"
    uri = "http://localhost/"
    raw_body = b"{}"
    normalized_request = _Request()

    def _get_action(self) -> str:
        return "PutItem"


def test_a_request_that_waits_out_a_snapshot_is_journaled_in_the_new_segment(tmp_path: Path) -> None:
    requests = RequestJournal()
    old = requests.journal = Journal(tmp_path / "old.log")
    new = Journal(tmp_path / "new.log")
    answered: list[Any] = []
    with requests.write_lock:  # a snapshot holds the lock while it starts the next segment
        request: Any = _PutItem()
        writer = threading.Thread(
            target=lambda: answered.append(requests.call_action(lambda _response: (200, {}, ""), request))
        )
        writer.start()
        time.sleep(0.2)  # the request has looked at the journal and waits for the lock
        requests.journal = new
        old.close()
    writer.join(5)

    assert answered == [(200, {}, "")]
    assert [record.seq for record in read_records(tmp_path / "new.log")[0]] == [1]
    assert read_records(tmp_path / "old.log")[0] == []
