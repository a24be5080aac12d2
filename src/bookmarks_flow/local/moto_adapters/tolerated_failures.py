"""Tolerated failures: moto 5.2.5 reads ToleratedFailurePercentage and ToleratedFailureCount but ignores them
("declarations currently have no effect"): a map run whose every child failed succeeds.

On AWS the map run fails with ``States.ExceedToleratedFailureThreshold`` once its failed (or timed out)
items exceed either threshold; both default to zero, so without them one failed item fails the Map
(https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html, "Failure threshold"). Items
are counted, not child executions: a failed batch fails all its items. It wraps the Map's run outermost
(install it after the distributed_map_batches adapter) so that the counts it reads are final.
"""

from __future__ import annotations

from moto.stepfunctions.parser.api import HistoryEventType, MapRunFailedEventDetails
from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import (
    FailureEvent,
    FailureEventException,
)
from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import StatesErrorName
from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type import StatesErrorNameType
from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.distributed_iteration_component import (
    DistributedIterationComponent,
    DistributedIterationComponentEvalInput,
)
from moto.stepfunctions.parser.asl.eval.environment import Environment
from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute


def exceeds_threshold(failed: int, total: int, tolerated_count: int, tolerated_percentage: float) -> bool:
    if failed == 0:
        return False
    return failed > tolerated_count and (total == 0 or failed * 100.0 / total > tolerated_percentage)


def install() -> Undo:
    original_map_run = DistributedIterationComponent._map_run

    def map_run(
        self: DistributedIterationComponent, env: Environment, eval_input: DistributedIterationComponentEvalInput
    ) -> None:
        original_map_run(self, env, eval_input)
        counts = eval_input.map_run_record.item_counter
        failed = counts.failed.get() + counts.timed_out.get()
        total = counts.total.get()
        count = int(eval_input.tolerated_failure_count or 0)
        percentage = float(eval_input.tolerated_failure_percentage or 0.0)
        if exceeds_threshold(failed, total, count, percentage):
            error_name = StatesErrorName(typ=StatesErrorNameType.StatesExceedToleratedFailureThreshold)
            cause = f"The specified tolerated failure threshold was exceeded: {failed} of {total} items failed"
            raise FailureEventException(
                failure_event=FailureEvent(
                    env=env,
                    error_name=error_name,
                    event_type=HistoryEventType.MapRunFailed,
                    event_details=EventDetails(
                        mapRunFailedEventDetails=MapRunFailedEventDetails(error=error_name.error_name, cause=cause)
                    ),
                )
            )

    return replace_attribute(DistributedIterationComponent, "_map_run", map_run)
