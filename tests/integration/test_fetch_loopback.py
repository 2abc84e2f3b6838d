"""A real HTTP server on 127.0.0.1: conditional GET costs a 304, and loopback is refused
unless allow_private_urls is set."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from presswatch.errors import BlockedURLError
from presswatch.fetch.client import Fetcher
from presswatch.settings import Settings

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback</title></channel></rss>'
ETAG = '"feed-v1"'
MODIFIED = "Tue, 05 Mar 2024 10:00:00 GMT"


class FeedHandler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str | None, str | None]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        FeedHandler.seen.append((self.path, self.headers.get("If-None-Match"),
                                 self.headers.get("If-Modified-Since")))
        if self.path == "/robots.txt":
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.send_header("ETag", ETAG)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(FEED)))
        self.send_header("ETag", ETAG)
        self.send_header("Last-Modified", MODIFIED)
        self.end_headers()
        self.wfile.write(FEED)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@pytest.fixture
def server() -> Iterator[str]:
    FeedHandler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_second_fetch_of_an_unchanged_feed_is_a_304(server: str) -> None:
    settings = Settings(allow_private_urls=True, min_host_interval=0.0, respect_robots=True)
    with Fetcher(settings) as fetcher:
        first = fetcher.fetch(f"{server}/feed.xml")
        second = fetcher.fetch(f"{server}/feed.xml", etag=first.etag,
                               last_modified=first.last_modified)
    assert (first.status, first.body, first.etag) == (200, FEED, ETAG)
    assert first.last_modified == MODIFIED
    assert (second.status, second.body, second.etag) == (304, b"", ETAG)
    assert FeedHandler.seen == [("/robots.txt", None, None), ("/feed.xml", None, None),
                                ("/feed.xml", ETAG, MODIFIED)]


def test_loopback_is_refused_without_allow_private_urls(server: str) -> None:
    with Fetcher(Settings(allow_private_urls=False, min_host_interval=0.0)) as fetcher:
        with pytest.raises(BlockedURLError, match="loopback address"):
            fetcher.fetch(f"{server}/feed.xml")
    assert FeedHandler.seen == []
