"""Checks a new execution's name and input before StartExecution, so a typo gets a precise message, not a 400."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass

MAX_INPUT_BYTES = 262_144
MAX_NAME_LENGTH = 80
_FORBIDDEN_NAME_CHARACTERS = re.compile(r"[\s<>{}\[\]?*\"#%\\^|~`$&,;:/\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class StartRequest:
    name: str
    input: str


def new_execution_name() -> str:
    """What the AWS console proposes too: a UUID, unique without thought."""
    return str(uuid.uuid4())


def validate_start(name: str, input_text: str) -> tuple[StartRequest | None, list[str]]:
    """The request to send, or the reasons it would be refused (all of them, so they can be fixed in one go)."""
    problems: list[str] = []
    name = name.strip() or new_execution_name()
    if len(name) > MAX_NAME_LENGTH:
        problems.append(f"The name is {len(name)} characters long; at most {MAX_NAME_LENGTH} are allowed.")
    forbidden = sorted(set(_FORBIDDEN_NAME_CHARACTERS.findall(name)))
    if forbidden:
        shown = " ".join("space" if character.isspace() else repr(character) for character in forbidden)
        problems.append(f"The name contains characters Step Functions does not allow: {shown}.")
    if not input_text.strip():
        problems.append("The input is empty. Enter a JSON document; {} is the empty object.")
    else:
        try:
            json.loads(input_text)
        except json.JSONDecodeError as error:
            problems.append(f"The input is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}.")
    size = len(input_text.encode())
    if size > MAX_INPUT_BYTES:
        problems.append(f"The input is {size:,} bytes; Step Functions accepts at most {MAX_INPUT_BYTES:,}.")
    return (None, problems) if problems else (StartRequest(name, input_text), [])
