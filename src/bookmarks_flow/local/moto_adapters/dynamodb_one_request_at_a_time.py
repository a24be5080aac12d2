"""DynamoDB requests run one at a time, so a conditional write is atomic as it is on AWS.

DynamoDB evaluates a ConditionExpression and applies the write as one step: of two concurrent
``PutItem ... attribute_not_exists(pk)`` on one key, exactly one succeeds and the other gets
ConditionalCheckFailedException ("DynamoDB condition expressions ... the write succeeds only if the condition
is met", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html).
moto checks the condition and stores the item in two steps with no lock, so two threads can both pass the check:
the URL claim that keeps one bookmark per URL then lets two through (seen in CI, about 1 race in 150 here).
Reads iterate the same dictionaries that writes change, so they are held off too.

The lock is taken inside moto's request handling (around each action method of ``DynamoHandler``), below the
durable store's journal lock, and DynamoDB calls nothing else while holding it, so the two cannot deadlock.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

import botocore.session
from botocore import xform_name
from moto.dynamodb.responses import DynamoHandler

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all


def _action_method_names() -> list[str]:
    """DynamoHandler's methods that serve an operation of the DynamoDB API (moto calls them by this name)."""
    model = botocore.session.get_session().get_service_model("dynamodb")
    return [name for name in map(xform_name, model.operation_names) if callable(getattr(DynamoHandler, name, None))]


def _one_at_a_time(method: Callable[..., Any], lock: threading.RLock) -> Callable[..., Any]:
    @functools.wraps(method)
    def alone(self: DynamoHandler, *args: Any, **kwargs: Any) -> Any:
        with lock:
            return method(self, *args, **kwargs)

    return alone


def install() -> Undo:
    lock = threading.RLock()
    return undo_all(
        [
            replace_attribute(DynamoHandler, name, _one_at_a_time(getattr(DynamoHandler, name), lock))
            for name in _action_method_names()
        ]
    )
