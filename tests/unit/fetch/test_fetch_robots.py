"""robots.txt: obeyed, fetched once per site and kept for a while, 404 allows, 5xx waits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from presswatch.errors import BlockedURLError, TransientError
from presswatch.fetch.client import Fetcher

MakeFetcher = Callable[..., Fetcher]

ROBOTS = b"""User-agent: otherbot
Disallow: /

User-agent: *
Disallow: /private/
Crawl-delay: 4
"""


class Site:
    def __init__(self, robots: httpx.Response) -> None:
        self.robots = robots
        self.paths: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        if request.url.path == "/robots.txt":
            return self.robots
        return httpx.Response(200, content=b"<rss version='2.0'/>")


def test_disallowed_path_is_not_fetched(make_fetcher: MakeFetcher) -> None:
    site = Site(httpx.Response(200, content=ROBOTS))
    fetcher = make_fetcher(site, respect_robots=True)
    with pytest.raises(BlockedURLError, match="robots.txt of news.example disallows"):
        fetcher.fetch("https://news.example/private/feed.xml")
    assert fetcher.fetch("https://news.example/public/feed.xml").status == 200
    assert fetcher.fetch("https://news.example/other.xml").status == 200
    assert site.paths == ["/robots.txt", "/public/feed.xml", "/other.xml"]


def test_robots_is_fetched_again_after_its_ttl(make_fetcher: MakeFetcher,
                                               fake_time: Any) -> None:
    site = Site(httpx.Response(200, content=ROBOTS))
    fetcher = make_fetcher(site, respect_robots=True)
    fetcher.fetch("https://news.example/a")
    fake_time.now += 3599
    fetcher.fetch("https://news.example/b")
    fake_time.now += 2
    fetcher.fetch("https://news.example/c")
    assert site.paths == ["/robots.txt", "/a", "/b", "/robots.txt", "/c"]


def test_missing_robots_allows_everything(make_fetcher: MakeFetcher) -> None:
    site = Site(httpx.Response(404))
    fetcher = make_fetcher(site, respect_robots=True)
    assert fetcher.fetch("https://news.example/private/x").status == 200


def test_robots_5xx_means_not_now(make_fetcher: MakeFetcher) -> None:
    site = Site(httpx.Response(503))
    fetcher = make_fetcher(site, respect_robots=True)
    with pytest.raises(TransientError, match="robots.txt answered HTTP 503"):
        fetcher.fetch("https://news.example/feed.xml")
    assert "/feed.xml" not in site.paths
    site.robots = httpx.Response(200, content=b"User-agent: *\nAllow: /\n")
    assert fetcher.fetch("https://news.example/feed.xml").status == 200  # not cached as allow


def test_crawl_delay_spaces_requests(make_fetcher: MakeFetcher, fake_time: Any) -> None:
    site = Site(httpx.Response(200, content=ROBOTS))
    fetcher = make_fetcher(site, respect_robots=True, min_host_interval=1.0)
    fetcher.fetch("https://news.example/a")
    fetcher.fetch("https://news.example/b")
    assert fake_time.sleeps == [1.0, 4.0]  # after robots.txt the interval, then Crawl-delay


def test_robots_is_not_asked_when_disabled(make_fetcher: MakeFetcher) -> None:
    site = Site(httpx.Response(200, content=b"User-agent: *\nDisallow: /\n"))
    fetcher = make_fetcher(site, respect_robots=False)
    assert fetcher.fetch("https://news.example/feed.xml").status == 200
    assert site.paths == ["/feed.xml"]


def test_robots_redirect_to_a_private_address_counts_as_absent(make_fetcher: MakeFetcher
                                                              ) -> None:
    site = Site(httpx.Response(302, headers={"Location": "http://10.0.0.1/robots.txt"}))
    fetcher = make_fetcher(site, respect_robots=True)
    assert fetcher.fetch("https://news.example/feed.xml").status == 200
    assert site.paths == ["/robots.txt", "/feed.xml"]
