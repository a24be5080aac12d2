"""Checks the ASL files behind ``DefinitionUri``, which cfn-lint never reads.

For every SAM state machine in the template: the ``${...}`` placeholders in the ASL must be exactly the
``DefinitionSubstitutions`` keys; after substituting sample values the definition must parse in moto's ASL
parser as the engine the tests run reads it (after the distributed_map_definition adapter's rewrite) and
pass cfn-lint's Step Functions schema, by linting it as the inline ``Definition`` of a plain
``AWS::StepFunctions::StateMachine``.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cfnlint.api
from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser

from bookmarks_flow.local.cfn_template import load_template
from bookmarks_flow.local.moto_adapters.distributed_map_definition import rewrite

PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9_]+)\}")
_ACCOUNT = "123456789012"


@dataclass(frozen=True)
class StateMachineSource:
    logical_id: str
    path: Path
    substitution_keys: frozenset[str]


def sample_value(key: str) -> str:
    """A value of the right shape for a substitution, judged by its name."""
    if key.endswith("FunctionArn"):
        return f"arn:aws:lambda:us-east-1:{_ACCOUNT}:function:{key}"
    if key.endswith("TopicArn"):
        return f"arn:aws:sns:us-east-1:{_ACCOUNT}:{key}"
    if key.endswith("QueueUrl"):
        return f"https://sqs.us-east-1.amazonaws.com/{_ACCOUNT}/{key}"
    if key.endswith("Seconds"):
        return "60"
    if key.endswith("Arn"):
        return f"arn:aws:states:us-east-1:{_ACCOUNT}:stateMachine:{key}"
    return key


def state_machine_sources(template_path: Path) -> list[StateMachineSource]:
    template = load_template(template_path)
    sources = []
    for logical_id, resource in template.get("Resources", {}).items():
        properties = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::StateMachine" and isinstance(properties.get("DefinitionUri"), str):
            sources.append(
                StateMachineSource(
                    logical_id=logical_id,
                    path=template_path.parent / properties["DefinitionUri"],
                    substitution_keys=frozenset(properties.get("DefinitionSubstitutions", {})),
                )
            )
    return sources


def substituted_definition(source: StateMachineSource) -> str:
    text = source.path.read_text(encoding="utf-8")
    return PLACEHOLDER.sub(lambda match: sample_value(match.group(1)), text)


def problems_in(source: StateMachineSource) -> list[str]:
    text = source.path.read_text(encoding="utf-8")
    found: list[str] = []
    placeholders = set(PLACEHOLDER.findall(text))
    if missing := sorted(placeholders - source.substitution_keys):
        found.append(f"{source.path.name}: placeholders without a DefinitionSubstitutions key: {', '.join(missing)}")
    if unused := sorted(source.substitution_keys - placeholders):
        found.append(f"{source.logical_id}: DefinitionSubstitutions keys the ASL never uses: {', '.join(unused)}")
    definition = substituted_definition(source)
    try:
        # As the local engine reads it: moto's grammar lacks some Distributed Map fields AWS accepts.
        AmazonStateLanguageParser.parse(rewrite(definition)[0])
    except Exception as error:  # noqa: BLE001 - any parser failure is a finding
        found.append(f"{source.path.name}: moto's ASL parser rejects it: {error!r}")
    found.extend(f"{source.path.name}: {match}" for match in _schema_matches(json.loads(definition)))
    return found


def _schema_matches(definition: dict[str, Any]) -> list[str]:
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "StateMachine": {
                "Type": "AWS::StepFunctions::StateMachine",
                "Properties": {"RoleArn": f"arn:aws:iam::{_ACCOUNT}:role/sample", "Definition": definition},
            }
        },
    }
    return [str(match) for match in cfnlint.api.lint(json.dumps(template), regions=["us-east-1"])]


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    template_path = Path(arguments[0] if arguments else "template.yaml")
    sources = state_machine_sources(template_path)
    found = [problem for source in sources for problem in problems_in(source)]
    for problem in found:
        print(problem, file=sys.stderr)
    if not found:
        print(f"ASL check: {len(sources)} state machine definition(s) match their substitutions and the ASL schema")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
