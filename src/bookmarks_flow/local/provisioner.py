"""Creates the resources of a translated template in the AWS endpoint that a boto3 session points at.

This is a small CloudFormation for the resource types the template uses: resources are created in dependency
order, intrinsic functions are resolved against what was created, and a type it does not know is an error
that names it (never a silent skip).
"""

from __future__ import annotations

import hashlib
import io
import json
import secrets
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3

from bookmarks_flow.local.cfn_template import local_path_of
from bookmarks_flow.local.intrinsics import Resolver, references
from bookmarks_flow.local.lambda_runtime import LocalFunction
from bookmarks_flow.local.template_parameters import ParameterError, parameter_values

ACCOUNT_ID = "123456789012"
# Served by the local API server rather than created in moto (see bookmarks_flow.local.api).
SERVED_ELSEWHERE = {"AWS::Lambda::Permission", "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Stage"}
_COGNITO_POOL_KEYS = ("Policies", "AutoVerifiedAttributes", "UsernameConfiguration", "AdminCreateUserConfig", "Schema")


class ProvisioningError(RuntimeError):
    pass


@dataclass
class CreatedResource:
    logical_id: str
    type: str
    ref: Any
    attributes: dict[str, Any] = field(default_factory=dict)
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass
class ProvisionedStack:
    name: str
    region: str
    resources: dict[str, CreatedResource]
    outputs: dict[str, Any]
    functions: list[LocalFunction]

    def physical(self, logical_id: str) -> Any:
        return self.resources[logical_id].ref

    def attribute(self, logical_id: str, attribute: str) -> Any:
        return self.resources[logical_id].attributes[attribute]


def _placeholder_zip() -> bytes:
    """moto wants a code package; the code that runs is the project's own, dispatched locally."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("README", "Runs locally from the CodeUri folder of template.yaml.\n")
    return buffer.getvalue()


def _order(resources: dict[str, Any]) -> list[str]:
    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(logical_id: str) -> None:
        if logical_id in ordered:
            return
        if logical_id in visiting:
            raise ProvisioningError(f"circular dependency through {logical_id}")
        visiting.add(logical_id)
        resource = resources[logical_id]
        depends = resource.get("DependsOn", [])
        needed = references(resource.get("Properties", {})) | set([depends] if isinstance(depends, str) else depends)
        for name in sorted(needed):
            if name in resources:
                visit(name)
        visiting.discard(logical_id)
        ordered.append(logical_id)

    for logical_id in resources:
        visit(logical_id)
    return ordered


class Provisioner:
    def __init__(self, session: boto3.session.Session, project_dir: Path, stack_name: str) -> None:
        self._session = session
        self._project_dir = project_dir
        self._stack_name = stack_name
        self._region = session.region_name or "us-east-1"
        self._created: dict[str, CreatedResource] = {}
        self._clients: dict[str, Any] = {}
        self._parameters: dict[str, Any] = {}
        self._functions: list[LocalFunction] = []
        self._conditions: dict[str, Any] = {}
        self._resolver = Resolver(self._ref, self._get_att, self._condition)
        self._creators: dict[str, Callable[[str, dict[str, Any]], CreatedResource]] = {
            "AWS::DynamoDB::Table": self._table,
            "AWS::S3::Bucket": self._bucket,
            "AWS::SecretsManager::Secret": self._secret,
            "AWS::SNS::Topic": self._topic,
            "AWS::SNS::Subscription": self._subscription,
            "AWS::SQS::Queue": self._queue,
            "AWS::Logs::LogGroup": self._log_group,
            "AWS::IAM::Role": self._role,
            "AWS::Lambda::Function": self._function,
            "AWS::StepFunctions::StateMachine": self._state_machine,
            "AWS::StepFunctions::StateMachineVersion": self._state_machine_version,
            "AWS::StepFunctions::StateMachineAlias": self._state_machine_alias,
            "AWS::Cognito::UserPool": self._user_pool,
            "AWS::Cognito::UserPoolClient": self._user_pool_client,
            "AWS::Cognito::UserPoolGroup": self._user_pool_group,
            "AWS::ApiGateway::RestApi": self._rest_api,
            "AWS::CloudWatch::Alarm": self._alarm,
            "AWS::Events::EventBus": self._event_bus,
            "AWS::Events::Rule": self._event_rule,
            "AWS::SQS::QueuePolicy": self._queue_policy,
            "AWS::SNS::TopicPolicy": self._topic_policy,
            "AWS::Logs::ResourcePolicy": self._logs_resource_policy,
            "AWS::CloudWatch::Dashboard": self._dashboard,
        }

    def register(self, resource_type: str, creator: Callable[[str, dict[str, Any]], CreatedResource]) -> None:
        """Lets another component (the local API, sign-in) create the resource types it serves."""
        self._creators[resource_type] = creator

    def resolve(self, value: Any) -> Any:
        return self._resolver.resolve(value)

    def provision(self, template: dict[str, Any], parameters: dict[str, str] | None = None) -> ProvisionedStack:
        try:
            self._parameters.update(parameter_values(template.get("Parameters", {}), parameters or {}))
        except ParameterError as error:
            raise ProvisioningError(str(error)) from error
        self._conditions = template.get("Conditions", {})
        resources = {
            logical_id: resource
            for logical_id, resource in template.get("Resources", {}).items()
            if "Condition" not in resource or self._condition(resource["Condition"])
        }
        unknown = sorted({r["Type"] for r in resources.values()} - set(self._creators) - SERVED_ELSEWHERE)
        if unknown:
            raise ProvisioningError(f"the local stack cannot create resources of type {', '.join(unknown)}")
        for logical_id in _order(resources):
            resource = resources[logical_id]
            if resource["Type"] in SERVED_ELSEWHERE:
                continue
            properties = self.resolve(resource.get("Properties", {}))
            try:
                created = self._creators[resource["Type"]](logical_id, properties)
            except Exception as error:
                raise ProvisioningError(f"creating {logical_id} ({resource['Type']}) failed: {error}") from error
            created.properties = properties
            self._created[logical_id] = created
        outputs = {
            name: self.resolve(spec["Value"])
            for name, spec in template.get("Outputs", {}).items()
            if "Condition" not in spec or self._condition(spec["Condition"])
        }
        return ProvisionedStack(self._stack_name, self._region, dict(self._created), outputs, list(self._functions))

    # ------------------------------------------------------------------ references
    def _ref(self, name: str) -> Any:
        pseudo = {
            "AWS::Region": self._region,
            "AWS::AccountId": ACCOUNT_ID,
            "AWS::StackName": self._stack_name,
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::StackId": f"arn:aws:cloudformation:{self._region}:{ACCOUNT_ID}:stack/{self._stack_name}/local",
        }
        if name in pseudo:
            return pseudo[name]
        if name in self._parameters:
            return self._parameters[name]
        if name in self._created:
            return self._created[name].ref
        raise ProvisioningError(f"Ref to {name}, which is neither a parameter nor a created resource")

    def _condition(self, name: str) -> bool:
        if name not in self._conditions:
            raise ProvisioningError(f"condition {name} is not defined")
        return bool(self.resolve(self._conditions[name]))

    def _get_att(self, name: str, attribute: str) -> Any:
        resource = self._created.get(name)
        if resource is None or attribute not in resource.attributes:
            raise ProvisioningError(f"GetAtt {name}.{attribute} is not available")
        return resource.attributes[attribute]

    def _name(self, logical_id: str) -> str:
        return f"{self._stack_name}-{logical_id}"

    def _client(self, service: str) -> Any:
        """One client per service for the whole provisioning: building one costs ~35 ms (65 resources here)."""
        if service not in self._clients:
            self._clients[service] = self._session.client(service)  # type: ignore[call-overload]
        return self._clients[service]

    # ------------------------------------------------------------------ creators
    def _table(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        name = p.get("TableName", self._name(logical_id))
        dynamodb = self._client("dynamodb")
        arguments: dict[str, Any] = {
            "TableName": name,
            "AttributeDefinitions": p["AttributeDefinitions"],
            "KeySchema": p["KeySchema"],
            "BillingMode": p.get("BillingMode", "PROVISIONED"),
        }
        if "GlobalSecondaryIndexes" in p:
            arguments["GlobalSecondaryIndexes"] = p["GlobalSecondaryIndexes"]
        if "ProvisionedThroughput" in p:
            arguments["ProvisionedThroughput"] = p["ProvisionedThroughput"]
        if "DeletionProtectionEnabled" in p:
            arguments["DeletionProtectionEnabled"] = p["DeletionProtectionEnabled"]
        description = dynamodb.create_table(**arguments)["TableDescription"]
        if "TimeToLiveSpecification" in p:
            dynamodb.update_time_to_live(TableName=name, TimeToLiveSpecification=p["TimeToLiveSpecification"])
        return CreatedResource(logical_id, "AWS::DynamoDB::Table", name, {"Arn": description["TableArn"]})

    def _bucket(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        """Bucket names are lower-case, at most 63 characters, and unique in the partition: CloudFormation
        names a bucket from the stack, the logical id and a random suffix, in lower case. Here the suffix comes
        from the stack's name, region and logical id: the name stays unique to the stack, and a stack provisioned
        again gets the same workflow definitions (the import workflow names the bucket), whose validation
        moto then does not repeat (definition_validation_cache)."""
        prefix = f"{self._stack_name}-{logical_id}"[:50].lower()
        place = f"{self._session.region_name}/{self._stack_name}/{logical_id}".encode()
        name = p.get("BucketName") or f"{prefix}-{hashlib.sha256(place).hexdigest()[:12]}"
        s3 = self._client("s3")
        s3.create_bucket(Bucket=name)
        if "PublicAccessBlockConfiguration" in p:
            s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=p["PublicAccessBlockConfiguration"])
        if "BucketEncryption" in p:
            s3.put_bucket_encryption(
                Bucket=name,
                # CloudFormation's ServerSideEncryptionByDefault is the API's ApplyServerSideEncryptionByDefault.
                ServerSideEncryptionConfiguration={
                    "Rules": [
                        {"ApplyServerSideEncryptionByDefault": rule["ServerSideEncryptionByDefault"]}
                        for rule in p["BucketEncryption"]["ServerSideEncryptionConfiguration"]
                    ]
                },
            )
        arn = f"arn:aws:s3:::{name}"
        attributes = {
            "Arn": arn,
            "DomainName": f"{name}.s3.amazonaws.com",
            "RegionalDomainName": f"{name}.s3.{self._region}.amazonaws.com",
        }
        return CreatedResource(logical_id, "AWS::S3::Bucket", name, attributes)

    def _secret(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        generate = p.get("GenerateSecretString")
        value = p.get("SecretString") or secrets.token_hex(
            int(generate.get("PasswordLength", 32)) // 2 if generate else 16
        )
        arn = self._client("secretsmanager").create_secret(
            Name=p.get("Name", self._name(logical_id)), SecretString=value
        )["ARN"]
        return CreatedResource(logical_id, "AWS::SecretsManager::Secret", arn, {"Id": arn})

    def _topic(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        sns = self._client("sns")
        name = p.get("TopicName", self._name(logical_id))
        arn = sns.create_topic(Name=name)["TopicArn"]
        for subscription in p.get("Subscription", []):
            sns.subscribe(TopicArn=arn, Protocol=subscription["Protocol"], Endpoint=subscription["Endpoint"])
        return CreatedResource(logical_id, "AWS::SNS::Topic", arn, {"TopicArn": arn, "TopicName": name})

    def _subscription(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        attributes = {}
        if "FilterPolicy" in p:
            attributes["FilterPolicy"] = json.dumps(p["FilterPolicy"])
            attributes["FilterPolicyScope"] = p.get("FilterPolicyScope", "MessageAttributes")
        if "RawMessageDelivery" in p:
            attributes["RawMessageDelivery"] = str(p["RawMessageDelivery"]).lower()
        arn = self._client("sns").subscribe(
            TopicArn=p["TopicArn"], Protocol=p["Protocol"], Endpoint=p["Endpoint"], Attributes=attributes
        )["SubscriptionArn"]
        return CreatedResource(logical_id, "AWS::SNS::Subscription", arn, {"Arn": arn})

    def _queue(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        sqs = self._client("sqs")
        name = p.get("QueueName", self._name(logical_id))
        attributes = {
            key: json.dumps(value)
            if isinstance(value, dict)
            else str(value).lower()
            if isinstance(value, bool)
            else str(value)
            for key, value in p.items()
            if key not in ("QueueName", "Tags")
        }
        url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        return CreatedResource(logical_id, "AWS::SQS::Queue", url, {"Arn": arn, "QueueName": name, "QueueUrl": url})

    def _log_group(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        name = p.get("LogGroupName", f"/aws/local/{self._name(logical_id)}")
        self._client("logs").create_log_group(logGroupName=name)
        arn = f"arn:aws:logs:{self._region}:{ACCOUNT_ID}:log-group:{name}:*"
        return CreatedResource(logical_id, "AWS::Logs::LogGroup", name, {"Arn": arn})

    def _role(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        iam = self._client("iam")
        name = p.get("RoleName", self._name(logical_id))[:64]
        arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(p["AssumeRolePolicyDocument"]))[
            "Role"
        ]["Arn"]
        for policy in p.get("Policies", []):
            # SAM's policy templates omit Version; IAM then assumes one, but moto insists on it.
            document = {"Version": "2012-10-17", **policy["PolicyDocument"]}
            iam.put_role_policy(RoleName=name, PolicyName=policy["PolicyName"], PolicyDocument=json.dumps(document))
        return CreatedResource(logical_id, "AWS::IAM::Role", name, {"Arn": arn})

    def _function(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        code_path = local_path_of(f"s3://{p['Code']['S3Bucket']}/{p['Code']['S3Key']}")
        if code_path is None:
            raise ProvisioningError(f"{logical_id}: only local CodeUri folders can run locally")
        name = p.get("FunctionName", self._name(logical_id))
        environment = {k: str(v) for k, v in p.get("Environment", {}).get("Variables", {}).items()}
        response = self._client("lambda").create_function(
            FunctionName=name,
            Runtime=p.get("Runtime", "python3.12"),
            Role=p["Role"],
            Handler=p["Handler"],
            Code={"ZipFile": _placeholder_zip()},
            Environment={"Variables": environment},
            MemorySize=int(p.get("MemorySize", 128)),
            Timeout=int(p.get("Timeout", 3)),
        )
        self._functions.append(
            LocalFunction(
                name=name,
                arn=response["FunctionArn"],
                code_dir=self._project_dir / code_path,
                handler=p["Handler"],
                environment=environment,
                memory_mb=int(p.get("MemorySize", 128)),
                timeout_seconds=int(p.get("Timeout", 3)),
                region=self._region,
            )
        )
        return CreatedResource(logical_id, "AWS::Lambda::Function", name, {"Arn": response["FunctionArn"]})

    def _state_machine(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        location = p.get("DefinitionS3Location")
        if location is not None:
            definition_path = local_path_of(f"s3://{location['Bucket']}/{location['Key']}")
            if definition_path is None:
                raise ProvisioningError(f"{logical_id}: only a local DefinitionUri can run locally")
            definition = (self._project_dir / definition_path).read_text(encoding="utf-8")
        else:
            definition = p.get("DefinitionString") or json.dumps(p["Definition"])
        for key, value in p.get("DefinitionSubstitutions", {}).items():
            definition = definition.replace("${" + key + "}", str(value))
        name = p.get("StateMachineName", self._name(logical_id))
        arguments: dict[str, Any] = {
            "name": name,
            "definition": definition,
            "roleArn": p["RoleArn"],
            "type": p.get("StateMachineType", "STANDARD"),
        }
        if "LoggingConfiguration" in p:
            arguments["loggingConfiguration"] = {
                "level": p["LoggingConfiguration"].get("Level", "OFF"),
                "includeExecutionData": p["LoggingConfiguration"].get("IncludeExecutionData", False),
                "destinations": [
                    {"cloudWatchLogsLogGroup": {"logGroupArn": d["CloudWatchLogsLogGroup"]["LogGroupArn"]}}
                    for d in p["LoggingConfiguration"].get("Destinations", [])
                ],
            }
        if "TracingConfiguration" in p:
            arguments["tracingConfiguration"] = {"enabled": bool(p["TracingConfiguration"].get("Enabled"))}
        stepfunctions = self._client("stepfunctions")
        arn = stepfunctions.create_state_machine(**arguments)["stateMachineArn"]
        revision = stepfunctions.describe_state_machine(stateMachineArn=arn)["revisionId"]
        attributes = {"Arn": arn, "Name": name, "StateMachineRevisionId": revision}
        return CreatedResource(logical_id, "AWS::StepFunctions::StateMachine", arn, attributes)

    def _state_machine_version(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        arguments = {"stateMachineArn": p["StateMachineArn"], "description": p.get("Description", "")}
        if "StateMachineRevisionId" in p:
            arguments["revisionId"] = p["StateMachineRevisionId"]
        arn = self._client("stepfunctions").publish_state_machine_version(**arguments)["stateMachineVersionArn"]
        return CreatedResource(logical_id, "AWS::StepFunctions::StateMachineVersion", arn, {"Arn": arn})

    def _state_machine_alias(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        """A new alias points at its version outright: CloudFormation shifts traffic gradually (DeploymentPreference)
        only when an update changes the version, which a local stack, created afresh, never does."""
        version = (p.get("DeploymentPreference") or {}).get("StateMachineVersionArn")
        routes = p.get("RoutingConfiguration") or [{"StateMachineVersionArn": version, "Weight": 100}]
        arn = self._client("stepfunctions").create_state_machine_alias(
            name=p["Name"],
            description=p.get("Description", ""),
            routingConfiguration=[
                {"stateMachineVersionArn": route["StateMachineVersionArn"], "weight": int(route["Weight"])}
                for route in routes
            ],
        )["stateMachineAliasArn"]
        return CreatedResource(logical_id, "AWS::StepFunctions::StateMachineAlias", arn, {"Arn": arn})

    def _user_pool(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        arguments = {key: p[key] for key in _COGNITO_POOL_KEYS if key in p}
        pool = self._client("cognito-idp").create_user_pool(
            PoolName=p.get("UserPoolName", self._name(logical_id)), **arguments
        )["UserPool"]
        provider = f"cognito-idp.{self._region}.amazonaws.com/{pool['Id']}"
        attributes = {"Arn": pool["Arn"], "ProviderName": provider, "ProviderURL": f"https://{provider}"}
        return CreatedResource(logical_id, "AWS::Cognito::UserPool", pool["Id"], attributes)

    def _user_pool_client(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        client = self._client("cognito-idp").create_user_pool_client(
            UserPoolId=p["UserPoolId"],
            ClientName=p.get("ClientName", self._name(logical_id)),
            GenerateSecret=bool(p.get("GenerateSecret", False)),
            ExplicitAuthFlows=p.get("ExplicitAuthFlows", []),
        )["UserPoolClient"]
        return CreatedResource(logical_id, "AWS::Cognito::UserPoolClient", client["ClientId"], {})

    def _user_pool_group(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        name = p.get("GroupName", self._name(logical_id))
        self._client("cognito-idp").create_group(UserPoolId=p["UserPoolId"], GroupName=name)
        return CreatedResource(logical_id, "AWS::Cognito::UserPoolGroup", name, {})

    def _alarm(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        """Stored in moto's CloudWatch; the local stack's alarm evaluator changes their state."""
        name = p.get("AlarmName", self._name(logical_id))
        arguments = {
            "AlarmName": name,
            "AlarmDescription": p.get("AlarmDescription", ""),
            "Namespace": p["Namespace"],
            "MetricName": p["MetricName"],
            "Dimensions": p.get("Dimensions", []),
            "Statistic": p["Statistic"],
            "Period": int(p["Period"]),
            "EvaluationPeriods": int(p["EvaluationPeriods"]),
            "Threshold": float(p["Threshold"]),
            "ComparisonOperator": p["ComparisonOperator"],
            "TreatMissingData": p.get("TreatMissingData", "missing"),
            "AlarmActions": p.get("AlarmActions", []),
            "OKActions": p.get("OKActions", []),
            "InsufficientDataActions": p.get("InsufficientDataActions", []),
        }
        cloudwatch = self._client("cloudwatch")
        cloudwatch.put_metric_alarm(**arguments)
        arn = cloudwatch.describe_alarms(AlarmNames=[name])["MetricAlarms"][0]["AlarmArn"]
        return CreatedResource(logical_id, "AWS::CloudWatch::Alarm", name, {"Arn": arn})

    def _event_bus(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        arn = self._client("events").create_event_bus(Name=p["Name"])["EventBusArn"]
        return CreatedResource(logical_id, "AWS::Events::EventBus", p["Name"], {"Arn": arn, "Name": p["Name"]})

    def _event_rule(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        events = self._client("events")
        name = p.get("Name", self._name(logical_id))
        bus = {"EventBusName": p["EventBusName"]} if "EventBusName" in p else {}
        # A rule matches events (EventPattern) or runs on a schedule (ScheduleExpression, see scheduled_rules).
        trigger = (
            {"ScheduleExpression": p["ScheduleExpression"]}
            if "ScheduleExpression" in p
            else {"EventPattern": json.dumps(p["EventPattern"])}
        )
        arn = events.put_rule(
            Name=name,
            **trigger,
            State=p.get("State", "ENABLED"),
            Description=p.get("Description", ""),
            **bus,
        )["RuleArn"]
        if p.get("Targets"):
            events.put_targets(Rule=name, Targets=p["Targets"], **bus)
        return CreatedResource(logical_id, "AWS::Events::Rule", name, {"Arn": arn})

    def _queue_policy(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        for queue_url in p["Queues"]:
            self._client("sqs").set_queue_attributes(
                QueueUrl=queue_url, Attributes={"Policy": json.dumps(p["PolicyDocument"])}
            )
        return CreatedResource(logical_id, "AWS::SQS::QueuePolicy", logical_id)

    def _topic_policy(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        for topic_arn in p["Topics"]:
            self._client("sns").set_topic_attributes(
                TopicArn=topic_arn, AttributeName="Policy", AttributeValue=json.dumps(p["PolicyDocument"])
            )
        return CreatedResource(logical_id, "AWS::SNS::TopicPolicy", logical_id)

    def _logs_resource_policy(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        self._client("logs").put_resource_policy(policyName=p["PolicyName"], policyDocument=p["PolicyDocument"])
        return CreatedResource(logical_id, "AWS::Logs::ResourcePolicy", p["PolicyName"])

    def _dashboard(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        name = p.get("DashboardName", self._name(logical_id))
        self._client("cloudwatch").put_dashboard(DashboardName=name, DashboardBody=p["DashboardBody"])
        return CreatedResource(logical_id, "AWS::CloudWatch::Dashboard", name, {})

    def _rest_api(self, logical_id: str, p: dict[str, Any]) -> CreatedResource:
        """The API gets an id in moto; its routes are served by the local API server from the resolved Body."""
        api_id = self._client("apigateway").create_rest_api(name=p.get("Name", self._name(logical_id)))["id"]
        return CreatedResource(logical_id, "AWS::ApiGateway::RestApi", api_id, {"RootResourceId": api_id})
