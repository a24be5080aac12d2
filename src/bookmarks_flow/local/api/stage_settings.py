"""The settings of an API's stage that the local API applies: the SAM-generated ``AWS::ApiGateway::Stage`` is
served by the local API itself (the provisioner does not create it), so its properties are read from the
translated template, with CloudFormation's references resolved against the provisioned stack."""

from __future__ import annotations

from typing import Any

from bookmarks_flow.local.iam.resource_policies import pseudo_parameters
from bookmarks_flow.local.intrinsics import Resolver
from bookmarks_flow.local.provisioner import ProvisionedStack


def access_log_setting(template: dict[str, Any], stack: ProvisionedStack, api_logical_id: str) -> dict[str, Any]:
    """The stage's ``AccessLogSetting`` (DestinationArn and Format), or {} when it has none."""
    pseudo = pseudo_parameters(stack)
    resolver = Resolver(lambda name: pseudo.get(name) or stack.physical(name), stack.attribute)
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties", {})
        if resource["Type"] == "AWS::ApiGateway::Stage" and properties.get("RestApiId") == {"Ref": api_logical_id}:
            setting = properties.get("AccessLogSetting")
            return dict(resolver.resolve(setting)) if setting else {}
    return {}
