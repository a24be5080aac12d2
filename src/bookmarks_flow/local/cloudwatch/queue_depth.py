"""AWS/SQS ApproximateNumberOfMessagesVisible, which SQS samples and publishes each minute on AWS."""

from __future__ import annotations

from datetime import datetime

from moto.sqs.models import sqs_backends

from bookmarks_flow.local.cloudwatch.service_metrics import ServiceMetrics


def sample_queue_depths(metrics: ServiceMetrics, at: datetime) -> None:
    for queue in list(sqs_backends[metrics.account_id][metrics.region].queues.values()):
        metrics.publish(
            "AWS/SQS",
            "ApproximateNumberOfMessagesVisible",
            {"QueueName": queue.name},
            float(queue.approximate_number_of_messages),
            "Count",
            at,
        )
