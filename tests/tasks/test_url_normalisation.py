"""The normalisation rules that duplicate detection keys on (see the module docstring)."""

from __future__ import annotations

import pytest

from bookmarks_tasks.domain.url_normalisation import InvalidUrl, normalise_url


def test_the_scheme_and_host_are_lower_cased() -> None:
    assert normalise_url("HTTPS://Example.COM/Path") == "https://example.com/Path"


def test_the_default_port_is_dropped_and_another_port_is_kept() -> None:
    assert normalise_url("http://example.com:80/a") == "http://example.com/a"
    assert normalise_url("https://example.com:443/a") == "https://example.com/a"
    assert normalise_url("https://example.com:8443/a") == "https://example.com:8443/a"


def test_an_internationalised_host_becomes_punycode() -> None:
    assert normalise_url("https://bücher.example/") == "https://xn--bcher-kva.example/"


def test_tracking_parameters_are_removed_and_the_rest_sorted() -> None:
    url = "https://example.com/a?utm_source=x&z=1&fbclid=abc&b=2&UTM_Medium=y"
    assert normalise_url(url) == "https://example.com/a?b=2&z=1"


def test_the_fragment_is_dropped() -> None:
    assert normalise_url("https://example.com/a#section") == "https://example.com/a"


def test_an_empty_path_becomes_a_slash_and_other_trailing_slashes_are_kept() -> None:
    assert normalise_url("https://example.com") == "https://example.com/"
    assert normalise_url("https://example.com/a/") == "https://example.com/a/"
    assert normalise_url("https://example.com/a") == "https://example.com/a"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("https://user:pw@example.com/", "user name or password"),
        ("https:///path", "no host"),
        ("https://example.com/\x00", "control characters"),
        ("https://example.com:99999/", "port"),
        ("https://" + "a" * 2100 + ".com/", "longer than"),
        ("   ", "empty"),
    ],
)
def test_an_unacceptable_url_is_rejected_with_a_reason(url: str, reason: str) -> None:
    with pytest.raises(InvalidUrl) as raised:
        normalise_url(url)
    assert reason in raised.value.reason
