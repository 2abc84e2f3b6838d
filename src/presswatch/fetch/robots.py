"""robots.txt, fetched once per origin and kept for a while (RFC 9309 semantics).

* 2xx: the rules apply (the first 500 KiB are read);
* 4xx: no rules, everything is allowed;
* 5xx or 429: the site is unwell: nothing is fetched now (``TransientError``) and nothing is
  cached, so the next attempt asks again.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from presswatch.errors import BlockedURLError, TransientError
from presswatch.urls import host_key

__all__ = ["MAX_ROBOTS_BYTES", "RobotsCache", "RobotsRules", "robots_url"]

MAX_ROBOTS_BYTES = 512_000
#: A Crawl-delay above this is not honoured in full (a worker thread would idle for hours).
MAX_CRAWL_DELAY = 30.0

#: ``download(url) -> (status, body)``, through the guarded client.
Download = Callable[[str], tuple[int, bytes]]


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}/robots.txt"


@dataclass(frozen=True)
class RobotsRules:
    """The rules of one origin; ``parser`` None means everything is allowed."""

    parser: urllib.robotparser.RobotFileParser | None
    expires: float

    @classmethod
    def from_response(cls, status: int, body: bytes, expires: float) -> RobotsRules:
        if 200 <= status < 300:
            parser = urllib.robotparser.RobotFileParser()
            text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
            return cls(parser=parser, expires=expires)
        return cls(parser=None, expires=expires)

    def allows(self, url: str, user_agent: str) -> bool:
        return self.parser is None or self.parser.can_fetch(user_agent, url)

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return min(float(delay), MAX_CRAWL_DELAY) if delay is not None else None


class RobotsCache:
    """robots.txt rules per origin (scheme, host, port), each kept for ``ttl`` seconds."""

    def __init__(self, user_agent: str, *, ttl: float = 3600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.user_agent = user_agent
        self.ttl = ttl
        self._clock = clock
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def _origin(self, url: str) -> str:
        return f"{urlsplit(url).scheme.lower()}://{host_key(url)}"

    def rules(self, url: str, download: Download) -> RobotsRules:
        """The rules for ``url``'s origin, downloading robots.txt when not cached or stale."""
        origin = self._origin(url)
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # one download per origin even when many threads ask at once
            cached = self._rules.get(origin)
            if cached is not None and cached.expires > self._clock():
                return cached
            target = robots_url(url)
            status, body = download(target)
            if status == 429 or status >= 500:
                raise TransientError(f"{target} answered HTTP {status}; the site is not fetched "
                                     "until its robots.txt can be read")
            rules = RobotsRules.from_response(status, body, self._clock() + self.ttl)
            self._rules[origin] = rules
            return rules

    def check(self, url: str, download: Download) -> float | None:
        """``BlockedURLError`` when robots.txt disallows ``url``; else its Crawl-delay."""
        rules = self.rules(url, download)
        if not rules.allows(url, self.user_agent):
            raise BlockedURLError(f"robots.txt of {urlsplit(url).netloc} disallows {url}",
                                  url=url)
        return rules.crawl_delay(self.user_agent)
