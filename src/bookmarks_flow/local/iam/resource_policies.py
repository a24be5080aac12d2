"""Lambda's resource policy for API Gateway: the template's ``AWS::Lambda::Permission`` resources.

API Gateway invokes a proxy integration's function as the service principal ``apigateway.amazonaws.com``; Lambda
lets it only if the function's resource policy has a statement for that principal whose ``SourceArn`` matches
``arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<resource path>``.
https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html#apigateway-permissions
https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bookmarks_flow.local.iam.evaluation import glob_match
from bookmarks_flow.local.intrinsics import Resolver
from bookmarks_flow.local.provisioner import ACCOUNT_ID, ProvisionedStack

API_GATEWAY = "apigateway.amazonaws.com"
EVENTBRIDGE = "events.amazonaws.com"


@dataclass(frozen=True)
class InvokePermission:
    function_name: str
    principal: str
    action: str
    source_arn: str | None


def pseudo_parameters(stack: ProvisionedStack) -> dict[str, str]:
    return {
        "AWS::Region": stack.region,
        "AWS::AccountId": ACCOUNT_ID,
        "AWS::Partition": "aws",
        "AWS::StackName": stack.name,
        "AWS::URLSuffix": "amazonaws.com",
    }


def invoke_permissions(template: dict[str, Any], stack: ProvisionedStack) -> list[InvokePermission]:
    pseudo = pseudo_parameters(stack)
    resolver = Resolver(lambda name: pseudo.get(name) or stack.physical(name), stack.attribute)
    found = []
    for resource in template.get("Resources", {}).values():
        if resource["Type"] != "AWS::Lambda::Permission":
            continue
        properties = resolver.resolve(resource["Properties"])
        function = str(properties["FunctionName"]).split(":function:")[-1].split(":")[0]
        found.append(
            InvokePermission(
                function, str(properties["Principal"]), str(properties["Action"]), properties.get("SourceArn")
            )
        )
    return found


def may_invoke(permissions: list[InvokePermission], function: str, principal: str, source_arn: str) -> bool:
    """Whether the function's resource policy lets the service ``principal`` invoke it for ``source_arn``."""
    name = function.split(":function:")[-1].split(":")[0]
    return any(
        p.function_name == name
        and p.principal == principal
        and glob_match(p.action, "lambda:InvokeFunction", ignore_case=True)
        and (p.source_arn is None or glob_match(p.source_arn, source_arn))
        for p in permissions
    )


def api_may_invoke(permissions: list[InvokePermission], function: str, source_arn: str) -> bool:
    return may_invoke(permissions, function, API_GATEWAY, source_arn)


def rule_may_invoke(permissions: list[InvokePermission], function: str, rule_arn: str) -> bool:
    """EventBridge invokes a rule's function target as ``events.amazonaws.com`` with the rule as SourceArn.
    https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-lambda-permissions"""
    return may_invoke(permissions, function, EVENTBRIDGE, rule_arn)
