"""/_local/mailbox: what SNS would have e-mailed, as a page with clickable links or as JSON."""

from __future__ import annotations

import json
from html import escape

from bookmarks_flow.local.api.integrations import HttpResponse
from bookmarks_flow.local.autolink import linkify
from bookmarks_flow.local.mailbox import Mailbox, MailMessage

PAGE_HEADERS = {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def _message_html(message: MailMessage) -> str:
    return (
        '<article style="border:1px solid #ccd;border-radius:6px;padding:.8rem 1rem;margin:1rem 0">'
        f"<div><strong>To:</strong> {escape(message.to)} &nbsp; <strong>At:</strong> {escape(message.sentAt)}</div>"
        f"<div><strong>Subject:</strong> {escape(message.subject)}</div>"
        f'<pre style="white-space:pre-wrap;font-family:inherit">{linkify(message.body)}</pre>'
        "</article>"
    )


def mailbox_response(mailbox: Mailbox, accept: str, to: str | None) -> HttpResponse:
    messages = [m for m in mailbox.messages() if to is None or m.to == to]
    messages.reverse()  # newest first
    if "application/json" in accept:
        body = json.dumps([{k: v for k, v in m.to_json().items() if k != "topic_arn"} for m in messages])
        return HttpResponse(200, {"Content-Type": "application/json", "Cache-Control": "no-store"}, body.encode())
    items = "".join(_message_html(message) for message in messages) or "<p>No messages yet.</p>"
    page = (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Local mailbox</title></head>"
        '<body style="font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem">'
        f"<h1>Local mailbox</h1><p>{len(messages)} message(s) that SNS would have e-mailed, newest first.</p>"
        f"{items}</body></html>"
    )
    return HttpResponse(200, PAGE_HEADERS, page.encode())
