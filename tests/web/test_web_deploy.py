"""`bookmarks deploy-web` against moto's S3 and CloudFront: the files and a config.json from the stack's outputs
reach the bucket with their content types, stale files go, and CloudFront's cache is invalidated."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from bookmarks_flow.web_deploy import NotHosted, publish_web_app
from tests.support.stack_process import PROJECT_DIR

OUTPUTS = {
    "UserPoolId": "eu-west-1_abc",
    "UserPoolClientId": "client-1",
    "CognitoEndpoint": "https://cognito-idp.eu-west-1.amazonaws.com/",
    "WebBucketName": "web-bucket",
    "WebUrl": "https://d111.cloudfront.net/",
}


@pytest.fixture
def aws() -> Iterator[dict[str, Any]]:
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="web-bucket")
        s3.put_object(Bucket="web-bucket", Key="assets/old.js", Body=b"stale")
        cloudfront = boto3.client("cloudfront", region_name="us-east-1")
        distribution = cloudfront.create_distribution(
            DistributionConfig={
                "CallerReference": "test",
                "Comment": "",
                "Enabled": True,
                "Origins": {
                    "Quantity": 1,
                    "Items": [
                        {
                            "Id": "web",
                            "DomainName": "web-bucket.s3.amazonaws.com",
                            "S3OriginConfig": {"OriginAccessIdentity": ""},
                        }
                    ],
                },
                "DefaultCacheBehavior": {"TargetOriginId": "web", "ViewerProtocolPolicy": "redirect-to-https"},
            }
        )
        yield {"s3": s3, "cloudfront": cloudfront, "distribution": distribution["Distribution"]["Id"]}


def publish(aws: dict[str, Any], outputs: dict[str, str] | None = None) -> Any:
    chosen = outputs if outputs is not None else {**OUTPUTS, "WebDistributionId": aws["distribution"]}
    return publish_web_app(aws["s3"], aws["cloudfront"], chosen, PROJECT_DIR / "web")


def test_config_json_is_written_from_the_stacks_outputs(aws: dict[str, Any]) -> None:
    publish(aws)

    config = json.loads(aws["s3"].get_object(Bucket="web-bucket", Key="config.json")["Body"].read())
    assert config == {
        "apiUrl": "/api",
        "region": "eu-west-1",
        "userPoolId": "eu-west-1_abc",
        "userPoolClientId": "client-1",
        "cognitoEndpoint": "https://cognito-idp.eu-west-1.amazonaws.com/",
    }


def test_every_file_of_the_app_is_uploaded_with_its_content_type(aws: dict[str, Any]) -> None:
    published = publish(aws)

    local = {path.relative_to(PROJECT_DIR / "web").as_posix() for path in (PROJECT_DIR / "web").rglob("*.*")}
    assert local | {"config.json"} == set(published.keys)
    script = aws["s3"].get_object(Bucket="web-bucket", Key="assets/app.js")
    assert script["ContentType"] == "text/javascript; charset=utf-8"
    assert script["CacheControl"] == "no-cache"
    assert script["Body"].read() == (PROJECT_DIR / "web" / "assets" / "app.js").read_bytes()


def test_files_no_longer_in_the_app_are_removed(aws: dict[str, Any]) -> None:
    assert publish(aws).removed == ["assets/old.js"]


def test_cloudfront_drops_its_cached_copies(aws: dict[str, Any]) -> None:
    published = publish(aws)

    invalidation = aws["cloudfront"].get_invalidation(DistributionId=aws["distribution"], Id=published.invalidation_id)
    assert invalidation["Invalidation"]["InvalidationBatch"]["Paths"]["Items"] == ["/*"]


def test_a_stack_deployed_without_web_hosting_is_refused(aws: dict[str, Any]) -> None:
    with pytest.raises(NotHosted, match="WebHosting=CloudFront"):
        publish(aws, {key: value for key, value in OUTPUTS.items() if not key.startswith("Web")})
