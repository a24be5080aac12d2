"""Paths that match no resource of the API get API Gateway's answer to an unknown route (403, "Missing
Authentication Token"), never a redirect or a 500: an empty segment (``//``) is not merged into its neighbour."""

from __future__ import annotations

import json

import pytest

from bookmarks_flow.local.environment import LocalEnvironment
from tests.local.test_api_integration_timeout import api


@pytest.mark.parametrize("path", ["/bookmarks//a", "//bookmarks", "/bookmarks//", "/approvals//x/decision"])
def test_a_path_with_an_empty_segment_matches_no_route(environment: LocalEnvironment, path: str) -> None:
    response = api(environment, timeout=1.0).get(path)

    assert response.status_code == 403
    assert json.loads(response.get_data())["message"] == "Missing Authentication Token"
