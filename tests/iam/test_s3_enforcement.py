"""S3 requests are authorised like every other service's: a role reads and writes only the objects its
policies name (template.yaml), and is answered S3's AccessDenied otherwise."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from bookmarks_flow.local.environment import LocalEnvironment


def _as_role(environment: LocalEnvironment, function_logical_id: str) -> Any:
    role = environment.stack.resources[function_logical_id + "Role"].attributes["Arn"]
    credentials = environment.role_credentials[role]
    return boto3.session.Session(
        aws_access_key_id=credentials.access_key_id,
        aws_secret_access_key=credentials.secret_access_key,
        aws_session_token=credentials.session_token,
        region_name=environment.region,
    ).client("s3")


def _refusal(call: Any, **arguments: Any) -> dict[str, Any]:
    with pytest.raises(ClientError) as raised:
        call(**arguments)
    return dict(raised.value.response["Error"])


def test_a_function_may_write_the_objects_its_policy_names(environment: LocalEnvironment) -> None:
    s3 = _as_role(environment, "StartImportFunction")
    bucket = environment.stack.physical("ImportBucket")
    assert s3.put_object(Bucket=bucket, Key="imports/abc/items.json", Body=b"[]")["ResponseMetadata"]


def test_a_function_is_refused_an_object_its_policy_does_not_name(environment: LocalEnvironment) -> None:
    s3 = _as_role(environment, "StartImportFunction")
    bucket = environment.stack.physical("ImportBucket")
    error = _refusal(s3.put_object, Bucket=bucket, Key="imports/abc/report.json", Body=b"{}")
    assert error["Code"] == "AccessDenied"
    assert "s3:PutObject" in error["Message"]


def test_a_function_without_s3_rights_cannot_read_an_import(environment: LocalEnvironment) -> None:
    bucket = environment.stack.physical("ImportBucket")
    environment.client("s3").put_object(Bucket=bucket, Key="imports/abc/report.json", Body=b"{}")
    s3 = _as_role(environment, "ValidateSubmissionFunction")
    assert _refusal(s3.get_object, Bucket=bucket, Key="imports/abc/report.json")["Code"] == "AccessDenied"
