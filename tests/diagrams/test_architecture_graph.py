"""The architecture graph read from a template: components and the connections the template implies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bookmarks_flow.diagrams.architecture import ArchitectureGraph, LinkKind, build_architecture
from bookmarks_flow.diagrams.resource_types import Category
from bookmarks_flow.local.cfn_template import load_template

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def project() -> ArchitectureGraph:
    return build_architecture(load_template(PROJECT / "template.yaml"), PROJECT)


def _graph(resources: dict[str, Any], parameters: dict[str, Any] | None = None) -> ArchitectureGraph:
    return build_architecture({"Parameters": parameters or {}, "Resources": resources}, PROJECT)


def _link(graph: ArchitectureGraph, source: str, target: str) -> tuple[LinkKind, str]:
    link = next(link for link in graph.links if (link.source, link.target) == (source, target))
    return link.kind, link.label


def _kind(graph: ArchitectureGraph, component_id: str) -> str:
    return next(component.kind for component in graph.components if component.id == component_id)


def test_state_machine_links_are_labelled_with_the_calls_its_asl_makes(project: ArchitectureGraph) -> None:
    assert _link(project, "SubmitBookmarkStateMachine", "BookmarksTable") == (
        LinkKind.CALLS,
        "putItem, getItem, updateItem, transactWriteItems, deleteItem",
    )
    assert _link(project, "SubmitBookmarkStateMachine", "BookmarkWordsTable") == (LinkKind.CALLS, "transactWriteItems")


def test_a_task_token_call_is_labelled_as_waiting(project: ArchitectureGraph) -> None:
    assert _link(project, "SubmitBookmarkStateMachine", "RequestApprovalFunction") == (
        LinkKind.CALLS,
        "invoke (waits for task token)",
    )


def test_policy_statements_label_a_function_with_its_actions(project: ArchitectureGraph) -> None:
    assert _link(project, "RequestApprovalFunction", "ApprovalLinkSecret") == (LinkKind.USES, "GetSecretValue")


def test_a_redrive_policy_links_the_queue_to_its_dead_letter_queue(project: ArchitectureGraph) -> None:
    assert _link(project, "DownstreamQueue", "DownstreamDeadLetterQueue") == (
        LinkKind.REDRIVES,
        "dead letters after 5 receives",
    )
    assert _kind(project, "DownstreamDeadLetterQueue") == "SQS dead-letter queue"


def test_an_email_subscription_leads_to_a_recipient_showing_the_default_address(project: ArchitectureGraph) -> None:
    assert _link(project, "ApprovalRequestsTopic", "parameter-ApproverEmail") == (LinkKind.DELIVERS, "email")
    recipient = next(component for component in project.components if component.id == "parameter-ApproverEmail")
    assert (recipient.category, recipient.details) == (Category.PEOPLE, ("default approvers@example.com",))


def test_a_subscription_filter_is_shown_on_the_delivery() -> None:
    graph = _graph(
        {
            "Topic": {"Type": "AWS::SNS::Topic"},
            "Sub": {
                "Type": "AWS::SNS::Subscription",
                "Properties": {
                    "TopicArn": {"Ref": "Topic"},
                    "Protocol": "email",
                    "Endpoint": "ops@example.com",
                    "FilterPolicy": {"eventType": ["A", "B"]},
                },
            },
        }
    )
    assert _link(graph, "Topic", "endpoint-ops-example-com") == (LinkKind.DELIVERS, "email\nif eventType is A or B")


def test_a_filter_excluding_a_prefix_reads_as_words() -> None:
    graph = _graph(
        {
            "Topic": {"Type": "AWS::SNS::Topic"},
            "Sub": {
                "Type": "AWS::SNS::Subscription",
                "Properties": {
                    "TopicArn": {"Ref": "Topic"},
                    "Protocol": "email",
                    "Endpoint": "ops@example.com",
                    "FilterPolicy": {"submitter": [{"anything-but": {"prefix": "robot-"}}]},
                },
            },
        }
    )
    assert _link(graph, "Topic", "endpoint-ops-example-com") == (
        LinkKind.DELIVERS,
        "email\nif submitter does not start with robot-",
    )


def test_a_variable_naming_a_resource_without_a_policy_is_a_reference() -> None:
    graph = _graph(
        {
            "Table": {"Type": "AWS::DynamoDB::Table"},
            "Fn": {
                "Type": "AWS::Serverless::Function",
                "Properties": {"Environment": {"Variables": {"TABLE_NAME": {"Ref": "Table"}}}},
            },
        }
    )
    assert _link(graph, "Fn", "Table") == (LinkKind.REFERS, "TABLE_NAME")


def test_a_sam_policy_template_labels_the_link_with_its_name() -> None:
    graph = _graph(
        {
            "Table": {"Type": "AWS::DynamoDB::Table"},
            "Fn": {
                "Type": "AWS::Serverless::Function",
                "Properties": {"Policies": [{"DynamoDBCrudPolicy": {"TableName": {"Ref": "Table"}}}]},
            },
        }
    )
    assert _link(graph, "Fn", "Table") == (LinkKind.USES, "DynamoDBCrud")


def test_an_api_event_without_an_api_creates_the_implicit_api() -> None:
    graph = _graph(
        {
            "Fn": {
                "Type": "AWS::Serverless::Function",
                "Properties": {"Events": {"List": {"Type": "Api", "Properties": {"Path": "/items", "Method": "get"}}}},
            }
        }
    )
    assert _link(graph, "ServerlessRestApi", "Fn") == (LinkKind.TRIGGERS, "GET /items")


def test_openapi_integrations_label_the_api_with_its_routes() -> None:
    uri = {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"}
    body = {"paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"uri": uri}}}}}
    graph = _graph(
        {
            "Fn": {"Type": "AWS::Serverless::Function"},
            "Api": {"Type": "AWS::Serverless::Api", "Properties": {"DefinitionBody": body}},
        }
    )
    assert _link(graph, "Api", "Fn") == (LinkKind.TRIGGERS, "GET /a")


def test_a_resource_named_inside_an_arn_string_is_linked(project: ArchitectureGraph) -> None:
    # The submit function starts the workflow by its fixed name, not by a Ref (which would close a cycle).
    assert _link(project, "SubmitBookmarkFunction", "SubmitBookmarkStateMachine") == (
        LinkKind.USES,
        "StartExecution, DescribeExecution",
    )


def test_a_cognito_user_pool_is_an_entry_point() -> None:
    graph = _graph({"Pool": {"Type": "AWS::Cognito::UserPool"}})
    assert [(component.kind, component.category) for component in graph.components] == [
        ("Cognito user pool", Category.ENTRY)
    ]


def test_an_unlisted_type_is_named_after_its_type_and_placed_by_its_service() -> None:
    graph = _graph({"Schedule": {"Type": "AWS::Scheduler::Schedule"}})
    assert [(component.kind, component.category) for component in graph.components] == [
        ("Scheduler Schedule", Category.ENTRY)
    ]


def test_any_other_reference_between_resources_is_linked_by_its_property() -> None:
    graph = _graph(
        {
            "Key": {"Type": "AWS::KMS::Key"},
            "Bucket": {
                "Type": "AWS::S3::Bucket",
                "Properties": {"Encryption": {"KeyArn": {"Fn::GetAtt": ["Key", "Arn"]}}},
            },
        }
    )
    assert _link(graph, "Bucket", "Key") == (LinkKind.REFERS, "Encryption")


def test_alarms_and_dashboards_fold_into_one_component_linked_to_their_actions() -> None:
    alarm = {
        "Type": "AWS::CloudWatch::Alarm",
        "Properties": {"Namespace": "AWS/SQS", "AlarmActions": [{"Ref": "Ops"}], "Dimensions": [{"Ref": "Queue"}]},
    }
    graph = _graph(
        {
            "Ops": {"Type": "AWS::SNS::Topic"},
            "Queue": {"Type": "AWS::SQS::Queue"},
            "First": alarm,
            "Second": alarm,
            "Board": {"Type": "AWS::CloudWatch::Dashboard", "Properties": {"DashboardBody": "{}"}},
        }
    )

    [folded] = [component for component in graph.components if component.kind == "CloudWatch alarms"]
    assert folded.details == ("2 alarms", "dashboard Board")
    assert {component.id for component in graph.components} == {"Ops", "Queue", folded.id}
    assert _link(graph, folded.id, "Ops") == (LinkKind.TRIGGERS, "alarm actions")


def test_an_event_rule_sits_between_its_bus_and_its_targets() -> None:
    graph = _graph(
        {
            "Bus": {"Type": "AWS::Events::EventBus", "Properties": {"Name": "b"}},
            "Queue": {"Type": "AWS::SQS::Queue"},
            "Rule": {
                "Type": "AWS::Events::Rule",
                "Properties": {
                    "EventBusName": {"Ref": "Bus"},
                    "EventPattern": {"source": ["s"], "detail-type": ["Done"]},
                    "Targets": [{"Id": "q", "Arn": {"Fn::GetAtt": ["Queue", "Arn"]}, "InputPath": "$.detail"}],
                },
            },
            "Grant": {"Type": "AWS::SQS::QueuePolicy", "Properties": {"Queues": [{"Ref": "Queue"}]}},
        }
    )

    assert _link(graph, "Bus", "Rule") == (LinkKind.TRIGGERS, "Done")
    assert _link(graph, "Rule", "Queue") == (LinkKind.DELIVERS, "the detail")
    assert "Grant" not in {component.id for component in graph.components}
