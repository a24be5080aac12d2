"""The IAM audit of template.yaml (``python -m bookmarks_flow.iam_audit template.yaml``, run by dev.py lint).

Every identity policy of the translated template (inline statements, SAM policy templates as the translator
expands them, the AWS managed policies it attaches) is checked by parliament against the Service
Authorization Reference: unknown actions and prefixes, resources an action cannot take (RESOURCE_MISMATCH: the
old SendTaskSuccess on a state machine ARN), malformed ARNs, and ``Resource: "*"`` where the action takes a
resource. Every remaining wildcard, in an action or a resource, must be explained by a comment in
template.yaml (``# IAM wildcard (action, ...): why AWS needs it``) inside the resource it belongs to, or in
Globals for what SAM attaches to every function.
"""
