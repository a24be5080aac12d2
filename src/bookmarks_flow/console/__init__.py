"""A local console for Step Functions executions, in the spirit of the AWS console's execution view.

It reads and acts only through the Step Functions API, so it works against moto, Step Functions Local or AWS.
"""

from bookmarks_flow.console.app import create_console_app

__all__ = ["create_console_app"]
