"""Rotating the link secret keeps the links already mailed working for one rotation, on the real functions.

Rotation here is what ``aws secretsmanager put-secret-value`` does (the README's operate section): a new version
takes AWSCURRENT and Secrets Manager moves AWSPREVIOUS to the version AWSCURRENT left. Links are signed by the
AWSCURRENT version and accepted under AWSCURRENT or AWSPREVIOUS (tasks/bookmarks_tasks/domain/approval_links.py).
"""

from __future__ import annotations

import secrets
import time
from urllib.parse import parse_qs, urlencode, urlsplit

from bookmarks_flow.local.environment import LocalEnvironment
from bookmarks_tasks.aws.link_secret import UNKNOWN_KEY_REFRESH_SECONDS
from bookmarks_tasks.domain.approval_links import LinkKey, build_link
from bookmarks_tasks.services.decide_approval import Outcome
from tests.support.workflow import Workflow


def rotate(environment: LocalEnvironment) -> str:
    """A new AWSCURRENT version of the link secret; its version id."""
    answer = environment.client("secretsmanager").put_secret_value(
        SecretId=environment.stack.physical("ApprovalLinkSecret"), SecretString=secrets.token_hex(32)
    )
    return str(answer["VersionId"])


def current_key(environment: LocalEnvironment) -> LinkKey:
    current = environment.client("secretsmanager").get_secret_value(
        SecretId=environment.stack.physical("ApprovalLinkSecret"), VersionStage="AWSCURRENT"
    )
    return LinkKey(str(current["VersionId"]), str(current["SecretString"]))


def mailed_link(workflow: Workflow) -> str:
    bookmark_id = workflow.submit(f"https://example.com/rotation/{secrets.token_hex(4)}")
    return workflow.approval_link(str(workflow.wait_for_approval_request(bookmark_id)["approvalId"]))


def kid_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["kid"][0]


def with_kid(link: str, kid: str) -> str:
    url = urlsplit(link)
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    return url._replace(query=urlencode({**query, "kid": kid})).geturl()


def test_a_link_names_the_current_version_of_the_secret(workflow: Workflow) -> None:
    assert kid_of(mailed_link(workflow)) == current_key(workflow.env).key_id


def test_a_link_mailed_before_a_rotation_still_decides_after_it(workflow: Workflow) -> None:
    link = mailed_link(workflow)
    rotate(workflow.env)

    assert workflow.decide_link(link, "APPROVED").outcome is Outcome.DECIDED


def test_a_link_signed_with_a_key_two_rotations_old_is_refused(workflow: Workflow) -> None:
    link = mailed_link(workflow)
    rotate(workflow.env)
    rotate(workflow.env)

    status, body = workflow.post_decision(link, "APPROVED")

    assert status == 403
    assert "This link is not valid" in body["message"]


def test_a_link_whose_key_id_names_another_trusted_version_is_refused(workflow: Workflow) -> None:
    link = mailed_link(workflow)
    newer = rotate(workflow.env)

    status, body = workflow.post_decision(with_kid(link, newer), "APPROVED")

    assert status == 403
    assert "This link is not valid" in body["message"]


def test_a_link_signed_by_a_rotation_newer_than_the_functions_cache_decides(workflow: Workflow) -> None:
    """The decision function caches the keys for minutes; a key id it does not know makes it read them again."""
    first = mailed_link(workflow)
    assert workflow.post_decision(with_kid(first, "0" * 36), "APPROVED")[0] == 403  # caches today's versions
    rotate(workflow.env)
    second = mailed_link(workflow)
    approval_id = urlsplit(second).path.rsplit("/", 1)[-1]
    expires = int(parse_qs(urlsplit(second).query)["expires"][0])
    time.sleep(UNKNOWN_KEY_REFRESH_SECONDS)

    resigned = build_link(second.split("/approvals/")[0], approval_id, expires, current_key(workflow.env))

    assert workflow.decide_link(resigned, "APPROVED").outcome is Outcome.DECIDED
