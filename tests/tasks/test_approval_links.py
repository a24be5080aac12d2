"""Approval links are signed and expiring; any change to them is detected."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from bookmarks_tasks.domain.approval_links import LinkCheck, build_link, check_link

SECRET = "s3cret"


def parts(link: str) -> tuple[str, str, str]:
    url = urlsplit(link)
    query = parse_qs(url.query)
    return url.path.rsplit("/", 1)[-1], query["expires"][0], query["signature"][0]


def test_a_fresh_link_is_valid() -> None:
    approval_id, expires, signature = parts(build_link("https://x.test", "abc", 2000, SECRET))
    assert check_link(approval_id, expires, signature, SECRET, now=1000) is LinkCheck.VALID


def test_a_link_past_its_expiry_is_expired() -> None:
    approval_id, expires, signature = parts(build_link("https://x.test", "abc", 2000, SECRET))
    assert check_link(approval_id, expires, signature, SECRET, now=2000) is LinkCheck.EXPIRED


def test_an_extended_expiry_breaks_the_signature() -> None:
    approval_id, _, signature = parts(build_link("https://x.test", "abc", 2000, SECRET))
    assert check_link(approval_id, "9999999999", signature, SECRET, now=1000) is LinkCheck.TAMPERED


def test_another_approval_id_breaks_the_signature() -> None:
    _, expires, signature = parts(build_link("https://x.test", "abc", 2000, SECRET))
    assert check_link("abd", expires, signature, SECRET, now=1000) is LinkCheck.TAMPERED


def test_a_link_signed_with_another_secret_is_tampered() -> None:
    approval_id, expires, signature = parts(build_link("https://x.test", "abc", 2000, "other"))
    assert check_link(approval_id, expires, signature, SECRET, now=1000) is LinkCheck.TAMPERED


def test_a_non_numeric_expiry_is_tampered() -> None:
    assert check_link("abc", "soon", "00", SECRET, now=1000) is LinkCheck.TAMPERED


def test_an_expiry_in_digits_int_refuses_is_tampered_not_an_error() -> None:
    assert check_link("abc", "²", "00", SECRET, now=1000) is LinkCheck.TAMPERED


def test_a_non_ascii_signature_is_tampered_not_an_error() -> None:
    approval_id, expires, _ = parts(build_link("https://x", "abc", 2000, SECRET))

    assert check_link(approval_id, expires, "øçùëfú", SECRET, now=1000) is LinkCheck.TAMPERED
    assert check_link(approval_id, expires, "\udcff", SECRET, now=1000) is LinkCheck.TAMPERED
