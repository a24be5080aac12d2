"""Tests that need a program from the system's packages (graphviz, chromium): skipped on a laptop without it,
but a failure where the environment says it must be there (CI sets REQUIRE_GRAPHVIZ / REQUIRE_BROWSER)."""

from __future__ import annotations

import os
import shutil

import pytest


def needs_program(program: str, required_by: str, install_hint: str) -> pytest.MarkDecorator:
    missing = shutil.which(program) is None
    if missing and os.environ.get(required_by) == "1":
        raise RuntimeError(f"{program} is required here ({required_by}=1) but not installed: {install_hint}")
    return pytest.mark.skipif(missing, reason=f"{program} is not installed ({install_hint})")


needs_graphviz = needs_program("dot", "REQUIRE_GRAPHVIZ", "apt-get install graphviz")
