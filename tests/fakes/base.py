"""The common part of the fake MT servers: a threaded HTTP server and its knobs."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode("utf-8"), keep_blank_values=True)


@dataclass
class Reply:
    status: int
    body: bytes = b""
    headers: dict[str, str] | None = None

    @classmethod
    def json(cls, status: int, data: Any, **headers: str) -> Reply:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        return cls(status, body, {"Content-Type": "application/json", **headers})


def fake_translation(text: str, target: str) -> str:
    """What every fake answers for ``text``: ``[UK] text``."""
    return f"[{target.upper()}] {text}"


class FakeServer:
    """Start with ``with FakeX() as server:``; ``server.url`` is its base URL.

    Knobs: ``rate_limit_after`` (answer 429 to the requests after that many, for
    ``rate_limited_for`` requests, with ``Retry-After: retry_after``); ``fail_next`` (statuses
    to answer to the next requests, e.g. ``[503]``); ``requests`` records what came in.
    """

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.rate_limit_after: int | None = None
        self.rate_limited_for = 1
        self.retry_after: str | None = "0"
        self.fail_next: list[int] = []
        self._served = 0
        self._limited = 0
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "the server is not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeServer:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's names)
                fake._answer(self)

            def do_POST(self) -> None:  # noqa: N802
                fake._answer(self)

            def log_message(self, *args: object) -> None:
                return None

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        request = Request(handler.command, handler.path.split("?")[0],
                          {k.lower(): v for k, v in handler.headers.items()},
                          handler.rfile.read(length))
        with self._lock:
            self.requests.append(request)
        reply = self.handle(request)
        handler.send_response(reply.status)
        for name, value in (reply.headers or {}).items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(reply.body)))
        handler.end_headers()
        handler.wfile.write(reply.body)

    def throttle(self, limited: Reply, failed: Reply) -> Reply | None:
        """The 429 or 5xx answer this request gets, if any; counts the request."""
        with self._lock:
            if self.fail_next:
                failed.status = self.fail_next.pop(0)
                return failed
            if self.rate_limit_after is not None and self._served >= self.rate_limit_after \
                    and self._limited < self.rate_limited_for:
                self._limited += 1
                if self.retry_after is not None:
                    limited.headers = {**(limited.headers or {}), "Retry-After": self.retry_after}
                return limited
            self._served += 1
            return None

    def handle(self, request: Request) -> Reply:
        raise NotImplementedError

    def translate_requests(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]
