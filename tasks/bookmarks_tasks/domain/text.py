"""Text rules shared by every free-text field a person types (titles, comments): no control characters, but
tabs and line breaks are allowed."""

from __future__ import annotations

import re

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
