"""Each function's calls are signed with its own role's credentials while its handler runs.

On Lambda every function is a process whose environment holds its role's credentials. Here handlers run in
this process, in the thread that invoked them, while other threads (the engine, the API, a test's setup code)
keep making calls as themselves; a process-wide ``os.environ`` cannot hold both. So the credentials are set
for the invoking thread only, and botocore sessions resolve credentials from that thread's setting first: a
client built during an invocation (boto3's default session, a fresh ``boto3.session.Session()``, a client
powertools builds) is signed as the function's role. Clients built earlier keep the credentials they were
built with; the runtime keeps each function's modules, and so their cached clients, apart
(``LocalLambdaRuntime``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import botocore.session
from botocore.credentials import Credentials

from bookmarks_flow.local.iam.role_credentials import RoleCredentials
from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute

_current = threading.local()


@contextmanager
def signing_as(role: RoleCredentials) -> Iterator[None]:
    previous = getattr(_current, "credentials", None)
    _current.credentials = Credentials(role.access_key_id, role.secret_access_key, role.session_token)
    try:
        yield
    finally:
        _current.credentials = previous


def install() -> Undo:
    original = botocore.session.Session.get_credentials

    def get_credentials(self: botocore.session.Session) -> Credentials | None:
        invocation = getattr(_current, "credentials", None)
        return invocation if invocation is not None else original(self)

    return replace_attribute(botocore.session.Session, "get_credentials", get_credentials)
