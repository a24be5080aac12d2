"""Benchmarks of the local stack and a cost model of the workflow on AWS (``python -m bench``).

The figures go to the terminal, to bench/results/latest.json and to docs/performance.md. Nothing here asserts a
speed: the numbers describe the machine they were measured on, which docs/performance.md names.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
