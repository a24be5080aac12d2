"""Whatever a submitter types, validation answers valid or invalid-with-reasons, never raises, and what it
returns can be stored in DynamoDB, published to SNS and passed between states: valid UTF-8, within limits.

Hypothesis generates the text: every Unicode code point including lone surrogates (JSON's ``\\ud800``
reaches the handler as one), URL-shaped text built from hostile parts, and values of the wrong type.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bookmarks_tasks.domain.submission import (
    MAX_DESCRIPTION_LENGTH,
    MAX_EMAIL_LENGTH,
    MAX_TAGS,
    MAX_TITLE_LENGTH,
    MAX_USERNAME_LENGTH,
    TAG_PATTERN,
    validate_submission,
)
from bookmarks_tasks.domain.url_credentials import has_userinfo
from bookmarks_tasks.domain.url_normalisation import (
    CLAIM_KEY_PREFIX,
    MAX_CLAIM_KEY_BYTES,
    MAX_URL_LENGTH,
    InvalidUrl,
    normalise_url,
)
from bookmarks_tasks.domain.validation_state_result import validation_state_result

# Every code point, surrogates included (hypothesis leaves them out unless asked).
ANY_CHARACTER = st.characters(exclude_categories=())
ANY_TEXT = st.text(ANY_CHARACTER, max_size=300)
URL_PIECES = st.sampled_from(
    [
        "http://",
        "https://",
        "HTTP://",
        "//",
        "[",
        "]",
        "::1",
        "@",
        ":",
        "user:pw@",
        "%",
        "%zz",
        "?",
        "#",
        "/",
        ".",
        "xn--",
        "example.com",
        "\u202e",
        "\ud800",
        "\u0000",
        " ",
        "\u00b2",
        "\u0663",
        "&",
        "=",
        "utm_source=x",
        "\\",
    ]
)
URL_TEXT = st.one_of(
    ANY_TEXT,
    st.lists(st.one_of(URL_PIECES, ANY_TEXT), max_size=12).map("".join),
    st.tuples(st.sampled_from(["http://", "https://"]), st.lists(st.one_of(URL_PIECES, ANY_TEXT), max_size=8)).map(
        lambda parts: parts[0] + "".join(parts[1])
    ),
)
JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), ANY_TEXT)
ANY_VALUE = st.recursive(
    JSON_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(ANY_TEXT, inner, max_size=4))
)
FIELD = st.one_of(ANY_TEXT, ANY_VALUE)
SUBMISSION = st.fixed_dictionaries(
    {},
    optional={
        "url": st.one_of(URL_TEXT, ANY_VALUE),
        "title": FIELD,
        "description": st.one_of(FIELD, st.text(ANY_CHARACTER, min_size=1900, max_size=2200)),
        "tags": st.one_of(st.lists(st.one_of(ANY_TEXT, ANY_VALUE), max_size=40), ANY_VALUE),
    },
)
SUBMITTER = st.one_of(ANY_VALUE, st.fixed_dictionaries({}, optional={"username": FIELD, "email": FIELD}))
EXECUTION_INPUT = st.one_of(
    ANY_VALUE,
    st.fixed_dictionaries({}, optional={"submission": st.one_of(SUBMISSION, ANY_VALUE), "submitter": SUBMITTER}),
)
HOSTILE = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# What Step Functions passes between states (256 KiB); the record is far smaller than DynamoDB's 400 KB item.
MAX_STATE_PAYLOAD_BYTES = 256 * 1024
MAX_REASONS_CHARACTERS = 4000


def strings_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (*strings_in(key), *strings_in(item))]
    if isinstance(value, list):
        return [text for item in value for text in strings_in(item)]
    return []


def normalised_or_reason(url: str) -> str | InvalidUrl:
    try:
        return normalise_url(url)
    except InvalidUrl as refused:
        return refused


@HOSTILE
@given(url=URL_TEXT)
def test_normalising_any_text_returns_a_storable_url_or_a_reason(url: str) -> None:
    normalised = normalised_or_reason(url)
    if isinstance(normalised, InvalidUrl):
        assert normalised.reason
        return
    assert len((CLAIM_KEY_PREFIX + normalised).encode("utf-8")) <= MAX_CLAIM_KEY_BYTES
    assert normalised.startswith(("http://", "https://"))
    assert not has_userinfo(normalised)


@HOSTILE
@given(execution_input=EXECUTION_INPUT)
def test_validating_any_input_never_raises_and_its_result_is_storable(execution_input: Any) -> None:
    result = validation_state_result(validate_submission(execution_input))

    document = json.dumps(result, ensure_ascii=False).encode("utf-8")  # raises on a lone surrogate
    assert len(document) <= MAX_STATE_PAYLOAD_BYTES
    for text in strings_in(result):
        text.encode("utf-8")
    bookmark, submitter = result["bookmark"], result["submitter"]
    assert len(bookmark["url"]) <= MAX_URL_LENGTH
    assert len(bookmark["title"]) <= max(MAX_TITLE_LENGTH, MAX_URL_LENGTH)
    assert len(bookmark["description"]) <= MAX_DESCRIPTION_LENGTH
    assert len(bookmark["tags"]) <= MAX_TAGS
    assert all(TAG_PATTERN.match(tag) for tag in bookmark["tags"])
    assert 0 < len(submitter["username"]) <= MAX_USERNAME_LENGTH
    assert len(submitter["email"]) <= MAX_EMAIL_LENGTH
    assert len(result["reasonsText"]) <= MAX_REASONS_CHARACTERS
    assert result["valid"] == (result["reasons"] == [])
    if result["valid"]:
        assert bookmark["normalizedUrl"]
        assert len((CLAIM_KEY_PREFIX + bookmark["normalizedUrl"]).encode("utf-8")) <= MAX_CLAIM_KEY_BYTES


@HOSTILE
@given(
    scheme=st.sampled_from(["http", "https", "HTTPS", "ftp"]),
    slashes=st.sampled_from(["//", "/", "\\\\", "///"]),
    user=st.text(ANY_CHARACTER.filter(lambda c: c not in "/?#\\@"), max_size=20),
    password=st.text(ANY_CHARACTER.filter(lambda c: c not in "/?#\\@"), min_size=1, max_size=20),
    rest=st.text(ANY_CHARACTER, max_size=40),
)
def test_credentials_in_a_url_are_never_recorded(
    scheme: str, slashes: str, user: str, password: str, rest: str
) -> None:
    secret = f"{user}:{password}"
    url = f"{scheme}:{slashes}{secret}@example.com/{rest}"

    result = validation_state_result(
        validate_submission({"submission": {"url": url}, "submitter": {"username": "alice"}})
    )

    assert not result["valid"]
    assert not has_userinfo(result["bookmark"]["url"])
    assert f"{secret}@" not in json.dumps(result, ensure_ascii=False)


def test_a_broken_ipv6_host_is_invalid_with_a_reason() -> None:
    for url in ("http://[::1/", "http://[zzzz]/", "https://[::1]x/", "http://[v1.x]/", "http://[::1%25eth0]/"):
        result = validate_submission({"submission": {"url": url}, "submitter": {"username": "alice"}})
        assert any(reason.startswith("url: the URL's host cannot be read") for reason in result.reasons), url


def test_a_lone_surrogate_in_the_title_is_invalid_and_not_stored() -> None:
    result = validate_submission(
        {"submission": {"url": "https://example.com/", "title": "ok \ud800 ok"}, "submitter": {"username": "alice"}}
    )
    assert result.reasons == ["title contains characters that are not valid Unicode text"]
    assert result.bookmark.title == "ok  ok"


def test_thousands_of_bad_tags_give_a_bounded_reason() -> None:
    result = validate_submission(
        {"submission": {"url": "https://example.com/", "tags": ["!"] * 5000}, "submitter": {"username": "alice"}}
    )
    assert len(result.reasons) == 4
    assert result.reasons[-1] == "4997 more tags are not valid either"
