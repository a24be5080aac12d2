"""The template's principals: one per IAM role it creates, with the policies the translated template gives
that role (inline policies, SAM policy templates as the translator expanded them, and the AWS managed
policies it attaches), and credentials from STS AssumeRole, as Lambda, Step Functions and API Gateway get.

The documents of AWS managed policies come from moto's pinned copy of AWS's managed policy list
(``moto.iam.aws_managed_policies``), the same data moto's IAM serves for ``GetPolicyVersion``.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from bookmarks_flow.local.iam.evaluation import Policy
from bookmarks_flow.local.iam.principals import Principal, PrincipalDirectory
from bookmarks_flow.local.iam.role_credentials import RoleCredentials
from bookmarks_flow.local.provisioner import ProvisionedStack


@cache
def _managed_policy_documents() -> dict[str, Any]:
    from moto.iam.aws_managed_policies import aws_managed_policies_data

    return dict(json.loads(aws_managed_policies_data))


def managed_policy_document(arn: str) -> dict[str, Any]:
    name = arn.rsplit("/", 1)[-1]
    entry = _managed_policy_documents().get(name)
    if entry is None:
        raise KeyError(f"no document for the managed policy {arn}")
    return dict(entry["Document"])


def managed_policy(arn: str) -> Policy:
    return Policy.parse(arn.rsplit("/", 1)[-1], managed_policy_document(arn))


def role_policies(properties: dict[str, Any]) -> tuple[Policy, ...]:
    inline = [Policy.parse(str(p["PolicyName"]), p["PolicyDocument"]) for p in properties.get("Policies", [])]
    managed = [managed_policy(str(arn)) for arn in properties.get("ManagedPolicyArns", [])]
    return (*inline, *managed)


def session_name_for(role_logical_id: str, stack: ProvisionedStack) -> str:
    """Lambda names the session after the function; the services use a name of their own."""
    for resource in stack.resources.values():
        if (
            resource.type == "AWS::Lambda::Function"
            and resource.properties.get("Role") == (stack.resources[role_logical_id].attributes["Arn"])
        ):
            return str(resource.ref)
    return "local-" + role_logical_id[:50]


def assume_template_roles(
    session: Any, stack: ProvisionedStack, directory: PrincipalDirectory
) -> dict[str, RoleCredentials]:
    """Credentials for every role of the stack, registered with their principal; keyed by role ARN."""
    sts = session.client("sts")
    issued: dict[str, RoleCredentials] = {}
    for logical_id, resource in stack.resources.items():
        if resource.type != "AWS::IAM::Role":
            continue
        role_arn = str(resource.attributes["Arn"])
        session_name = session_name_for(logical_id, stack)
        answer = sts.assume_role(RoleArn=role_arn, RoleSessionName=session_name)
        credentials = answer["Credentials"]
        principal = Principal(
            arn=str(answer["AssumedRoleUser"]["Arn"]),
            role_arn=role_arn,
            role_logical_id=logical_id,
            policies=role_policies(resource.properties),
        )
        directory.register(str(credentials["AccessKeyId"]), principal)
        issued[role_arn] = RoleCredentials(
            str(credentials["AccessKeyId"]), str(credentials["SecretAccessKey"]), str(credentials["SessionToken"])
        )
    return issued
