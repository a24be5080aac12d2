"""Sessions of the local stack read AWS service models through one loader, each keeping its own region."""

from __future__ import annotations

from bookmarks_flow.local import shared_service_models


def test_two_sessions_read_service_models_through_one_loader() -> None:
    first = shared_service_models.session("us-east-1")
    second = shared_service_models.session("eu-west-1")

    assert first._session.get_component("data_loader") is second._session.get_component("data_loader")


def test_each_session_keeps_its_own_region() -> None:
    first = shared_service_models.session("us-east-1").client("sqs")
    second = shared_service_models.session("eu-west-1").client("sqs")

    assert (first.meta.region_name, second.meta.region_name) == ("us-east-1", "eu-west-1")
