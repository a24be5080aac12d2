"""Parser scope per instance: moto's ASL ``Preprocessor`` keeps its stack of query-language scopes in a class
attribute (``_query_language_per_scope: list[QueryLanguage] = []``, moto 5.2.5), so every parse in the process
pushes and pops on one shared list. Two definitions parsed at once (two executions starting on stock moto, or
the submission and the import workflows resuming together) read each other's scope: a JSONPath state's
``Parameters`` are then refused ("Unsupported declaration in QueryLanguage=JSONPath block", seen in the bench),
and the execution stays RUNNING without a worker, which makes every later SendTaskSuccess fail with
AttributeError.

This gives each parse its own list, as the attribute's use (one preprocessor per definition) intends.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from moto.stepfunctions.parser.asl.parse.preprocessor import Preprocessor

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute

SHARED_ATTRIBUTE = "_query_language_per_scope"


def _own_scopes(init: Callable[..., None]) -> Callable[..., None]:
    @functools.wraps(init)
    def initialise(self: Preprocessor, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        setattr(self, SHARED_ATTRIBUTE, [])

    return initialise


def install() -> Undo:
    return replace_attribute(Preprocessor, "__init__", _own_scopes(Preprocessor.__init__))
