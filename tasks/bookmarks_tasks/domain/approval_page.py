"""The pages a manager sees behind an approval link. Every value from a user is HTML-escaped.

The confirmation page never decides anything: looking at it (as e-mail scanners and link previews do) is
safe. Its form signs the manager in with Cognito from the browser and POSTs the decision with the ID token.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from typing import Any

from bookmarks_tasks.domain.display_text import display_text
from bookmarks_tasks.domain.link_origin import link_origin

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1d2433}
h1{font-size:1.4rem}dl{display:grid;grid-template-columns:8rem 1fr;gap:.4rem 1rem}dt{font-weight:600}
label{display:block;margin:.6rem 0 .2rem}input,textarea{width:100%;padding:.4rem;box-sizing:border-box}
.actions{margin-top:1rem;display:flex;gap:1rem}button{padding:.6rem 1.4rem;font-size:1rem;cursor:pointer}
.approve{background:#1f7a3a;color:#fff;border:0}.reject{background:#a4262c;color:#fff;border:0}
#result{margin-top:1rem;font-weight:600}.note{color:#5a6172;font-size:.9rem}
.destination{border:2px solid #1d2433;border-radius:6px;padding:.8rem 1rem;margin:1rem 0}
.destination .domain{font-size:1.5rem;font-weight:700;word-break:break-all}
.submitted{border-left:6px solid #b58900;background:#fdf6e3;padding:.6rem 1rem;margin:1.2rem 0}
.submitted .label{font-weight:600;margin:0 0 .4rem}
.submitted blockquote{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.submitted h2{font-size:1rem;margin:.6rem 0 .2rem}
#decision-form{border:2px solid #1f4e8c;border-radius:6px;padding:.4rem 1rem 1rem;margin-top:1.2rem}
"""

_SCRIPT = """
const config = JSON.parse(document.getElementById('approval-config').textContent);
const form = document.getElementById('decision-form');
const result = document.getElementById('result');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const decision = event.submitter ? event.submitter.value : 'APPROVED';
  result.textContent = 'Signing in...';
  try {
    const auth = await fetch(config.cognitoEndpoint, {
      method: 'POST',
      headers: {'Content-Type': 'application/x-amz-json-1.1',
                'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth'},
      body: JSON.stringify({AuthFlow: 'USER_PASSWORD_AUTH', ClientId: config.clientId,
                            AuthParameters: {USERNAME: form.username.value, PASSWORD: form.password.value}})
    });
    let signedIn = await auth.json();
    if (auth.ok && signedIn.ChallengeName === 'SOFTWARE_TOKEN_MFA') {
      if (!form.code.value) {
        result.textContent = 'Enter the code from your authenticator app, then choose again.';
        form.code.focus();
        return;
      }
      const second = await fetch(config.cognitoEndpoint, {
        method: 'POST',
        headers: {'Content-Type': 'application/x-amz-json-1.1',
                  'X-Amz-Target': 'AWSCognitoIdentityProviderService.RespondToAuthChallenge'},
        body: JSON.stringify({ChallengeName: 'SOFTWARE_TOKEN_MFA', ClientId: config.clientId,
                              Session: signedIn.Session,
                              ChallengeResponses: {USERNAME: form.username.value,
                                                   SOFTWARE_TOKEN_MFA_CODE: form.code.value}})
      });
      signedIn = second.ok ? await second.json() : {};
    }
    if (!auth.ok || !signedIn.AuthenticationResult) {
      result.textContent = 'Sign-in failed: check your user name and password.';
      return;
    }
    result.textContent = 'Recording your decision...';
    const response = await fetch(window.location.pathname, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Authorization': signedIn.AuthenticationResult.IdToken},
      body: JSON.stringify({decision: decision, comment: form.comment.value,
                            expires: config.expires, kid: config.kid,
                            signature: config.signature})
    });
    const answer = await response.json();
    result.textContent = answer.message || (response.ok ? 'Done.' : 'Something went wrong.');
    if (response.ok || response.status === 409 || response.status === 410) {
      form.querySelectorAll('button').forEach((button) => { button.disabled = true; });
    }
  } catch (error) {
    result.textContent = 'The decision could not be sent; try again.';
  }
});
"""


@dataclass(frozen=True)
class Page:
    status: int
    body: str
    nonce: str


def _document(title: str, content: str, nonce: str, script: str = "") -> str:
    script_tag = f'<script nonce="{nonce}">{script}</script>' if script else ""
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width,initial-scale=1">'
        f'<title>{escape(title)}</title><style nonce="{nonce}">{_STYLE}</style></head>'
        f"<body><h1>{escape(title)}</h1>{content}{script_tag}</body></html>"
    )


def message_page(status: int, title: str, message: str, nonce: str) -> Page:
    return Page(status, _document(title, f"<p>{escape(message)}</p>", nonce), nonce)


def decided_page(record: dict[str, Any], nonce: str) -> Page:
    decision = escape(str(record.get("decision", "")).lower())
    who = escape(str(record.get("decidedBy", "someone")))
    when = escape(str(record.get("decidedAt", "")))
    comment = record.get("decisionComment") or ""
    extra = f"<p>Comment: {escape(display_text(comment))}</p>" if comment else ""
    content = f"<p>This bookmark was already {decision} by {who} at {when}.</p>{extra}"
    return Page(409, _document("Already decided", content, nonce), nonce)


def confirmation_page(
    *,
    record: dict[str, Any],
    expires: str,
    kid: str,
    signature: str,
    client_id: str,
    cognito_endpoint: str,
    nonce: str,
) -> Page:
    tags = ", ".join(escape(display_text(tag)) for tag in record.get("tags", [])) or "none"
    raw_url = str(record.get("url", ""))
    url = escape(raw_url)
    who = escape(display_text(record.get("submitterUsername", "")))
    config = json.dumps(
        {
            "clientId": client_id,
            "cognitoEndpoint": cognito_endpoint,
            "expires": expires,
            "kid": kid,
            "signature": signature,
        }
    ).replace("<", "\\u003c")
    first = record.get("firstApprovedBy")
    half_way = (
        f"<p>{escape(display_text(str(first)))} approved it already; its tags need a second, different manager.</p>"
        if first
        else ""
    )
    content = (
        f"<p>{who} submitted a bookmark for the team's knowledge base. Decide below, after signing in.</p>"
        f"{half_way}"
        f"{_destination(raw_url)}"
        f"<dl><dt>Submitted by</dt><dd>{who}</dd><dt>Tags</dt><dd>{tags}</dd></dl>"
        f'<section class="submitted" aria-label="What {who} submitted">'
        f'<p class="label">Submitted by {who}: their words, not ours. Do not follow instructions in them.</p>'
        f'<blockquote><h2>Title</h2><div class="title">{escape(display_text(record.get("title", "")))}</div>'
        f'<h2>Link</h2><div><a href="{url}" rel="noopener noreferrer nofollow">'
        f"{escape(display_text(raw_url))}</a></div>"
        f'<h2>Description</h2><div class="description">'
        f"{escape(display_text(record.get('description', ''))) or '(none)'}</div></blockquote>"
        "</section>"
        '<form id="decision-form" autocomplete="on">'
        "<h2>Your decision</h2>"
        '<label for="comment">Comment (optional, shown to the submitter)</label>'
        '<textarea id="comment" name="comment" maxlength="1000" rows="3"></textarea>'
        '<p class="note">Sign in as a manager to decide. The first decision is final.</p>'
        '<label for="username">User name</label><input id="username" name="username" autocomplete="username" required>'
        '<label for="password">Password</label>'
        '<input id="password" name="password" type="password" autocomplete="current-password" required>'
        '<label for="code">Authenticator code (if your account has one)</label>'
        '<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6">'
        '<div class="actions">'
        '<button class="approve" type="submit" name="decision" value="APPROVED">Approve</button>'
        '<button class="reject" type="submit" name="decision" value="REJECTED">Reject</button>'
        "</div></form>"
        '<div id="result" role="status" aria-live="polite"></div>'
        f'<script id="approval-config" type="application/json">{config}</script>'
    )
    return Page(200, _document("Approve this bookmark?", content, nonce, _SCRIPT), nonce)


def _destination(url: str) -> str:
    """Where the bookmark's link goes, in the service's own words, with its registrable domain in large type."""
    origin = link_origin(url)
    if origin is None:
        return '<div class="destination">The bookmark\'s link could not be read.</div>'
    return (
        '<div class="destination"><div>The bookmark\'s link goes to</div>'
        f'<div class="domain">{escape(origin.domain_label())}</div>'
        f'<div class="note">host {escape(origin.host_label())}</div></div>'
    )


def security_headers(nonce: str, cognito_endpoint: str) -> dict[str, str]:
    return {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
            f"connect-src 'self' {cognito_endpoint}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        ),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        # The page's URL holds the signed link: it must not leak through Referer when the bookmark is opened.
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }
