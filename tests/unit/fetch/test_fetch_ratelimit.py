"""The minimum interval per host, measured with the real monotonic clock."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx

from presswatch.fetch.client import Fetcher
from presswatch.fetch.ratelimit import HostRateLimiter
from presswatch.settings import Settings

INTERVAL = 0.2
SLACK = 0.02  # timer granularity


def public(host: str, port: int, *args: object) -> list[tuple[object, ...]]:
    return [(2, 1, 6, "", ("93.184.216.34", port))]


def recording_fetcher() -> tuple[Fetcher, dict[str, list[float]]]:
    arrivals: dict[str, list[float]] = {}
    lock = threading.Lock()

    def handler(request: httpx.Request) -> httpx.Response:
        with lock:
            arrivals.setdefault(request.url.host, []).append(time.monotonic())
        return httpx.Response(200, content=b"ok")

    settings = Settings(min_host_interval=INTERVAL, respect_robots=False)
    return Fetcher(settings, httpx.MockTransport(handler), resolver=public), arrivals


def gaps(times: list[float]) -> list[float]:
    ordered = sorted(times)
    return [b - a for a, b in zip(ordered, ordered[1:], strict=False)]


def test_requests_to_one_host_are_spaced() -> None:
    fetcher, arrivals = recording_fetcher()
    with fetcher:
        for i in range(3):
            fetcher.fetch(f"https://news.example/{i}")
        started = time.monotonic()
        fetcher.fetch("https://cdn.example/other-host")
        other_host_wait = time.monotonic() - started
    assert all(gap >= INTERVAL - SLACK for gap in gaps(arrivals["news.example"]))
    assert other_host_wait < INTERVAL / 2


def test_threads_share_the_interval() -> None:
    fetcher, arrivals = recording_fetcher()
    run: Callable[[int], object] = lambda i: fetcher.fetch(f"https://news.example/t{i}")  # noqa: E731
    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    with fetcher:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
    assert len(arrivals["news.example"]) == 4
    assert all(gap >= INTERVAL - SLACK for gap in gaps(arrivals["news.example"]))


def test_limiter_reserves_slots_in_order() -> None:
    now = [0.0]
    slept: list[float] = []
    limiter = HostRateLimiter(1.0, clock=lambda: now[0], sleep=slept.append)
    assert [limiter.wait("a:443") for _ in range(3)] == [0.0, 1.0, 2.0]
    assert limiter.wait("b:443") == 0.0
    assert limiter.wait("a:443", interval=5.0) == 3.0
    assert slept == [1.0, 2.0, 3.0]
