"""The identity policies of every role in the translated template, with references replaced by ARNs of the
right shape (the audit needs no deployed stack)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bookmarks_flow.local.cfn_template import load_template, translate
from bookmarks_flow.local.iam.template_principals import managed_policy_document
from bookmarks_flow.local.intrinsics import Resolver

_REGION, _ACCOUNT = "us-east-1", "123456789012"
_PREFIX = f"{_REGION}:{_ACCOUNT}"
# What Ref and GetAtt Arn give for each resource type (CloudFormation's "Return values" of each type).
_REF = {
    "AWS::SNS::Topic": "arn:aws:sns:{p}:{n}",
    "AWS::SQS::Queue": "https://sqs.us-east-1.amazonaws.com/123456789012/{n}",
    "AWS::SecretsManager::Secret": "arn:aws:secretsmanager:{p}:secret:{n}-AbCdEf",
    "AWS::StepFunctions::StateMachine": "arn:aws:states:{p}:stateMachine:{n}",
}
_ARN = {
    "AWS::DynamoDB::Table": "arn:aws:dynamodb:{p}:table/{n}",
    "AWS::SQS::Queue": "arn:aws:sqs:{p}:{n}",
    "AWS::Lambda::Function": "arn:aws:lambda:{p}:function:{n}",
    "AWS::IAM::Role": "arn:aws:iam::123456789012:role/{n}",
    "AWS::Logs::LogGroup": "arn:aws:logs:{p}:log-group:{n}:*",
    "AWS::Cognito::UserPool": "arn:aws:cognito-idp:{p}:userpool/{n}",
    "AWS::Events::EventBus": "arn:aws:events:{p}:event-bus/{n}",
    "AWS::S3::Bucket": "arn:aws:s3:::{lower}",
}
_PSEUDO = {
    "AWS::Region": _REGION,
    "AWS::AccountId": _ACCOUNT,
    "AWS::Partition": "aws",
    "AWS::StackName": "bookmarks-flow",
    "AWS::URLSuffix": "amazonaws.com",
}


@dataclass(frozen=True)
class RolePolicy:
    role: str
    source: str
    name: str
    document: dict[str, Any]


def _source_of(role: str, template: dict[str, Any]) -> str:
    """The resource a role was written in: SAM names a function's or state machine's role ``<Name>Role``."""
    owner = role.removesuffix("Role")
    return owner if owner != role and owner in template.get("Resources", {}) else role


def role_policies(template_path: Path) -> list[RolePolicy]:
    source = load_template(template_path)
    translated = translate(source, {}, _REGION, template_path.parent)
    resources = translated["Resources"]
    defaults = {name: spec.get("Default", name) for name, spec in translated.get("Parameters", {}).items()}

    def ref(name: str) -> Any:
        if name in _PSEUDO:
            return _PSEUDO[name]
        if name in defaults:
            return defaults[name]
        return _REF.get(resources[name]["Type"], "{n}").format(p=_PREFIX, n=name)

    def get_att(name: str, attribute: str) -> Any:
        arn = _ARN.get(resources[name]["Type"], "{n}").format(p=_PREFIX, n=name, lower=name.lower())
        return arn if attribute == "Arn" else name

    resolver = Resolver(ref, get_att)
    found = []
    for logical_id, resource in resources.items():
        if resource["Type"] != "AWS::IAM::Role":
            continue
        properties = resource["Properties"]
        owner = _source_of(logical_id, source)
        for policy in properties.get("Policies", []):
            document = {"Version": "2012-10-17", **resolver.resolve(policy["PolicyDocument"])}
            found.append(RolePolicy(logical_id, owner, str(policy["PolicyName"]), document))
        for arn in properties.get("ManagedPolicyArns", []):
            name = str(arn).rsplit("/", 1)[-1]
            found.append(RolePolicy(logical_id, owner, name, managed_policy_document(str(arn))))
    return found
