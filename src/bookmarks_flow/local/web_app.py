"""The web app (web/) as the local stack serves it at /: the files, a config.json made from the stack's outputs
(on AWS, `bookmarks deploy-web` writes the same file), and the strict Content-Security-Policy that CloudFront's
response headers policy sends on AWS."""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path

from bookmarks_flow.local.api.integrations import HttpResponse

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_TYPES = {".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".html": "text/html"}


def security_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
    }


class WebApp:
    """Answers GET / and the app's files; everything else is the API's (the two share no path)."""

    def __init__(self, config: dict[str, str], web_dir: Path) -> None:
        self._config = json.dumps(config).encode()
        self._root = web_dir.resolve()

    def _file(self, path: str) -> Path | None:
        if path in ("/", "/index.html"):
            return self._root / "index.html"
        if not path.startswith("/assets/"):
            return None
        candidate = (self._root / path.lstrip("/")).resolve()
        if not candidate.is_relative_to(self._root / "assets") or not candidate.is_file():
            return None
        return candidate

    def respond(self, method: str, path: str) -> HttpResponse | None:
        if method not in ("GET", "HEAD"):
            return None
        headers = {**security_headers(), "Cache-Control": "no-cache"}
        if path == "/config.json":
            return HttpResponse(200, {**headers, "Content-Type": "application/json"}, self._config)
        found = self._file(path)
        if found is None:
            return None
        kind = _TYPES.get(found.suffix) or mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        charset = "; charset=utf-8" if kind.startswith("text/") or kind == "application/json" else ""
        return HttpResponse(200, {**headers, "Content-Type": kind + charset}, found.read_bytes())
