"""The REST resolver every API handler routes with: Powertools' own, matching the whole path.

Workaround for aws-lambda-powertools 3.37.0: ``APIGatewayRestResolver`` compiles each route as ``^{rule}/*$``
and ``re.match``es it, and ``$`` also matches before a final newline. A request for ``/bookmarks/%0A`` (path
``/bookmarks/\\n``) then runs the *list* route, and ``/bookmarks/a%0A`` reads bookmark ``a``: API Gateway
passes the decoded path through, so this happens on AWS as it does locally. ``\\Z`` ends the match at the end
of the path only. tests/tasks/test_rest_resolver.py fails when upstream stops needing this.
"""

from __future__ import annotations

import re

from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.event_handler.api_gateway import ApiGatewayResolver

WHOLE_PATH_ROUTE = r"^{}/*\Z"


class WholePathRestResolver(APIGatewayRestResolver):
    """Routes a request only when its whole path matches a route (trailing slashes still ignored, as upstream)."""

    @staticmethod
    def _compile_regex(rule: str, base_regex: str = WHOLE_PATH_ROUTE) -> re.Pattern[str]:
        compiled: re.Pattern[str] = ApiGatewayResolver._compile_regex(rule, WHOLE_PATH_ROUTE)
        return compiled
