"""The result of the state "Validate Submission", as the workflow reads it."""

from __future__ import annotations

from typing import Any

from bookmarks_tasks.domain.bookmark_search import indexed_words
from bookmarks_tasks.domain.submission import ValidationResult


def validation_state_result(result: ValidationResult) -> dict[str, Any]:
    """``tagsAttribute`` is the tags as a DynamoDB list, ready for the direct integration; ``searchWords`` are
    the words the bookmark is indexed by when it is approved."""
    bookmark = result.bookmark
    return {
        "valid": result.valid,
        "reasons": result.reasons,
        "reasonsText": "; ".join(result.reasons),
        "bookmark": {
            "url": bookmark.url,
            "normalizedUrl": bookmark.normalized_url,
            "title": bookmark.title,
            "description": bookmark.description,
            "tags": bookmark.tags,
            "tagsAttribute": [{"S": tag} for tag in bookmark.tags],
            "searchWords": indexed_words(
                {
                    "title": bookmark.title,
                    "tags": bookmark.tags,
                    "url": bookmark.url,
                    "description": bookmark.description,
                }
            ),
        },
        "submitter": {"username": result.submitter.username, "email": result.submitter.email},
    }
