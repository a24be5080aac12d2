"""An import is named by its file's content: the same file gives the same import, execution and bookmark ids.

The id is the SHA-256 of the bytes uploaded. Each imported link's bookmark id is the import's id and the
line it was read from, so that an import run again (after a failure, or a restart) claims each URL with the
same bookmark id: the claim's condition (``bookmarkId = :me``) lets a run re-take its own claims, and
nothing is imported twice.
"""

from __future__ import annotations

import hashlib
import re

IMPORT_ID_PATTERN = re.compile(r"^[0-9a-f]{64}$")
_BOOKMARK_ID_HASH_CHARACTERS = 32  # 128 bits of the content hash: unique enough, and short in a URL


def import_id_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def execution_name_of(import_id: str, attempt: int = 1) -> str:
    """Execution names are at most 80 characters; a re-run after a failure is the next attempt."""
    return f"import-{import_id}" if attempt == 1 else f"import-{import_id[:56]}-{attempt}"


def imported_bookmark_id(import_id: str, line: int) -> str:
    return f"i-{import_id[:_BOOKMARK_ID_HASH_CHARACTERS]}-{line}"
