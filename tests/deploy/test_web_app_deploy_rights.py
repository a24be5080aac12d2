"""The pipeline publishes the web app after each stack deploy, and deploy/bootstrap.yaml gives its two roles the
rights for the web resources, naming the application's resources wherever the action takes one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bookmarks_flow.local.cfn_template import load_template

ROOT = Path(__file__).resolve().parents[2]
WEB_BUCKET = "arn:${AWS::Partition}:s3:::${StackNamePrefix}-*-webbucket-*"


def _statements(role: str) -> list[dict[str, Any]]:
    bootstrap = load_template(ROOT / "deploy" / "bootstrap.yaml")
    policies = bootstrap["Resources"][role]["Properties"]["Policies"]
    return [statement for policy in policies for statement in policy["PolicyDocument"]["Statement"]]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _resources(statement: dict[str, Any]) -> list[str]:
    return [
        resource["Fn::Sub"] if isinstance(resource, dict) else resource for resource in _as_list(statement["Resource"])
    ]


def _granted(role: str, action: str) -> list[str]:
    return [
        resource
        for statement in _statements(role)
        if statement["Effect"] == "Allow" and action in _as_list(statement["Action"])
        for resource in _resources(statement)
    ]


def test_the_deploy_role_may_upload_to_the_web_buckets_of_the_application() -> None:
    assert {WEB_BUCKET, WEB_BUCKET + "/*"} <= set(_granted("GitHubDeployRole", "s3:PutObject"))


def test_the_deploy_role_may_delete_files_only_in_the_web_buckets_of_the_application() -> None:
    assert set(_granted("GitHubDeployRole", "s3:DeleteObject")) == {WEB_BUCKET, WEB_BUCKET + "/*"}


def test_the_deploy_role_may_invalidate_cloudfront_distributions_and_nothing_else_of_cloudfront() -> None:
    actions = {
        action
        for statement in _statements("GitHubDeployRole")
        for action in _as_list(statement["Action"])
        if action.startswith("cloudfront:")
    }
    assert actions == {"cloudfront:CreateInvalidation"}
    assert _granted("GitHubDeployRole", "cloudfront:CreateInvalidation") == [
        "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/*"
    ]


def test_cloudformation_may_create_the_web_bucket_under_the_stack_prefix_only() -> None:
    assert _granted("CloudFormationExecutionRole", "s3:CreateBucket") == [WEB_BUCKET]
    assert _granted("CloudFormationExecutionRole", "s3:PutBucketPolicy") == [WEB_BUCKET]


def test_cloudformation_may_create_each_cloudfront_resource_of_the_template() -> None:
    template = load_template(ROOT / "template.yaml")
    kinds = {
        resource["Type"]
        for resource in template["Resources"].values()
        if resource["Type"].startswith("AWS::CloudFront::")
    }
    create = {
        "AWS::CloudFront::Distribution": "cloudfront:CreateDistribution",
        "AWS::CloudFront::OriginAccessControl": "cloudfront:CreateOriginAccessControl",
        "AWS::CloudFront::ResponseHeadersPolicy": "cloudfront:CreateResponseHeadersPolicy",
    }
    assert kinds == set(create)
    for action in create.values():
        granted = _granted("CloudFormationExecutionRole", action)
        assert granted
        assert "*" not in granted


def _steps(job: str) -> list[str]:
    pipeline = yaml.safe_load((ROOT / ".github" / "workflows" / "pipeline.yml").read_text(encoding="utf-8"))
    return [str(step.get("run", "")) for step in pipeline["jobs"][job]["steps"]]


def test_each_deploy_job_publishes_the_web_app_after_the_stack_and_before_the_smoke_test() -> None:
    for job, stack in (("deploy-dev", "bookmarks-flow-dev"), ("deploy-prod", "bookmarks-flow-prod")):
        runs = _steps(job)
        deploy = next(i for i, run in enumerate(runs) if "sam deploy" in run)
        publish = next(i for i, run in enumerate(runs) if "bookmarks deploy-web" in run)
        smoke = next(i for i, run in enumerate(runs) if "bookmarks smoke" in run)
        assert deploy < publish < smoke
        assert f"--stack-name {stack}" in runs[publish]
