"""Bad answers to the fetcher: compression bombs, random bodies and headers, broken gzip.

Only the documented errors leave ``Fetcher.fetch`` (``TooLargeError`` for limits,
``FetchError`` for undecodable bodies, ``TransientError`` for 5xx), and a compressed body that
expands past ``max_body_bytes`` is refused without the expansion ever being held in memory.
"""

from __future__ import annotations

import gzip
import socket
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presswatch.errors import FetchError, TooLargeError, TransientError
from presswatch.fetch.client import Fetcher
from presswatch.settings import Settings

LIMIT = 1_000_000
EXPANDED = 200_000_000  # what the bomb inflates to: 200 times the limit


def resolver(host: str, port: int, *args: Any) -> list[tuple[Any, ...]]:
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]


def fetcher(handler: Callable[[httpx.Request], httpx.Response], **overrides: Any) -> Fetcher:
    values: dict[str, Any] = {"min_host_interval": 0.0, "fetch_backoff": 0.0, "fetch_retries": 1,
                              "respect_robots": False, "max_body_bytes": LIMIT}
    values.update(overrides)
    return Fetcher(Settings(_env_file=None, **values), httpx.MockTransport(handler),
                   resolver=resolver, sleep=lambda _: None)


def zeros_compressed(size: int, wbits: int) -> bytes:
    """``size`` zero bytes compressed (gzip for wbits 31, zlib for 15) without holding them."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = bytes(1_000_000)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    return b"".join([*parts, packer.flush()])


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    return zeros_compressed(EXPANDED, 31)


def answer(body: bytes | Iterator[bytes], encoding: str) -> Callable[[httpx.Request],
                                                                        httpx.Response]:
    """A server that sends ``body`` as it is on the wire (a stream, as from a socket: given
    bytes, httpx.Response would inflate them itself when built)."""
    def handler(request: httpx.Request) -> httpx.Response:
        stream = iter([body]) if isinstance(body, bytes) else body
        return httpx.Response(200, content=stream, headers={"Content-Encoding": encoding,
                                                            "Content-Type": "text/html"})
    return handler


def peak_while(action: Callable[[], object]) -> int:
    """Peak bytes allocated by Python objects while ``action`` runs (it must raise)."""
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError, match="over the limit"):
            action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_gzip_bomb_is_refused_without_inflating_it(gzip_bomb: bytes) -> None:
    assert len(gzip_bomb) < EXPANDED // 500
    with fetcher(answer(gzip_bomb, "gzip")) as client:
        peak = peak_while(lambda: client.fetch("https://news.example/bomb.html"))
    # The compressed body itself is held once or twice; the 200 MB expansion never is.
    assert peak < 2 * len(gzip_bomb) + 4 * LIMIT


def test_a_deflate_bomb_sent_in_small_chunks_is_refused() -> None:
    bomb = zeros_compressed(50_000_000, 15)
    chunks = (bomb[i:i + 4096] for i in range(0, len(bomb), 4096))
    with fetcher(answer(chunks, "deflate")) as client:
        peak = peak_while(lambda: client.fetch("https://news.example/deflate.html"))
    assert peak < 2 * len(bomb) + 4 * LIMIT


def test_a_bomb_wrapped_twice_is_refused(gzip_bomb: bytes) -> None:
    twice = gzip.compress(gzip_bomb)
    with fetcher(answer(twice, "gzip, gzip")) as client:
        peak = peak_while(lambda: client.fetch("https://news.example/twice.html"))
    assert peak < 3 * len(gzip_bomb) + 4 * LIMIT


def test_compressed_pages_under_the_limit_still_arrive_whole() -> None:
    page = ("<html><body>" + "<p>Новини дня: уряд затвердив бюджет.</p>" * 2000
            + "</body></html>").encode()
    members = gzip.compress(page[:5000]) + gzip.compress(page[5000:])  # two gzip members
    for body, encoding in ((gzip.compress(page), "gzip"), (zlib.compress(page), "deflate"),
                           (zlib.compress(page)[2:-4], "deflate"), (members, "x-gzip"),
                           (gzip.compress(zlib.compress(page)), "deflate, gzip"),
                           (gzip.compress(page) + b"\0\0\0\0", "gzip")):  # padding after it
        with fetcher(answer(body, encoding)) as client:
            assert client.fetch("https://news.example/page.html").body == page, encoding


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.binary(max_size=4000),
       encoding=st.sampled_from(["gzip", "deflate", "x-gzip", "identity", "", "br", "gzip, br",
                                 "deflate, gzip", "compress", "GZIP"]),
       status=st.sampled_from([200, 203, 206, 404, 410, 500, 503]))
def test_random_bodies_raise_only_documented_errors(body: bytes, encoding: str,
                                                    status: int) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=iter([body]),
                              headers={"Content-Encoding": encoding})

    with fetcher(handler) as client:
        try:
            response = client.fetch("https://news.example/random")
        except (FetchError, TransientError) as err:
            assert str(err)
        else:
            assert 200 <= response.status < 300
            assert len(response.body) <= LIMIT


@settings(max_examples=25, deadline=None)
@given(page=st.binary(min_size=1, max_size=3000), cut=st.integers(min_value=0, max_value=20))
def test_truncated_gzip_is_a_fetch_error_never_half_a_page(page: bytes, cut: int) -> None:
    packed = gzip.compress(page)
    body = packed[: len(packed) - cut]
    with fetcher(answer(body, "gzip")) as client:
        if cut == 0:
            assert client.fetch("https://news.example/whole").body == page
            return
        with pytest.raises(FetchError, match="could not be decoded"):
            client.fetch("https://news.example/cut")
