"""The one seam every Lambda adapter wraps: ``invoke`` of both of moto's Lambda backends (``lambda`` and the
Docker-free ``awslambda_simple``). Each adapter gives the code that runs around the invoke it wraps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from moto.awslambda.models import LambdaBackend
from moto.awslambda_simple.models import LambdaSimpleBackend

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all

# (backend, function name, qualifier, body, request headers, response headers) -> payload, as moto's invoke
Invoke = Callable[[Any, str, "str | None", Any, Any, Any], Any]
# The same, with the invoke it wraps first
AroundInvoke = Callable[[Invoke, Any, str, "str | None", Any, Any, Any], Any]


def wrap_invoke(around: AroundInvoke) -> Undo:
    undos: list[Undo] = []
    for backend_class in (LambdaBackend, LambdaSimpleBackend):
        original = backend_class.invoke

        def invoke(
            self: Any,
            function_name: str,
            qualifier: str | None,
            body: Any,
            headers: Any,
            response_headers: Any,
            _original: Invoke = original,
        ) -> Any:
            return around(_original, self, function_name, qualifier, body, headers, response_headers)

        undos.append(replace_attribute(backend_class, "invoke", invoke))
    return undo_all(undos)
