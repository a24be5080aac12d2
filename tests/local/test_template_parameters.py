"""Template parameters for the local stack as `sam deploy --parameter-overrides` takes them, refused as
CloudFormation refuses them (parameters-section-structure.html), before anything is created."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bookmarks_flow.cli import app
from bookmarks_flow.local.cfn_template import load_template
from bookmarks_flow.local.template_parameters import ParameterError, parameter_values, parse_overrides
from tests.support.template_variants import PROJECT_DIR

DECLARED = load_template(PROJECT_DIR / "template.yaml")["Parameters"]


def test_overrides_are_read_as_sam_deploy_reads_them() -> None:
    text = "ApprovalTimeoutSeconds=60 ApproverEmail='boss <b@example.com>' ParameterKey=WebHosting,ParameterValue=None"

    assert parse_overrides(text) == {
        "ApprovalTimeoutSeconds": "60",
        "ApproverEmail": "boss <b@example.com>",
        "WebHosting": "None",
    }


def test_an_override_that_is_not_name_equals_value_is_refused() -> None:
    with pytest.raises(ParameterError, match="'ApprovalTimeoutSeconds' is not Name=Value"):
        parse_overrides("ApprovalTimeoutSeconds")


def test_parameters_left_out_take_the_templates_defaults() -> None:
    values = parameter_values(DECLARED, {"ApprovalTimeoutSeconds": "60"})

    assert values["ApprovalTimeoutSeconds"] == "60"
    assert values["WebHosting"] == str(DECLARED["WebHosting"]["Default"])


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ApprovalTimeout": "60"}, r"Parameters: \[ApprovalTimeout\] do not exist in the template"),
        ({"ApprovalTimeoutSeconds": "soon"}, "'ApprovalTimeoutSeconds' must be a number"),
        ({"ApprovalTimeoutSeconds": "0"}, "must be a number not less than 1"),
        ({"ApprovalTimeoutSeconds": "2592001"}, "must be a number not greater than 2592000"),
        ({"WebHosting": "Amplify"}, "'WebHosting' must be one of AllowedValues: CloudFront, None"),
    ],
)
def test_a_value_cloudformation_would_refuse_is_refused(overrides: dict[str, str], message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        parameter_values(DECLARED, overrides)


# `bookmarks local` prints to the process's real stdout (its Lambda runtime redirects sys.stdout), hence capfd.
def test_bookmarks_local_refuses_a_bad_override_before_starting_anything(capfd: pytest.CaptureFixture[str]) -> None:
    result = CliRunner().invoke(app, ["local", "--project", str(PROJECT_DIR), "--parameter-overrides", "Nope=1"])

    assert result.exit_code == 2
    assert "[Nope] do not exist in the template" in capfd.readouterr().out


def test_bookmarks_local_takes_the_approval_timeout_once(capfd: pytest.CaptureFixture[str]) -> None:
    arguments = ["--approval-timeout", "5", "--parameter-overrides", "ApprovalTimeoutSeconds=6"]

    result = CliRunner().invoke(app, ["local", "--project", str(PROJECT_DIR), *arguments])

    assert result.exit_code == 2
    assert "give one" in capfd.readouterr().out
