"""Validation of a whole submission collects every reason and always returns something to record."""

from __future__ import annotations

from bookmarks_tasks.domain.submission import MAX_TITLE_LENGTH, validate_submission


def submission(**fields: object) -> dict[str, object]:
    return {"submission": {"url": "https://example.com/", **fields}, "submitter": {"username": "alice"}}


def test_a_valid_submission_is_normalised() -> None:
    result = validate_submission(submission(title="  Docs ", tags=["Python", "python", "aws-lambda"]))
    assert result.valid
    assert result.bookmark.title == "Docs"
    assert result.bookmark.tags == ["python", "aws-lambda"]
    assert result.bookmark.normalized_url == "https://example.com/"


def test_every_reason_is_reported_not_only_the_first() -> None:
    result = validate_submission(submission(url="ftp://x", title="t" * (MAX_TITLE_LENGTH + 1), tags="python"))
    assert not result.valid
    assert len(result.reasons) == 3


def test_a_missing_title_defaults_to_the_url() -> None:
    assert validate_submission(submission()).bookmark.title == "https://example.com/"


def test_too_many_tags_are_refused() -> None:
    result = validate_submission(submission(tags=[f"t{n}" for n in range(11)]))
    assert result.reasons == ["at most 10 tags are allowed"]


def test_wrong_types_are_reasons_not_crashes() -> None:
    result = validate_submission({"submission": {"url": 42, "title": ["x"], "description": {}}, "submitter": "bob"})
    assert {"url must be a string", "title must be a string", "description must be a string"} <= set(result.reasons)
    assert "submitter is required" in result.reasons


def test_control_characters_in_text_are_refused() -> None:
    result = validate_submission(submission(description="line\x07bell"))
    assert result.reasons == ["description contains control characters"]


def test_an_input_that_is_not_an_object_is_invalid() -> None:
    result = validate_submission(["not", "an", "object"])
    assert "submission is required" in result.reasons
    assert result.submitter.username == "unknown"


def test_a_title_holding_a_unicode_non_character_is_invalid_since_sqs_would_refuse_its_events() -> None:
    result = validate_submission(submission(title="Docs \ufffe"))
    assert not result.valid
    assert result.reasons == ["title contains control characters"]
