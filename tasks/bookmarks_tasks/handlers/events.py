"""Parser models for the events the state machine sends to the handlers."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from bookmarks_tasks.domain.submission import Bookmark, Submitter


class ValidateSubmissionEvent(BaseModel):
    bookmarkId: str = Field(min_length=1, max_length=80)
    input: Any = None


class BookmarkModel(BaseModel):
    url: str
    normalizedUrl: str
    title: str
    description: str
    tags: list[str]

    def to_domain(self) -> Bookmark:
        return Bookmark(
            url=self.url,
            normalized_url=self.normalizedUrl,
            title=self.title,
            description=self.description,
            tags=list(self.tags),
        )


class SubmitterModel(BaseModel):
    username: str
    email: str

    def to_domain(self) -> Submitter:
        return Submitter(username=self.username, email=self.email)


class RequestApprovalEvent(BaseModel):
    taskToken: str = Field(min_length=1, max_length=2048, repr=False)
    bookmarkId: str = Field(min_length=1, max_length=80)
    executionArn: str
    bookmark: BookmarkModel
    submitter: SubmitterModel
    timeoutSeconds: int = Field(gt=0)
    # Named by the workflow, so that every wait of one submission keeps one approval (and one link). Absent in
    # executions started before the workflow named it: the function then draws one.
    approvalId: str | None = Field(default=None, min_length=16, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    # Why the workflow waits: REQUEST (first time), REMINDER, ESCALATION or SECOND_APPROVAL.
    reason: Literal["REQUEST", "REMINDER", "ESCALATION", "SECOND_APPROVAL"] = "REQUEST"
    approvalsNeeded: int = Field(default=1, ge=1, le=2)
    # What happens when this wait times out: a decision on a token that timed out waits for the next wait unless
    # this was the expiry.
    nextDeadline: Literal["REMINDER", "ESCALATION", "EXPIRY"] = "EXPIRY"
    # How long this wait lasts: a first approval hands the rest of it on to the wait for the second.
    waitSeconds: int = Field(default=0, ge=0)
    # The submission's correlation id (Validate Submission's result); see domain.correlation_id.
    correlationId: str = Field(default="", max_length=128)
