"""Handler settings come from the environment variables that template.yaml names, read at every invocation
(never at import), so that tests and the local stack can point a warm function anywhere."""

from __future__ import annotations

import os
from typing import Self

from pydantic import BaseModel


class EnvironmentSettings(BaseModel):
    @classmethod
    def from_environment(cls) -> Self:
        return cls.model_validate(dict(os.environ))
