"""SendTaskFailure cause: moto's response handler reads ``error`` but drops ``cause`` before it reaches the
engine, so a Catch sees an empty cause. This passes it through, as AWS does."""

from __future__ import annotations

from moto.core.responses import ActionResult, EmptyResult
from moto.stepfunctions.responses import StepFunctionResponse

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute


def install() -> Undo:
    def send_task_failure(self: StepFunctionResponse) -> ActionResult:
        self.stepfunction_backend.send_task_failure(
            self._get_param("taskToken"), error=self._get_param("error"), cause=self._get_param("cause")
        )
        return EmptyResult()

    return replace_attribute(StepFunctionResponse, "send_task_failure", send_task_failure)
