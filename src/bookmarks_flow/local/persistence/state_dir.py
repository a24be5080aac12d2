"""The state directory: where it is, which version wrote it, one stack at a time, and emptying it."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from importlib.metadata import version
from pathlib import Path

FORMAT = 1
VERSION_FILE = "VERSION.json"
LOCK_FILE = "LOCK"
DEFAULT_DIRECTORY_NAME = ".bookmarks-local"


class StateDirError(RuntimeError):
    """The state directory cannot be used as it is; the message says why and what to do."""


def default_state_dir(project_dir: Path) -> Path:
    """Inside the project (git-ignored), so that each checkout keeps its own knowledge base."""
    return project_dir / DEFAULT_DIRECTORY_NAME


def current_versions() -> dict[str, object]:
    return {"format": FORMAT, "bookmarks-flow": version("bookmarks-flow"), "moto": version("moto")}


def _describe(versions: dict[str, object]) -> str:
    project, moto, layout = (versions.get(key, "?") for key in ("bookmarks-flow", "moto", "format"))
    return f"bookmarks-flow {project} (moto {moto}, format {layout})"


def fsync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class StateDir:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock_fd = -1

    def open(self) -> StateDir:
        """Creates the directory or checks that this version can read it, and locks it for this process."""
        self.path.mkdir(parents=True, exist_ok=True)
        self._lock_fd = os.open(self.path / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._lock_fd)
            self._lock_fd = -1
            raise StateDirError(
                f"Another bookmarks local is running on {self.path}; stop it first, or use --state-dir DIR."
            ) from None
        self.check_version()
        return self

    def check_version(self) -> None:
        version_file = self.path / VERSION_FILE
        current = current_versions()
        if not version_file.exists():
            version_file.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
            fsync_directory(self.path)
            return
        try:
            written = json.loads(version_file.read_text(encoding="utf-8"))
        except ValueError:
            written = {}
        if written != current:
            raise StateDirError(
                f"The state in {self.path} was written by {_describe(written)}; this is {_describe(current)}, "
                "which cannot load it. Run `bookmarks local --reset` to empty it (everything in it is lost), "
                f"or run bookmarks-flow {written.get('bookmarks-flow', '?')} to keep using it."
            )

    def close(self) -> None:
        if self._lock_fd >= 0:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = -1


def reset(path: Path) -> bool:
    """Empties the state directory; False if there was nothing to empty."""
    if not path.exists():
        return False
    probe = StateDir(path)
    probe.path.mkdir(parents=True, exist_ok=True)
    fd = os.open(path / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StateDirError(f"A bookmarks local is running on {path}; stop it before --reset.") from None
        for child in path.iterdir():
            if child.name == LOCK_FILE:
                continue
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
    finally:
        os.close(fd)
    return True
