"""How deeply a JSON text nests, counted without recursion (a parser that recurses dies on 100,000 levels).

The limit is Jackson's default (StreamReadConstraints, 1,000 levels), the JSON parser of API Gateway's Java
stack; this API's own bodies nest three levels.
"""

from __future__ import annotations

MAX_NESTING_DEPTH = 1000
_OPENERS = frozenset("[{")
_CLOSERS = frozenset("]}")


def nesting_depth(text: str) -> int:
    depth = deepest = 0
    in_string = escaped = False
    for character in text:
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        elif character in _CLOSERS:
            depth -= 1
    return deepest
