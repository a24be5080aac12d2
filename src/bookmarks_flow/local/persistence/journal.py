"""The write-ahead journal: an append-only file of framed records, each checked on the way back in.

A record is ``length (4 bytes) | crc32 (4 bytes) | payload``. Appends go to the file with ``os.write`` as they
happen (a ``kill -9`` cannot lose what the kernel already holds), and ``sync`` makes them durable against a
power cut with one ``fsync`` shared by every writer that waits at the same time (group commit). On reading, the
first record that is short or fails its checksum ends the journal: it is the tail a crash cut off, and it was
never acknowledged, because an acknowledgement waits for its record to be written in full.
"""

from __future__ import annotations

import os
import pickle
import struct
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_HEADER = struct.Struct(">II")
MAX_RECORD_BYTES = 256 * 1024 * 1024


def frame(payload: bytes) -> bytes:
    return _HEADER.pack(len(payload), zlib.crc32(payload)) + payload


def read_records(path: Path) -> tuple[list[Any], int]:
    """The records that are whole and intact, and the offset where the good part of the file ends."""
    records: list[Any] = []
    data = path.read_bytes() if path.exists() else b""
    offset = 0
    while offset + _HEADER.size <= len(data):
        length, checksum = _HEADER.unpack_from(data, offset)
        start = offset + _HEADER.size
        payload = data[start : start + length]
        if length > MAX_RECORD_BYTES or len(payload) < length or zlib.crc32(payload) != checksum:
            break
        # The journal is this user's own file (mode 0600), written by this version (state_dir.py checks).
        records.append(pickle.loads(payload))  # noqa: S301
        offset = start + length
    return records, offset


class Journal:
    """One journal segment open for appending. Thread-safe."""

    def __init__(self, path: Path, *, fsync: bool = True) -> None:
        self.path = path
        self._fsync = fsync
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self._lock = threading.Lock()
        self._sync_lock = threading.Lock()
        self._written = os.fstat(self._fd).st_size
        self._synced = self._written
        self.records = 0

    def append(self, record: Any) -> int:
        """Writes one record; returns the offset that ``sync`` must reach for it to be durable."""
        data = frame(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
        with self._lock:
            os.write(self._fd, data)
            self._written += len(data)
            self.records += 1
            return self._written

    def sync(self, offset: int) -> None:
        """Returns once everything up to ``offset`` is on disk; concurrent callers share one fsync."""
        if not self._fsync or self._synced >= offset:
            return
        with self._sync_lock:
            if self._synced >= offset:
                return
            target = self._written
            os.fsync(self._fd)
            self._synced = target

    @property
    def size(self) -> int:
        return self._written

    def close(self) -> None:
        with self._lock:
            if self._fd >= 0:
                os.fsync(self._fd)
                os.close(self._fd)
                self._fd = -1


def iterate(paths: list[Path]) -> Iterator[Any]:
    for path in paths:
        records, _ = read_records(path)
        yield from records
