"""How each CloudFormation resource type appears in the architecture diagram: its name and its column."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """Where a component sits, from the callers on the left to the people on the right."""

    ENTRY = "entry"
    WORKFLOW = "workflow"
    COMPUTE = "compute"
    DATA = "data"
    MESSAGING = "messaging"
    PEOPLE = "people"
    OPERATIONS = "operations"
    OTHER = "other"


CATEGORY_TITLES = {
    Category.ENTRY: "Entry points",
    Category.WORKFLOW: "Workflow",
    Category.COMPUTE: "Functions",
    Category.DATA: "Data and secrets",
    Category.MESSAGING: "Messaging",
    Category.PEOPLE: "Recipients",
    Category.OPERATIONS: "Operations",
    Category.OTHER: "Other resources",
}

_TYPES: dict[str, tuple[str, Category]] = {
    "AWS::Serverless::StateMachine": ("Step Functions state machine", Category.WORKFLOW),
    "AWS::StepFunctions::StateMachine": ("Step Functions state machine", Category.WORKFLOW),
    "AWS::Serverless::Function": ("Lambda function", Category.COMPUTE),
    "AWS::Lambda::Function": ("Lambda function", Category.COMPUTE),
    "AWS::DynamoDB::Table": ("DynamoDB table", Category.DATA),
    "AWS::Serverless::SimpleTable": ("DynamoDB table", Category.DATA),
    "AWS::S3::Bucket": ("S3 bucket", Category.DATA),
    "AWS::SecretsManager::Secret": ("Secrets Manager secret", Category.DATA),
    "AWS::SNS::Topic": ("SNS topic", Category.MESSAGING),
    "AWS::SQS::Queue": ("SQS queue", Category.MESSAGING),
    "AWS::Events::Rule": ("EventBridge rule", Category.ENTRY),
    "AWS::Events::EventBus": ("EventBridge bus", Category.MESSAGING),
    "AWS::Serverless::Api": ("API Gateway REST API", Category.ENTRY),
    "AWS::ApiGateway::RestApi": ("API Gateway REST API", Category.ENTRY),
    "AWS::Serverless::HttpApi": ("API Gateway HTTP API", Category.ENTRY),
    "AWS::ApiGatewayV2::Api": ("API Gateway HTTP API", Category.ENTRY),
    "AWS::Cognito::UserPool": ("Cognito user pool", Category.ENTRY),
    "AWS::Cognito::UserPoolClient": ("Cognito app client", Category.ENTRY),
    "AWS::Cognito::UserPoolGroup": ("Cognito group", Category.ENTRY),
    "AWS::Logs::LogGroup": ("CloudWatch log group", Category.OPERATIONS),
    "AWS::IAM::Role": ("IAM role", Category.OPERATIONS),
    "AWS::CloudFront::Distribution": ("CloudFront distribution", Category.ENTRY),
    "AWS::CloudFront::OriginAccessControl": ("CloudFront origin access control", Category.ENTRY),
    "AWS::CloudFront::ResponseHeadersPolicy": ("CloudFront response headers policy", Category.ENTRY),
    "AWS::S3::BucketPolicy": ("S3 bucket policy", Category.DATA),
}
# A type not named above still lands in its service's column.
_SERVICE_CATEGORIES = {
    "ApiGateway": Category.ENTRY,
    "ApiGatewayV2": Category.ENTRY,
    "Cognito": Category.ENTRY,
    "Events": Category.ENTRY,
    "Scheduler": Category.ENTRY,
    "StepFunctions": Category.WORKFLOW,
    "Lambda": Category.COMPUTE,
    "DynamoDB": Category.DATA,
    "S3": Category.DATA,
    "SecretsManager": Category.DATA,
    "KMS": Category.DATA,
    "SNS": Category.MESSAGING,
    "SQS": Category.MESSAGING,
    "Logs": Category.OPERATIONS,
    "CloudWatch": Category.OPERATIONS,
    "IAM": Category.OPERATIONS,
}
# The property that gives a resource its physical name, for finding references that name it instead of Ref'ing it.
OWN_NAME_PROPERTIES = {
    "AWS::Serverless::StateMachine": "Name",
    "AWS::StepFunctions::StateMachine": "StateMachineName",
    "AWS::Serverless::Function": "FunctionName",
    "AWS::Lambda::Function": "FunctionName",
    "AWS::DynamoDB::Table": "TableName",
    "AWS::SNS::Topic": "TopicName",
    "AWS::SQS::Queue": "QueueName",
    "AWS::Logs::LogGroup": "LogGroupName",
    "AWS::SecretsManager::Secret": "Name",
    "AWS::S3::Bucket": "BucketName",
}
# Types that join two resources rather than being one: they are drawn as the connection between them.
SNS_SUBSCRIPTION = "AWS::SNS::Subscription"
LAMBDA_EVENT_SOURCE_MAPPING = "AWS::Lambda::EventSourceMapping"
LAMBDA_PERMISSION = "AWS::Lambda::Permission"
CONNECTORS = {SNS_SUBSCRIPTION, LAMBDA_EVENT_SOURCE_MAPPING, LAMBDA_PERMISSION}
# The APIs SAM creates for functions whose Api/HttpApi events name none.
IMPLICIT_APIS = {
    "Api": ("ServerlessRestApi", "AWS::Serverless::Api"),
    "HttpApi": ("ServerlessHttpApi", "AWS::Serverless::HttpApi"),
}


def describe_type(resource_type: str) -> tuple[str, Category]:
    """``AWS::SNS::Topic`` → ("SNS topic", messaging); an unlisted type reads as "<Service> <Kind>"."""
    if resource_type in _TYPES:
        return _TYPES[resource_type]
    parts = resource_type.split("::")
    if len(parts) != 3:
        return resource_type, Category.OTHER
    return f"{parts[1]} {parts[2]}", _SERVICE_CATEGORIES.get(parts[1], Category.OTHER)
