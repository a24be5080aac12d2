"""The local stack, registered as a CloudFormation stack with the template's outputs.

Tools that find a deployment through CloudFormation (``bookmarks smoke --stack-name``, ``aws cloudformation
describe-stacks``) then work against the local endpoint unchanged. The resources themselves are created by the
provisioner, not by moto's CloudFormation, so the registered template holds only the outputs (and a resource that
creates nothing, since CloudFormation requires one). One value differs from AWS: ``ApiUrl`` is the local API's
address rather than an execute-api host name.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

from bookmarks_flow.local.provisioner import ProvisionedStack


def registration_template(stack: ProvisionedStack, api_url: str) -> dict[str, Any]:
    outputs = {name: str(value) for name, value in stack.outputs.items()}
    outputs["ApiUrl"] = api_url
    return {
        "Description": "bookmarks-flow on the local stack (resources created by `bookmarks local`)",
        "Resources": {"LocalStackRegistration": {"Type": "AWS::CloudFormation::WaitConditionHandle"}},
        "Outputs": {name: {"Value": value} for name, value in sorted(outputs.items())},
    }


def register_stack(cloudformation: Any, stack: ProvisionedStack, api_url: str) -> None:
    """Creates the registration, replacing one left by an earlier run (a kept state directory holds it)."""
    cloudformation.delete_stack(StackName=stack.name)  # as on AWS, deleting a stack that is not there is no error
    with warnings.catch_warnings():
        # moto warns that it does not model the placeholder resource, which is the point of it.
        warnings.simplefilter("ignore", UserWarning)
        cloudformation.create_stack(
            StackName=stack.name, TemplateBody=json.dumps(registration_template(stack, api_url))
        )
