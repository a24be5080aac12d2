"""DynamoDB condition expressions parsed once per expression, names and values: moto 5.2.5 parses a Put's
ConditionExpression again each time it evaluates it, twice per Put of a TransactWriteItems (the transaction's
check, then the put's own), and a bulk import writes two conditional Puts per link (the URL claim and the
bookmark): those parses were about a twentieth of a 2,000-link import's time on this machine (py-spy).

A parsed condition (moto's ``Op`` tree) only reads the item it is evaluated against, so one parse serves every
evaluation of the same expression, attribute names and values. The parse is made from a copy of the names and
values, so a request changed later cannot change a kept condition; a condition moto refuses is refused each time
(errors are not kept). The transaction's validation of the names a request uses stays moto's own.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import moto.dynamodb.models as dynamodb_models
import moto.dynamodb.models.table as dynamodb_table
from moto.dynamodb import comparisons

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all

# Distinct conditions kept: an import's claims carry each link's bookmark id as a value, so most are used only
# by the request that carries them.
KEPT_CONDITIONS = 4096
# The modules that call comparisons.get_filter_expression by the name they imported.
CALLERS = (dynamodb_models, dynamodb_table)


@functools.lru_cache(maxsize=KEPT_CONDITIONS)
def _parsed(expression: str | None, names: str, values: str) -> Any:
    return comparisons.get_filter_expression(expression, json.loads(names), json.loads(values))


def cached_filter_expression(
    expression: str | None, names: dict[str, str] | None, values: dict[str, dict[str, Any]] | None
) -> Any:
    """What ``comparisons.get_filter_expression`` answers, parsed once for equal arguments."""
    try:
        key_names, key_values = json.dumps(names, sort_keys=True), json.dumps(values, sort_keys=True)
    except TypeError:  # a value JSON cannot hold (bytes of a binary attribute): parsed as moto parses it
        return comparisons.get_filter_expression(expression, names, values)
    return _parsed(expression, key_names, key_values)


def install() -> Undo:
    for module in CALLERS:
        if getattr(module, "get_filter_expression", None) is not comparisons.get_filter_expression:
            raise RuntimeError(f"{module.__name__} no longer calls get_filter_expression: check the adapter again")
    _parsed.cache_clear()
    return undo_all(
        [replace_attribute(module, "get_filter_expression", cached_filter_expression) for module in CALLERS]
    )
