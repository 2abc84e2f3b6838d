"""The fetcher over httpx.MockTransport: retries, conditional GET, limits, redirects."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from presswatch.errors import BlockedURLError, FetchError, TooLargeError, TransientError
from presswatch.fetch.client import Fetcher

MakeFetcher = Callable[..., Fetcher]
FakeTime = Any  # conftest.FakeTime: .now, .sleeps

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


class Script:
    """Answers requests from a list in order and remembers them."""

    def __init__(self, *answers: httpx.Response | Exception) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


def test_success_fills_response(make_fetcher: MakeFetcher) -> None:
    script = Script(httpx.Response(200, content=FEED, headers={
        "ETag": '"abc"', "Last-Modified": "Tue, 05 Mar 2024 10:00:00 GMT",
        "Content-Type": "application/rss+xml; charset=utf-8"}))
    response = make_fetcher(script).fetch("https://news.example/rss.xml")
    assert response.status == 200
    assert response.body == FEED
    assert response.etag == '"abc"'
    assert response.last_modified == "Tue, 05 Mar 2024 10:00:00 GMT"
    assert response.content_type == "application/rss+xml; charset=utf-8"
    assert response.fetched_at.tzinfo is not None
    assert script.requests[0].headers["user-agent"].startswith("presswatch/")


def test_conditional_get_gives_304_with_empty_body(make_fetcher: MakeFetcher) -> None:
    script = Script(httpx.Response(304, headers={"Cache-Control": "max-age=60"}))
    response = make_fetcher(script).fetch(
        "https://news.example/rss.xml", etag='"abc"', last_modified="Tue, 05 Mar 2024 10:00:00 GMT"
    )
    sent = script.requests[0].headers
    assert sent["if-none-match"] == '"abc"'
    assert sent["if-modified-since"] == "Tue, 05 Mar 2024 10:00:00 GMT"
    assert response.not_modified and response.status == 304 and response.body == b""
    assert response.etag == '"abc"'  # the validators survive a 304 that does not repeat them
    assert response.headers == {"cache-control": "max-age=60"}


def test_5xx_is_retried_with_exponential_backoff(make_fetcher: MakeFetcher,
                                                 fake_time: FakeTime) -> None:
    script = Script(httpx.Response(503), httpx.Response(502), httpx.Response(200, content=FEED))
    response = make_fetcher(script, fetch_backoff=0.01).fetch("https://news.example/rss.xml")
    assert response.body == FEED
    assert len(script.requests) == 3
    assert fake_time.sleeps == [0.01, 0.02]


def test_persistent_5xx_becomes_transient_error(make_fetcher: MakeFetcher,
                                                fake_time: FakeTime) -> None:
    script = Script(httpx.Response(500))
    with pytest.raises(TransientError, match=r"HTTP 500 .*after 4 attempt"):
        make_fetcher(script, fetch_retries=4).fetch("https://news.example/rss.xml")
    assert len(script.requests) == 4
    assert fake_time.sleeps == [0.01, 0.02, 0.04]


def test_429_waits_as_long_as_retry_after_asks(make_fetcher: MakeFetcher,
                                               fake_time: FakeTime) -> None:
    script = Script(httpx.Response(429, headers={"Retry-After": "7"}),
                    httpx.Response(200, content=FEED))
    make_fetcher(script).fetch("https://news.example/rss.xml")
    assert fake_time.sleeps == [7.0]


@pytest.mark.parametrize(
    ("error", "reason"),
    [(httpx.ReadTimeout("slow"), "timed out"),
     (httpx.ConnectError("refused"), "connection failed")],
)
def test_timeouts_and_connection_errors_are_retried(make_fetcher: MakeFetcher, error: Exception,
                                                    reason: str) -> None:
    script = Script(error)
    with pytest.raises(TransientError, match=reason):
        make_fetcher(script).fetch("https://news.example/rss.xml")
    assert len(script.requests) == 3
    recovering = Script(error, httpx.Response(200, content=FEED))
    assert make_fetcher(recovering).fetch("https://news.example/rss.xml").body == FEED


@pytest.mark.parametrize("status", [400, 403, 404, 410])
def test_4xx_is_a_fetch_error_without_retry(make_fetcher: MakeFetcher, status: int) -> None:
    script = Script(httpx.Response(status))
    with pytest.raises(FetchError) as caught:
        make_fetcher(script).fetch("https://news.example/gone")
    assert caught.value.status == status
    assert not isinstance(caught.value, TransientError)
    assert len(script.requests) == 1


def test_declared_body_over_the_cap_is_refused(make_fetcher: MakeFetcher) -> None:
    script = Script(httpx.Response(200, content=b"x" * 2000))
    with pytest.raises(TooLargeError, match="over the limit of 1,000"):
        make_fetcher(script, max_body_bytes=1000).fetch("https://news.example/big")


def test_streamed_body_over_the_cap_is_refused(make_fetcher: MakeFetcher) -> None:
    def chunks():
        for _ in range(100):
            yield b"y" * 100

    script = Script(httpx.Response(200, content=chunks()))
    with pytest.raises(TooLargeError, match="over the limit"):
        make_fetcher(script, max_body_bytes=1000).fetch("https://news.example/stream")


def test_gzip_is_decoded_and_the_cap_applies_to_the_decoded_size(
        make_fetcher: MakeFetcher) -> None:
    small = Script(httpx.Response(200, content=gzip.compress(FEED),
                                  headers={"Content-Encoding": "gzip"}))
    assert make_fetcher(small).fetch("https://news.example/rss.xml").body == FEED
    bomb = gzip.compress(b"\0" * 5_000_000)
    assert len(bomb) < 10_000
    script = Script(httpx.Response(200, content=bomb, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(TooLargeError):
        make_fetcher(script, max_body_bytes=100_000).fetch("https://news.example/bomb")


def test_total_time_limit(make_fetcher: MakeFetcher, fake_time: FakeTime) -> None:
    def trickle():
        for _ in range(50):
            fake_time.now += 1.0  # a byte a second
            yield b"z"

    script = Script(httpx.Response(200, content=trickle()))
    with pytest.raises(TooLargeError, match="took longer than 5 s"):
        make_fetcher(script, fetch_timeout=5.0).fetch("https://news.example/slow")


def test_redirects_are_followed_by_hand(make_fetcher: MakeFetcher) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "/new#frag"})
        if request.url.path == "/new":
            return httpx.Response(302, headers={"Location": "https://cdn.example/feed.xml"})
        return httpx.Response(200, content=FEED)

    response = make_fetcher(handler).fetch("https://news.example/old")
    assert response.url == "https://news.example/old"
    assert response.final_url == "https://cdn.example/feed.xml"
    assert response.body == FEED


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://192.168.1.1/admin", "192.168.1.1 is a private address"),
        ("http://127.0.0.1:8080/", "127.0.0.1 is a loopback address"),
        ("http://intranet.example/", "intranet.example resolves to 192.168.10.20"),
        ("http://metadata.example/latest/", "a link-local address"),
        ("http://[::1]/", "::1 is a loopback address"),
        ("file:///etc/passwd", "only http and https"),
    ],
)
def test_redirect_to_a_private_address_is_refused(make_fetcher: MakeFetcher, location: str,
                                                  reason: str) -> None:
    script = Script(httpx.Response(302, headers={"Location": location}))
    with pytest.raises(BlockedURLError) as caught:
        make_fetcher(script).fetch("https://news.example/r")
    assert "redirected from https://news.example/r" in str(caught.value)
    assert reason in str(caught.value)
    assert len(script.requests) == 1


def test_private_addresses_are_allowed_when_configured(make_fetcher: MakeFetcher) -> None:
    script = Script(httpx.Response(302, headers={"Location": "http://127.0.0.1:8101/x"}),
                    httpx.Response(200, content=FEED))
    fetcher = make_fetcher(script, allow_private_urls=True)
    assert fetcher.fetch("http://intranet.example/").final_url == "http://127.0.0.1:8101/x"


def test_redirect_loop_stops_at_the_limit(make_fetcher: MakeFetcher) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        target = "/b" if request.url.path == "/a" else "/a"
        return httpx.Response(302, headers={"Location": target})

    seen: list[str] = []
    with pytest.raises(TooLargeError, match=r"more than 3 redirects \(a redirect loop\)"):
        make_fetcher(lambda r: seen.append(r.url.path) or handler(r),
                     max_redirects=3).fetch("https://news.example/a")
    assert len(seen) == 4


def test_long_redirect_chain_stops_at_the_limit(make_fetcher: MakeFetcher) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        step = int(request.url.path.strip("/") or 0)
        return httpx.Response(307, headers={"Location": f"/{step + 1}"})

    with pytest.raises(TooLargeError, match="more than 5 redirects$"):
        make_fetcher(handler).fetch("https://news.example/0")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://news.example/feed", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("http://10.0.0.1/", "private address"),
        ("http://0.0.0.0:8000/", "unspecified address"),
        ("http://[fe80::1]/", "link-local address"),
        ("http://[::ffff:127.0.0.1]/", "loopback address"),
        ("http://100.64.0.1/", "not globally routable"),
    ],
)
def test_blocked_urls_are_never_requested(make_fetcher: MakeFetcher, url: str,
                                          message: str) -> None:
    script = Script(httpx.Response(200))
    with pytest.raises(BlockedURLError, match=message):
        make_fetcher(script).fetch(url)
    assert script.requests == []


def test_unknown_host_is_a_fetch_error(make_fetcher: MakeFetcher) -> None:
    script = Script(httpx.Response(200))
    with pytest.raises(FetchError, match="cannot resolve nowhere.example"):
        make_fetcher(script).fetch("https://nowhere.example/")
    assert script.requests == []
