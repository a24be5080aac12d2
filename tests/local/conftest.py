"""Fixtures for the adapter tests: a Step Functions client on moto's engine, and adapters removed afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from bookmarks_flow.local.environment import MOTO_CONFIG, _import_engine_modules
from bookmarks_flow.local.moto_adapters.patching import Undo


@pytest.fixture
def sfn() -> Iterator[Any]:
    with mock_aws(config=MOTO_CONFIG):
        _import_engine_modules()
        yield boto3.client("stepfunctions", region_name="us-east-1")


@pytest.fixture
def adapter() -> Iterator[Callable[[Undo], None]]:
    undos: list[Undo] = []
    yield undos.append
    for undo in reversed(undos):
        undo()
