"""Every parameter the handlers parse answers hostile text with a refusal, never an exception: link expiry and
signature, the page size and the page token. Hypothesis generates the text, surrogates and all."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bookmarks_tasks.domain.approval_links import LinkCheck, LinkKey, build_link, check_link
from bookmarks_tasks.domain.page_token import InvalidPageToken, decode_page_token, encode_page_token
from bookmarks_tasks.domain.query_parameters import InvalidParameter, bounded_whole_number

ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=80)
UNICODE_DIGITS = st.sampled_from(["\u00b2", "\u0663", "\u0661\u0662", "\uff11", "\u2460", "\U0001d7d9", "1\u00b2"])
KEYS = ("pk", "status", "createdAt")
POSITION = {"pk": {"S": "BOOKMARK#b1"}, "status": {"S": "APPROVED"}, "createdAt": {"S": "2026-01-01T00:00:00Z"}}
KEY = LinkKey("0f8e2c5a-4b7d-4e1f-9a3c-6d2b8e1f0a47", "s3cret")


def token_of(document: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(document).encode()).decode().rstrip("=")


@settings(max_examples=300, deadline=None)
@given(approval_id=ANY_TEXT, expires=st.one_of(ANY_TEXT, UNICODE_DIGITS), kid=ANY_TEXT, signature=ANY_TEXT)
def test_any_link_parts_are_checked_without_raising(approval_id: str, expires: str, kid: str, signature: str) -> None:
    assert check_link(approval_id, expires, kid, signature, [KEY], now=1000) is LinkCheck.TAMPERED


def test_a_non_ascii_signature_is_a_tampered_link() -> None:
    signature = "é" * 64
    assert check_link("abc", "2000", KEY.key_id, signature, [KEY], now=1000) is LinkCheck.TAMPERED


@pytest.mark.parametrize("expires", ["\u00b2", "\u0662\u0660\u0660\u0660", "\uff12\uff10\uff10\uff10"])
def test_unicode_digits_in_the_expiry_are_a_tampered_link(expires: str) -> None:
    assert check_link("abc", expires, KEY.key_id, "0" * 64, [KEY], now=1000) is LinkCheck.TAMPERED


def test_a_genuine_link_still_checks_valid() -> None:
    link = build_link("https://x.test", "abc", 2000, KEY)
    signature = link.rsplit("signature=", 1)[1]
    assert check_link("abc", "2000", KEY.key_id, signature, [KEY], now=1000) is LinkCheck.VALID


@settings(max_examples=300, deadline=None)
@given(raw=st.one_of(ANY_TEXT, UNICODE_DIGITS))
def test_a_page_size_is_plain_digits_in_range_or_a_refusal(raw: str) -> None:
    try:
        value = bounded_whole_number("limit", raw, 1, 100)
    except InvalidParameter as refused:
        assert "digits 0-9" in str(refused)  # noqa: PT017 - the refusal is the behaviour under test
        return
    assert raw.isascii()
    assert 1 <= value <= 100


@pytest.mark.parametrize("raw", ["\u00b2", "\u0663", "0", "101", "-1", "1e2", " 5"])
def test_a_page_size_out_of_range_or_in_other_digits_is_refused(raw: str) -> None:
    with pytest.raises(InvalidParameter, match="whole number from 1 to 100"):
        bounded_whole_number("limit", raw, 1, 100)


def test_an_issued_page_token_decodes_to_its_position() -> None:
    assert decode_page_token(encode_page_token(POSITION), KEYS) == POSITION


@settings(max_examples=300, deadline=None)
@given(token=ANY_TEXT)
def test_any_text_as_a_page_token_is_refused_in_words(token: str) -> None:
    with pytest.raises(InvalidPageToken, match="this page token is not valid"):
        decode_page_token(token, KEYS)


@pytest.mark.parametrize(
    "document",
    [
        {"pk": {"S": "BOOKMARK#b1"}},
        {**POSITION, "extra": {"S": "x"}},
        {**POSITION, "pk": {"N": "1"}},
        {**POSITION, "pk": {"S": ""}},
        {**POSITION, "pk": {"S": "\ud800"}},
        {**POSITION, "pk": {"S": "x", "N": "1"}},
        [POSITION],
    ],
)
def test_a_forged_page_token_is_refused(document: object) -> None:
    with pytest.raises(InvalidPageToken):
        decode_page_token(token_of(document), KEYS)
