"""The template's web hosting agrees with what the local stack does: the same Content-Security-Policy (plus the
region's Cognito endpoint, which the app calls from the browser on AWS), and the API on the app's origin."""

from __future__ import annotations

from typing import Any

from bookmarks_flow.local.cfn_template import load_template
from bookmarks_flow.local.web_app import CONTENT_SECURITY_POLICY
from bookmarks_flow.web_deploy import API_PATH
from tests.support.stack_process import PROJECT_DIR

RESOURCES: dict[str, Any] = load_template(PROJECT_DIR / "template.yaml")["Resources"]


def test_cloudfront_sends_the_local_stacks_policy_with_cognito_added() -> None:
    headers = RESOURCES["WebSecurityHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    policy = headers["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Sub"]

    cognito = " https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}"
    assert policy.replace(cognito, "") == CONTENT_SECURITY_POLICY


def test_cloudfront_serves_the_api_under_the_path_config_json_names() -> None:
    config = RESOURCES["WebDistribution"]["Properties"]["DistributionConfig"]
    [api] = [behaviour for behaviour in config["CacheBehaviors"] if behaviour["TargetOriginId"] == "api"]

    assert api["PathPattern"] == f"{API_PATH}/*"
    assert RESOURCES["BookmarksApi"]["Properties"]["StageName"] == API_PATH.strip("/")


def test_the_bucket_is_reachable_only_through_the_distribution() -> None:
    access = RESOURCES["WebBucket"]["Properties"]["PublicAccessBlockConfiguration"]

    assert all(access.values())
    [allow] = [
        statement
        for statement in RESOURCES["WebBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
        if statement["Effect"] == "Allow"
    ]
    assert allow["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert "AWS:SourceArn" in allow["Condition"]["StringEquals"]
