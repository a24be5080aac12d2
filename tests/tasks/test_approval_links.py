"""Approval links are signed and expiring; any change to them is detected, and the key that signed them is named,
so that rotating the secret keeps the links of the current and previous key versions working."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from bookmarks_tasks.domain.approval_links import LinkCheck, LinkKey, build_link, check_link, sign_without_key_id

OLDEST = LinkKey("7d0c6a52-31f4-4c56-9c1e-2f8b7f3a9e01", "s3cret-oldest")
PREVIOUS = LinkKey("1e4b9f0d-8a7c-4d2e-b6f5-0c3a9d8e7f12", "s3cret-previous")
CURRENT = LinkKey("c2a8e6f4-5b3d-4f1a-8e9c-7d6b5a4f3e21", "s3cret")
TRUSTED = [CURRENT, PREVIOUS]


def parts(link: str) -> tuple[str, str, str, str]:
    url = urlsplit(link)
    query = parse_qs(url.query)
    return url.path.rsplit("/", 1)[-1], query["expires"][0], query["kid"][0], query["signature"][0]


def test_a_fresh_link_is_valid() -> None:
    approval_id, expires, kid, signature = parts(build_link("https://x.test", "abc", 2000, CURRENT))
    assert check_link(approval_id, expires, kid, signature, TRUSTED, now=1000) is LinkCheck.VALID


def test_a_link_names_the_version_of_the_key_that_signed_it() -> None:
    _, _, kid, _ = parts(build_link("https://x.test", "abc", 2000, CURRENT))
    assert kid == CURRENT.key_id


def test_a_link_signed_with_the_previous_key_is_valid() -> None:
    approval_id, expires, kid, signature = parts(build_link("https://x.test", "abc", 2000, PREVIOUS))
    assert check_link(approval_id, expires, kid, signature, TRUSTED, now=1000) is LinkCheck.VALID


def test_a_link_signed_with_a_key_two_rotations_old_is_tampered() -> None:
    approval_id, expires, kid, signature = parts(build_link("https://x.test", "abc", 2000, OLDEST))
    assert check_link(approval_id, expires, kid, signature, TRUSTED, now=1000) is LinkCheck.TAMPERED


def test_a_key_id_changed_to_another_trusted_version_breaks_the_signature() -> None:
    approval_id, expires, _, signature = parts(build_link("https://x.test", "abc", 2000, PREVIOUS))
    assert check_link(approval_id, expires, CURRENT.key_id, signature, TRUSTED, now=1000) is LinkCheck.TAMPERED


def test_a_key_id_of_an_odd_shape_is_tampered() -> None:
    approval_id, expires, _, signature = parts(build_link("https://x.test", "abc", 2000, CURRENT))
    assert check_link(approval_id, expires, "k\0id", signature, TRUSTED, now=1000) is LinkCheck.TAMPERED


def test_a_link_from_before_key_ids_is_valid_under_a_trusted_key() -> None:
    signature = sign_without_key_id("abc", 2000, PREVIOUS.secret)
    assert check_link("abc", "2000", "", signature, TRUSTED, now=1000) is LinkCheck.VALID


def test_a_link_from_before_key_ids_is_tampered_once_its_key_is_two_rotations_old() -> None:
    signature = sign_without_key_id("abc", 2000, OLDEST.secret)
    assert check_link("abc", "2000", "", signature, TRUSTED, now=1000) is LinkCheck.TAMPERED


def test_a_link_with_its_key_id_removed_is_tampered() -> None:
    """The signature covers the key id: dropping it cannot turn a new link into one of the old kind."""
    approval_id, expires, _, signature = parts(build_link("https://x.test", "abc", 2000, CURRENT))
    assert check_link(approval_id, expires, "", signature, TRUSTED, now=1000) is LinkCheck.TAMPERED


def test_a_link_past_its_expiry_is_expired() -> None:
    approval_id, expires, kid, signature = parts(build_link("https://x.test", "abc", 2000, CURRENT))
    assert check_link(approval_id, expires, kid, signature, TRUSTED, now=2000) is LinkCheck.EXPIRED


def test_an_extended_expiry_breaks_the_signature() -> None:
    approval_id, _, kid, signature = parts(build_link("https://x.test", "abc", 2000, CURRENT))
    assert check_link(approval_id, "9999999999", kid, signature, TRUSTED, now=1000) is LinkCheck.TAMPERED


def test_another_approval_id_breaks_the_signature() -> None:
    _, expires, kid, signature = parts(build_link("https://x.test", "abc", 2000, CURRENT))
    assert check_link("abd", expires, kid, signature, TRUSTED, now=1000) is LinkCheck.TAMPERED


def test_a_link_signed_with_another_secret_under_a_trusted_key_id_is_tampered() -> None:
    forged = LinkKey(CURRENT.key_id, "other")
    approval_id, expires, kid, signature = parts(build_link("https://x.test", "abc", 2000, forged))
    assert check_link(approval_id, expires, kid, signature, TRUSTED, now=1000) is LinkCheck.TAMPERED


def test_a_non_numeric_expiry_is_tampered() -> None:
    assert check_link("abc", "soon", CURRENT.key_id, "00", TRUSTED, now=1000) is LinkCheck.TAMPERED


def test_an_expiry_in_digits_int_refuses_is_tampered_not_an_error() -> None:
    assert check_link("abc", "²", CURRENT.key_id, "00", TRUSTED, now=1000) is LinkCheck.TAMPERED


def test_a_non_ascii_signature_is_tampered_not_an_error() -> None:
    approval_id, expires, kid, _ = parts(build_link("https://x", "abc", 2000, CURRENT))

    assert check_link(approval_id, expires, kid, "øçùëfú", TRUSTED, now=1000) is LinkCheck.TAMPERED
    assert check_link(approval_id, expires, kid, "\udcff", TRUSTED, now=1000) is LinkCheck.TAMPERED
