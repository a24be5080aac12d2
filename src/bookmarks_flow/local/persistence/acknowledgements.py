"""Acknowledgements wait for the disk: an answer that leaves the process (the API's 202 for POST /bookmarks, its
200 for a decision, the AWS endpoint's answer to the AWS CLI) leaves only once every journal record written so
far is fsynced. One fsync covers every record before it, including those of the requests made inside the
process on the way (the engine's integrations, the Lambda handlers), and concurrent answers share it.

The WSGI app returns its body before the server writes anything (the status line included), so syncing
between the two is enough.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from bookmarks_flow.local.persistence.store import DurableStore

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class DurableAnswers:
    def __init__(self, app: WsgiApp, store: DurableStore) -> None:
        self._app = app
        self._store = store

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        body = self._app(environ, start_response)
        self._store.sync()
        return body


def durable(app: WsgiApp, store: DurableStore | None) -> WsgiApp:
    return app if store is None else DurableAnswers(app, store)
