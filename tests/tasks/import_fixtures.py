"""The import fixture files: exports made the way each browser writes them (tests/fixtures/imports/)."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()
