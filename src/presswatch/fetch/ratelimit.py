"""A minimum interval between two requests to one host, shared by all threads."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ["HostRateLimiter"]


class HostRateLimiter:
    """``wait(host)`` returns when a request to ``host`` may start.

    Each caller reserves the next free slot under a lock and sleeps outside it, so threads
    aimed at one host are spaced by ``interval`` while other hosts are never held up.
    """

    def __init__(
        self,
        interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = max(0.0, interval)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}

    def wait(self, host: str, interval: float | None = None) -> float:
        """Block until ``host`` may be contacted; returns the seconds slept.

        ``interval`` overrides the default for this host (a robots.txt ``Crawl-delay``).
        """
        gap = self.interval if interval is None else max(self.interval, interval)
        with self._lock:
            now = self._clock()
            start = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = start + gap
        delay = start - now
        if delay > 0:
            self._sleep(delay)
        return max(0.0, delay)
