"""Fetcher test kit: a fake clock, a fake resolver and a fetcher over httpx.MockTransport."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from presswatch.fetch.client import Fetcher
from presswatch.settings import Settings

#: Host names the fake resolver knows; everything else does not resolve.
ADDRESSES = {
    "news.example": "93.184.216.34",
    "cdn.example": "151.101.1.1",
    "intranet.example": "192.168.10.20",
    "metadata.example": "169.254.169.254",
}


def fake_resolver(host: str, port: int, *args: Any) -> list[tuple[Any, ...]]:
    if host not in ADDRESSES:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ADDRESSES[host], port))]


class FakeTime:
    """A monotonic clock that only moves when someone sleeps; every sleep is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {"min_host_interval": 0.0, "fetch_backoff": 0.01,
                              "fetch_retries": 3, "respect_robots": False,
                              "allow_private_urls": False, "max_redirects": 5}
    values.update(overrides)
    return Settings(**values)


MakeFetcher = Callable[..., Fetcher]


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def make_fetcher(fake_time: FakeTime) -> Iterator[MakeFetcher]:
    made: list[Fetcher] = []

    def make(handler: Callable[[httpx.Request], httpx.Response], **overrides: Any) -> Fetcher:
        fetcher = Fetcher(settings(**overrides), httpx.MockTransport(handler),
                          resolver=fake_resolver, sleep=fake_time.sleep, clock=fake_time.clock)
        made.append(fetcher)
        return fetcher

    yield make
    for fetcher in made:
        fetcher.close()
