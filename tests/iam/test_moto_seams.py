"""The moto behaviour the IAM adapters rely on: each test fails loudly if moto changes it."""

from __future__ import annotations

import inspect

import boto3
from moto import mock_aws
from moto.core.responses import BaseResponse
from moto.stepfunctions.parser.asl.utils.boto_client import boto_client_for

from tests.support.dynamodb_tables import create_pk_table


def test_stock_moto_serves_any_credentials_whatever_their_policies() -> None:
    """Why iam_enforcement exists: moto (with its own IAM simulation off, the default) authorises nothing."""
    with mock_aws():
        iam = boto3.client("iam", region_name="us-east-1")
        iam.create_role(RoleName="nothing-allowed", AssumeRolePolicyDocument="{}")
        sts = boto3.client("sts", region_name="us-east-1")
        credentials = sts.assume_role(
            RoleArn="arn:aws:iam::123456789012:role/nothing-allowed", RoleSessionName="session"
        )["Credentials"]
        role = boto3.session.Session(
            aws_access_key_id=credentials["AccessKeyId"],
            aws_secret_access_key=credentials["SecretAccessKey"],
            aws_session_token=credentials["SessionToken"],
            region_name="us-east-1",
        )
        assert role.client("sns").create_topic(Name="anything")["TopicArn"]


def test_every_moto_service_passes_through_base_response_call_action() -> None:
    """iam_enforcement wraps this method; a service overriding it must still reach it (DynamoDB calls super)."""
    from moto.dynamodb.responses import DynamoHandler

    assert "call_action" in vars(BaseResponse)
    assert "super().call_action()" in inspect.getsource(DynamoHandler.call_action)


def test_the_engine_signs_its_integrations_with_fixed_keys() -> None:
    """Why engine_credentials exists: the engine's clients carry ``ak``, never the state machine's role."""
    with mock_aws():
        client = boto_client_for(region="us-east-1", service="sqs")
        assert client._request_signer._credentials.access_key == "ak"


def test_moto_s3_bypasses_base_response_call_action() -> None:
    """Why iam_enforcement_s3 exists: S3 operations never reach the seam iam_enforcement wraps, but each calls
    ``_authenticate_and_authorize_s3_action`` (which iam_enforcement_s3 wraps) after naming its action."""
    from moto.s3.responses import S3Response

    calls: list[str] = []
    original = BaseResponse.call_action

    def counted(self: BaseResponse) -> object:
        calls.append(type(self).__name__)
        return original(self)

    BaseResponse.call_action = counted  # type: ignore[method-assign]
    try:
        with mock_aws():
            s3 = boto3.client("s3", region_name="us-east-1")
            s3.create_bucket(Bucket="seam-bucket")
            s3.put_object(Bucket="seam-bucket", Key="k", Body=b"x")
    finally:
        BaseResponse.call_action = original  # type: ignore[method-assign]
    assert "S3Response" not in calls
    assert 'self.data["Action"]' in inspect.getsource(S3Response._set_action)
    assert "_authenticate_and_authorize_s3_action" in inspect.getsource(S3Response._key_response_put)


def test_dynamodb_has_parsed_its_request_as_iam_enforcement_would_before_call_action() -> None:
    """iam_enforcement reuses DynamoDB's own parse (``params``) instead of parsing the request again: the two
    must be the same parameters, for a batch write and a transaction alike."""
    from bookmarks_flow.local.moto_adapters.iam_enforcement import _service_model, parsed_request

    seen: list[tuple[dict[str, object], dict[str, object]]] = []
    original = BaseResponse.call_action

    def comparing(self: BaseResponse) -> object:
        if self.service_name == "dynamodb":
            operation = self._get_action()
            seen.append((dict(self.params), parsed_request(self, _service_model("dynamodb"), operation)))
        return original(self)

    BaseResponse.call_action = comparing  # type: ignore[method-assign]
    try:
        with mock_aws():
            dynamodb = boto3.client("dynamodb", region_name="us-east-1")
            create_pk_table(dynamodb, "t")
            item = {"pk": {"S": "a"}, "tags": {"L": [{"S": "x"}]}, "n": {"N": "1"}}
            dynamodb.batch_write_item(RequestItems={"t": [{"PutRequest": {"Item": item}}]})
            dynamodb.transact_write_items(
                TransactItems=[{"Put": {"TableName": "t", "Item": {**item, "pk": {"S": "b"}}}}]
            )
    finally:
        BaseResponse.call_action = original  # type: ignore[method-assign]

    assert len(seen) == 3
    for parsed_by_dynamodb, parsed_again in seen:
        assert parsed_by_dynamodb == parsed_again
