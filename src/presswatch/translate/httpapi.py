"""What the HTTP engines share: a client with a time-out, and retries with backoff.

A request is retried on a time-out, a connection error, 429 and 5xx answers (``Retry-After``
honoured, in seconds or as an HTTP date, up to ``max_wait``; otherwise the backoff doubles from
``backoff``). After the last attempt the engine fails with the reason ("rate limited (429)
after 3 attempts"). Other answers go back to the engine, which reads its API's error format.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from presswatch.errors import TranslationError
from presswatch.translate.engines import Engine

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 529})


def secret_text(value: object) -> str:
    """The plain text of a setting that may be a ``SecretStr``, a string or None."""
    if value is None:
        return ""
    getter = getattr(value, "get_secret_value", None)
    return str(getter() if callable(getter) else value)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds to wait; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class HttpEngine(Engine):
    """An engine behind an HTTP API: one ``httpx.Client``, retries, and a time-out per call."""

    def __init__(
        self,
        *,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_wait: float = 60.0,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.timeout = float(timeout)
        self.retries = max(1, int(retries))
        self.backoff = float(backoff)
        self.max_wait = float(max_wait)
        self._transport = transport
        self._sleep = sleep
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(timeout=self.timeout, transport=self._transport)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """The answer to the first attempt that is neither a transient error nor 429/5xx."""
        reason = ""
        for attempt in range(1, self.retries + 1):
            wait = self.backoff * 2 ** (attempt - 1)
            try:
                response = self.client.request(method, url, **kwargs)
            except httpx.TimeoutException:
                reason = f"timed out after {self.timeout:g} s"
            except httpx.TransportError as err:
                reason = f"cannot reach {_origin(url)}: {err}"
            else:
                if response.status_code not in RETRY_STATUSES:
                    return response
                reason = _status_reason(response)
                asked = retry_after_seconds(response.headers.get("Retry-After"))
                if asked is not None:
                    if asked > self.max_wait:
                        raise TranslationError(f"{reason}; the server asks to retry after "
                                               f"{asked:g} s")
                    wait = asked
            if attempt < self.retries:
                log.info("%s: %s; attempt %d of %d, next in %.2f s", self.name, reason,
                         attempt, self.retries, wait)
                self._sleep(wait)
        raise TranslationError(f"{reason} after {self.retries} attempts")


def _status_reason(response: httpx.Response) -> str:
    if response.status_code in (429, 529):
        return f"rate limited ({response.status_code})"
    return f"server error ({response.status_code})"


def _origin(url: str) -> str:
    parsed = httpx.URL(url)
    return f"{parsed.scheme}://{parsed.netloc.decode('ascii', 'replace')}"
