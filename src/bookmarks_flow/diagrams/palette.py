"""The colours every workflow diagram uses, in one place so the Mermaid chart and the SVG read the same way."""

from __future__ import annotations

from dataclasses import dataclass

from bookmarks_flow.diagrams.workflow_graph import EdgeKind, NodeKind

INK = "#1f2937"
MUTED = "#6b7280"
LINE = "#4b5563"
PERSON = "#7e22ce"
# AWS's own colours per service family, darkened where needed to stay readable as text on white.
SERVICE_COLOURS = {
    "Lambda": "#c2410c",
    "DynamoDB": "#3b48cc",
    "SNS": "#be185d",
    "SQS": "#9d174d",
    "Step Functions": "#be185d",
    "EventBridge": "#be185d",
    "S3": "#3f8624",
    "Secrets Manager": "#b91c1c",
}


@dataclass(frozen=True)
class Look:
    fill: str
    border: str
    text: str = INK


KIND_LOOKS = {
    NodeKind.START: Look(fill=INK, border=INK, text="#ffffff"),
    NodeKind.END: Look(fill=INK, border=INK, text="#ffffff"),
    NodeKind.JOIN: Look(fill=LINE, border=LINE, text="#ffffff"),
    NodeKind.TASK: Look(fill="#ffffff", border="#9ca3af"),
    NodeKind.CHOICE: Look(fill="#fffbeb", border="#d97706"),
    NodeKind.PASS: Look(fill="#f9fafb", border="#9ca3af"),
    NodeKind.WAIT: Look(fill="#f9fafb", border="#9ca3af"),
    NodeKind.SUCCEED: Look(fill="#ecfdf5", border="#15803d"),
    NodeKind.FAIL: Look(fill="#fef2f2", border="#b91c1c"),
    NodeKind.MAP: Look(fill="#eef2ff", border="#4338ca"),
    NodeKind.PARALLEL: Look(fill="#eef2ff", border="#4338ca"),
}

# The box around a Map's or a Parallel's states.
GROUP_FILL = "#f5f7ff"
GROUP_BORDER = "#4338ca"

EDGE_COLOURS = {
    EdgeKind.NORMAL: LINE,
    EdgeKind.CHOICE: "#b45309",
    EdgeKind.DEFAULT: MUTED,
    EdgeKind.CATCH: "#dc2626",
    EdgeKind.BRANCH: "#4338ca",
}

# What an execution view paints over the states (see dot.render_dot's highlights).
STATUS_LOOKS = {
    "succeeded": Look(fill="#bbf7d0", border="#15803d"),
    "failed": Look(fill="#fecaca", border="#b91c1c"),
    "caught": Look(fill="#fed7aa", border="#c2410c"),
    "retried": Look(fill="#fef08a", border="#a16207"),
    "running": Look(fill="#bfdbfe", border="#1d4ed8"),
    "waiting": Look(fill="#e9d5ff", border=PERSON),
    "not_reached": Look(fill="#f3f4f6", border="#d1d5db", text="#9ca3af"),
}
STATUS_DESCRIPTIONS = {
    "succeeded": "succeeded",
    "failed": "failed",
    "caught": "failed, error caught",
    "retried": "retried",
    "running": "running",
    "waiting": "waiting for a person",
    "not_reached": "not reached",
}

# The architecture diagram: a tint per column, a colour per kind of connection.
CATEGORY_LOOKS = {
    "entry": Look(fill="#eef2ff", border="#4338ca"),
    "workflow": Look(fill="#fdf2f8", border="#be185d"),
    "compute": Look(fill="#fff7ed", border="#c2410c"),
    "data": Look(fill="#eff6ff", border="#3b48cc"),
    "messaging": Look(fill="#fdf2f8", border="#9d174d"),
    "people": Look(fill="#f0fdf4", border="#15803d"),
    "operations": Look(fill="#f9fafb", border="#6b7280"),
    "other": Look(fill="#f9fafb", border="#6b7280"),
}
LINK_COLOURS = {
    "calls": "#be185d",
    "triggers": "#4338ca",
    "uses": "#4b5563",
    "delivers": "#15803d",
    "redrives": "#dc2626",
    "refers": "#9ca3af",
}
