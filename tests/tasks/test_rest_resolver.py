"""The API handlers route on the whole request path: a path that ends in a newline matches no route."""

from __future__ import annotations

from typing import Any

import pytest
from aws_lambda_powertools.event_handler import APIGatewayRestResolver

from bookmarks_tasks.handlers.rest_resolver import WholePathRestResolver


def _routes(resolver: APIGatewayRestResolver) -> APIGatewayRestResolver:
    @resolver.get("/bookmarks")
    def list_bookmarks() -> dict[str, Any]:
        return {"route": "list"}

    @resolver.get("/bookmarks/<bookmark_id>")
    def read_bookmark(bookmark_id: str) -> dict[str, Any]:
        return {"route": "read", "bookmarkId": bookmark_id}

    return resolver


def _get(resolver: APIGatewayRestResolver, path: str) -> tuple[int, str]:
    """A REST API (v1) proxy event as API Gateway sends it: the path already percent-decoded."""
    event = {
        "httpMethod": "GET",
        "path": path,
        "resource": "/bookmarks/{bookmarkId}",
        "headers": {},
        "requestContext": {"stage": "Prod", "httpMethod": "GET", "path": f"/Prod{path}"},
    }
    response = resolver.resolve(event, None)  # type: ignore[arg-type]
    return response["statusCode"], response["body"]


def test_upstream_powertools_still_routes_a_path_ending_in_a_newline_to_another_route() -> None:
    """When this fails, Powertools matches whole paths itself: remove WholePathRestResolver."""
    assert _get(_routes(APIGatewayRestResolver()), "/bookmarks/\n") == (200, '{"route":"list"}')


@pytest.mark.parametrize("path", ["/bookmarks/\n", "/bookmarks/a\n", "/bookmarks\n"])
def test_a_path_ending_in_a_newline_matches_no_route(path: str) -> None:
    status, _ = _get(_routes(WholePathRestResolver()), path)
    assert status == 404


@pytest.mark.parametrize("path", ["/bookmarks", "/bookmarks/"])
def test_the_list_route_still_ignores_a_trailing_slash(path: str) -> None:
    assert _get(_routes(WholePathRestResolver()), path) == (200, '{"route":"list"}')


def test_a_bookmark_id_is_still_routed_whole() -> None:
    status, body = _get(_routes(WholePathRestResolver()), "/bookmarks/3f1c-9a.x")
    assert (status, body) == (200, '{"route":"read","bookmarkId":"3f1c-9a.x"}')
