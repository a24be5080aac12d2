"""The one error the smoke test raises: a sentence saying which step failed and what was seen."""


class SmokeFailure(Exception):
    pass
