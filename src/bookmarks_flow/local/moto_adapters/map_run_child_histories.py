"""Map run child histories: in moto 5.2.5 every child execution of a Distributed Map writes its events into
one event manager shared by the whole map run, so the map run's history grows with every item: with the
local stack's 25,000-event history limit (service_limits/stepfunctions.py) an import of about a thousand
links fails, and the events of finished children are kept in memory until the map ends.

On AWS each child workflow execution has a history of its own, and the parent's history holds only the map
run's events (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html, "Child
workflow executions"). This gives each child (each job of the map run) a fresh event manager, dropped with
the child when it ends: no child execution's events are listed locally, as a Distributed Map's children
are not by GetExecutionHistory of the parent on AWS either.
"""

from __future__ import annotations

from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.itemprocessor.distributed_item_processor_worker import (  # noqa: E501
    DistributedItemProcessorWorker,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.job import Job
from moto.stepfunctions.parser.asl.eval.environment import Environment
from moto.stepfunctions.parser.asl.eval.event.event_manager import EventManager

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute


def install() -> Undo:
    original_eval_job = DistributedItemProcessorWorker._eval_job

    def eval_job(self: DistributedItemProcessorWorker, env: Environment, job: Job) -> None:
        env.event_manager = EventManager()
        original_eval_job(self, env, job)

    return replace_attribute(DistributedItemProcessorWorker, "_eval_job", eval_job)
