"""Snapshots: the whole state at one point of the journal, written so that a crash leaves the old one whole.

The file is ``MAGIC | crc32 | payload``, written to a temporary name, fsynced, renamed over the old one and the
directory fsynced: a reader sees the old snapshot or the new one, never half of one.
"""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

from bookmarks_flow.local.persistence.state_dir import StateDirError, fsync_directory

MAGIC = b"BMSNAP1\n"
SNAPSHOT_FILE = "snapshot.bin"
_CRC = struct.Struct(">I")


def write_snapshot(directory: Path, payload: bytes) -> None:
    temporary = directory / (SNAPSHOT_FILE + ".tmp")
    with temporary.open("wb") as file:
        file.write(MAGIC + _CRC.pack(zlib.crc32(payload)) + payload)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, directory / SNAPSHOT_FILE)
    fsync_directory(directory)


def read_snapshot(directory: Path) -> bytes | None:
    path = directory / SNAPSHOT_FILE
    if not path.exists():
        return None
    data = path.read_bytes()
    header = len(MAGIC) + _CRC.size
    if data[: len(MAGIC)] != MAGIC or len(data) < header:
        raise StateDirError(f"{path} is not a snapshot of this format; run `bookmarks local --reset` to empty it.")
    (checksum,) = _CRC.unpack_from(data, len(MAGIC))
    payload = data[header:]
    if zlib.crc32(payload) != checksum:
        raise StateDirError(f"{path} is damaged (checksum); run `bookmarks local --reset` to empty it.")
    return payload
