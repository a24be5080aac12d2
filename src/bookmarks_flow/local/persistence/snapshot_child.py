"""Snapshots written by a forked child: the child has a copy-on-write image of the process as it was at the
fork (taken with writers held off), pickles it and writes the file while the stack goes on serving. Writers
wait for the fork (milliseconds) instead of the pickling (seconds on 10,000 bookmarks), so the store can
snapshot often and a crash has a short journal tail to replay (Redis's BGSAVE works the same way).

The child runs only the thread that forked; it must not wait on anything another thread might have held at the
fork, which pickling and writing a file do not. It dies with the process (``PR_SET_PDEATHSIG``): a ``kill -9``
of the stack must not leave a child that renames an old snapshot over the next process's newer one. Where
that cannot be arranged (not Linux), or the fork fails, the caller snapshots in process.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
import time
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def start(write: Callable[[], None]) -> int | None:
    """Forks a child that calls ``write`` and exits; its pid, or None if no child could be started."""
    if _LIBC is None:
        return None
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid != 0:
        return pid
    code = 1
    try:
        gc.disable()  # no finalizer of the parent's objects (a socket's, a connection's) runs in the child
        if _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) == 0 and os.getppid() == parent:
            write()
            code = 0
    finally:
        os._exit(code)


def wait(pid: int, timeout: float) -> bool:
    """Whether the child wrote its snapshot within ``timeout`` (killed if not)."""
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status) == 0
        if time.monotonic() >= deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return False
        time.sleep(0.02)
