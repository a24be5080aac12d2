"""Every SNS Subject the application sends is one SNS accepts, whatever a submitter typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bookmarks_flow.local.moto_adapters.service_limits.sns import subject_problem
from bookmarks_tasks.domain.email_subject import email_subject
from tests.support.workflow import Workflow

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"


@given(title=st.text(max_size=300))
def test_an_approval_subject_from_any_title_is_one_sns_accepts(title: str) -> None:
    assert subject_problem(email_subject("Approval needed: ", title)) is None


def test_a_title_with_line_breaks_and_accents_reads_on_one_ascii_line() -> None:
    assert email_subject("Approval needed: ", "Caf\u00e9 guide\nfor\tteams") == "Approval needed: Cafe guide for teams"


def test_a_long_title_is_cut_with_an_ellipsis_below_100_characters() -> None:
    subject = email_subject("Approval needed: ", "word " * 40)
    assert len(subject) == 99
    assert subject.endswith("...")


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.asl.json")), ids=lambda path: path.name)
def test_every_subject_a_workflow_publishes_is_one_sns_accepts(path: Path) -> None:
    states = json.loads(path.read_text())["States"]
    subjects = [
        state["Parameters"]["Subject"]
        for state in states.values()
        if state.get("Resource", "").startswith("arn:aws:states:::sns:publish")
        and "Subject" in state.get("Parameters", {})
    ]
    assert subjects
    assert not [state for state in states.values() if "Subject.$" in state.get("Parameters", {})]
    assert [subject_problem(subject) for subject in subjects] == [None] * len(subjects)


def test_a_title_with_a_newline_and_accents_still_reaches_the_manager(workflow: Workflow) -> None:
    """With the SNS limits enforced, the old subject ("Approval needed: " + title, cut at 100) failed here."""
    bookmark_id = workflow.submit("https://example.com/subject", title="Caf\u00e9 notes\nsecond line " + "x" * 150)

    workflow.wait_for_approval_request(bookmark_id)

    assert workflow.entered_states(bookmark_id)[-1] == "Ask A Manager"
