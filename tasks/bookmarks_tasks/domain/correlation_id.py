"""The correlation id of a submission: the API Gateway request id of the POST /bookmarks that started its
execution (the execution input's ``correlationId``), so that one id finds the submission's lines in the API's
access log, the execution and every function's log.

An execution started another way (the console, a test, an operator's StartExecution) may have none, or any
text: then the execution name (the bookmark id) stands in, so that every line still carries one id.
"""

from __future__ import annotations

import re
from typing import Any

# API Gateway request ids are UUIDs; anything of another shape is not written into log lines.
_SHAPE = re.compile(r"[A-Za-z0-9._:-]{1,128}", re.ASCII)


def correlation_id_of(execution_input: Any, bookmark_id: str) -> str:
    given = execution_input.get("correlationId") if isinstance(execution_input, dict) else None
    return given if isinstance(given, str) and _SHAPE.fullmatch(given) else bookmark_id
