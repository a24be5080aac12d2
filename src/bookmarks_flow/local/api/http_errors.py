"""Errors the HTTP server answers before the API sees a request (a request line or header too long for it),
in JSON like every other answer of the API, instead of http.server's HTML page.

A header line over 64 KiB never reaches the WSGI application; the API itself refuses anything over API
Gateway's 10,240 bytes of request line and headers (see server.py), with the same status and message.
"""

from __future__ import annotations

import json

from werkzeug.serving import WSGIRequestHandler

TOO_LARGE_STATUS = 413
TOO_LARGE_MESSAGE = "The request is too large: the body may hold 10 MB, the request line and headers 10,240 bytes"


class JsonErrorRequestHandler(WSGIRequestHandler):
    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code in (414, 431):  # request line or header lines too long: API Gateway's REQUEST_TOO_LARGE
            code, text = TOO_LARGE_STATUS, TOO_LARGE_MESSAGE
        else:
            text = f"The request could not be read: {message or 'malformed HTTP'}"
        body = json.dumps({"message": text}).encode()
        self.close_connection = True
        try:
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD" and code >= 200 and code not in (204, 304):
                self.wfile.write(body)
        except OSError:
            pass
