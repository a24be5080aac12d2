"""A record of what the authoriser allowed, so that a test can tell which granted permissions a run used.

Each allowed request of a template principal appends one line to the file named by ``BOOKMARKS_IAM_JOURNAL``
(the e2e stack subprocess inherits the variable): the statement that allowed it, in template coordinates that
are the same in every stack made from the template (role logical id, policy name, statement index, the action
and resource entries that matched), then the concrete action and resource for reading.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

JOURNAL_VARIABLE = "BOOKMARKS_IAM_JOURNAL"
_lock = threading.Lock()


@dataclass(frozen=True)
class Grant:
    """One (action entry, resource entry) pair of one statement of one role's policy."""

    role: str
    policy: str
    statement: int
    action: str
    resource: str


@dataclass(frozen=True)
class Use:
    grant: Grant
    request_action: str
    request_resource: str


def record(uses: list[Use]) -> None:
    path = os.environ.get(JOURNAL_VARIABLE)
    if not path or not uses:
        return
    lines = "".join(
        json.dumps({**asdict(use.grant), "requestAction": use.request_action, "requestResource": use.request_resource})
        + "\n"
        for use in uses
    )
    with _lock, Path(path).open("a", encoding="utf-8") as stream:
        stream.write(lines)


def read(path: Path) -> set[Grant]:
    if not path.exists():
        return set()
    grants = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        grants.add(Grant(entry["role"], entry["policy"], int(entry["statement"]), entry["action"], entry["resource"]))
    return grants
