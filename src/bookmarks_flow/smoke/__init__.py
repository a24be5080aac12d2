"""`bookmarks smoke`: one submission taken through a deployed stack, end to end, by throw-away users.

It reads everything it needs from the stack's CloudFormation outputs, so the same command runs against AWS after
each deploy and against the local stack (which registers itself as a stack with the same outputs).
"""
