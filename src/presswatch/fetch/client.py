"""``Fetcher``: one polite, guarded GET with conditional requests, retries and limits.

For every hop of a redirect chain: the SSRF guard, robots.txt (cached per origin), the
per-host interval, then the request. Redirects are followed here, never by httpx, so that no
hop escapes the guard. Failures are exceptions of ``presswatch.errors``:

* ``BlockedURLError`` bad scheme, private address (any hop), robots.txt disallow;
* ``TooLargeError``  body over ``max_body_bytes`` (after gzip/deflate decoding, which is done
  here in bounded steps so that a compression bomb is never inflated whole), over
  ``fetch_timeout`` in total, too many redirects;
* ``FetchError``     any other 4xx (``.status`` set), an unresolvable host;
* ``TransientError`` 5xx, 429, time-outs and connection errors after ``fetch_retries``
  attempts with exponential backoff; robots.txt answering 5xx.
"""

from __future__ import annotations

import logging
import socket
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType

import httpx

from presswatch.errors import BlockedURLError, FetchError, TooLargeError, TransientError
from presswatch.fetch.guard import Resolver, check_url
from presswatch.fetch.ratelimit import HostRateLimiter
from presswatch.fetch.robots import MAX_ROBOTS_BYTES, RobotsCache
from presswatch.models import Response
from presswatch.settings import Settings
from presswatch.urls import absolute_url, host_key

__all__ = ["Fetcher"]

log = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: Content encodings decoded here, in bounded steps; others are left to httpx.
INFLATED = frozenset({"gzip", "x-gzip", "deflate", "identity"})
#: The most decompressed bytes produced from one step.
INFLATE_STEP = 65_536
#: The longest a ``Retry-After`` header may make us wait between two attempts.
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True, slots=True)
class _Answer:
    final_url: str
    status: int
    reason: str
    headers: dict[str, str]
    body: bytes


class _Retryable(Exception):
    """A 5xx or 429 answer: worth another attempt."""

    def __init__(self, answer: _Answer) -> None:
        super().__init__(f"HTTP {answer.status} {answer.reason}".strip())
        self.answer = answer


def _retry_after(headers: dict[str, str]) -> float | None:
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class Fetcher:
    """A polite HTTP client over httpx; thread-safe; use as a context manager or ``close()``.

    ``transport`` replaces the network (``httpx.MockTransport`` in tests); ``resolver``,
    ``sleep`` and ``clock`` replace DNS and time for the same reason.
    """

    def __init__(
        self,
        settings: Settings,
        transport: httpx.BaseTransport | None = None,
        *,
        resolver: Resolver = socket.getaddrinfo,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._resolver = resolver
        self._sleep = sleep
        self._clock = clock
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(settings.fetch_timeout),
            headers={"User-Agent": settings.user_agent},
        )
        self._limiter = HostRateLimiter(settings.min_host_interval, clock=clock, sleep=sleep)
        self._robots = RobotsCache(
            settings.user_agent, ttl=settings.robots_ttl, clock=clock
        )

    # -- public -------------------------------------------------------------------------

    def fetch(self, url: str, *, etag: str | None = None,
              last_modified: str | None = None) -> Response:
        """GET ``url`` (conditionally when ``etag``/``last_modified`` are given).

        A 304 comes back as a ``Response`` with status 304, an empty body and the validators
        it was asked with (unless the server sent new ones).
        """
        url = url.strip()
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        answer = self._with_retries(url, headers)
        return self._response(url, answer, etag, last_modified)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- attempts -----------------------------------------------------------------------

    def _with_retries(self, url: str, headers: dict[str, str]) -> _Answer:
        attempts = max(1, self.settings.fetch_retries)
        reason = ""
        for attempt in range(1, attempts + 1):
            wait: float | None = None
            try:
                answer = self._chain(url, headers, limit=self.settings.max_body_bytes,
                                     robots=self.settings.respect_robots)
                return self._classify(answer)
            except _Retryable as err:
                reason, wait = str(err), _retry_after(err.answer.headers)
            except httpx.TimeoutException as err:
                reason = f"timed out ({type(err).__name__})"
            except httpx.TransportError as err:
                reason = f"connection failed ({type(err).__name__}: {err})"
            log.info("fetch attempt %d/%d failed: %s", attempt, attempts, reason,
                     extra={"url": url, "stage": "fetch"})
            if attempt < attempts:
                self._sleep(self._backoff(attempt, wait))
        raise TransientError(f"{url}: {reason} after {attempts} attempt(s)")

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        delay = self.settings.fetch_backoff * 2 ** (attempt - 1)
        if retry_after is not None:
            delay = max(delay, min(retry_after, MAX_RETRY_AFTER))
        return delay

    def _classify(self, answer: _Answer) -> _Answer:
        status = answer.status
        if status == 429 or status >= 500:
            raise _Retryable(answer)
        if status == 304 or 200 <= status < 300:
            return answer
        raise FetchError(f"{answer.final_url}: HTTP {status} {answer.reason}".rstrip(),
                         url=answer.final_url, status=status)

    def _response(self, url: str, answer: _Answer, etag: str | None,
                  last_modified: str | None) -> Response:
        new_etag = answer.headers.get("etag")
        new_modified = answer.headers.get("last-modified")
        if answer.status == 304:
            new_etag, new_modified = new_etag or etag, new_modified or last_modified
        return Response(
            url=url, final_url=answer.final_url, status=answer.status, headers=answer.headers,
            body=answer.body, fetched_at=datetime.now(UTC), etag=new_etag,
            last_modified=new_modified,
        )

    # -- one attempt: the redirect chain ------------------------------------------------

    def _chain(self, url: str, headers: dict[str, str], *, limit: int, robots: bool,
               truncate: bool = False) -> _Answer:
        deadline = self._clock() + self.settings.fetch_timeout
        current, seen = url, [url]
        for hop in range(self.settings.max_redirects + 1):
            try:
                check_url(current, allow_private=self.settings.allow_private_urls,
                          resolver=self._resolver)
            except BlockedURLError as err:
                if hop == 0:
                    raise
                raise BlockedURLError(f"redirected from {url}: {err}", url=current) from err
            delay = self._robots.check(current, self._download_robots) if robots else None
            self._limiter.wait(host_key(current), delay)
            result = self._request(current, headers, deadline, limit, truncate)
            if isinstance(result, _Answer):
                return result
            current = result
            seen.append(current)
        loop = " (a redirect loop)" if len(set(seen)) < len(seen) else ""
        raise TooLargeError(f"{url}: more than {self.settings.max_redirects} redirects{loop}",
                            url=url)

    def _download_robots(self, robots_url: str) -> tuple[int, bytes]:
        """robots.txt through the guarded chain; one that redirects too often or to a blocked
        address counts as absent (RFC 9309: unavailable means no rules)."""
        try:
            answer = self._chain(robots_url, {}, limit=MAX_ROBOTS_BYTES, robots=False,
                                 truncate=True)
        except (TooLargeError, BlockedURLError) as err:
            log.info("robots.txt unavailable: %s", err, extra={"url": robots_url})
            return 404, b""
        return answer.status, answer.body

    def _request(self, url: str, headers: dict[str, str], deadline: float, limit: int,
                 truncate: bool) -> _Answer | str:
        """One GET: an ``_Answer``, or the absolute URL a redirect points to."""
        remaining = deadline - self._clock()
        if remaining <= 0:
            raise TooLargeError(f"{url}: took longer than {self.settings.fetch_timeout:g} s",
                                url=url)
        try:
            with self._client.stream("GET", url, headers=headers,
                                     timeout=httpx.Timeout(remaining)) as resp:
                return self._read(url, resp, deadline, limit, truncate)
        except httpx.DecodingError as err:
            raise FetchError(f"{url}: the body could not be decoded ({err})", url=url) from err
        except httpx.InvalidURL as err:
            raise BlockedURLError(f"not a valid URL: {url} ({err})", url=url) from err

    def _read(self, url: str, resp: httpx.Response, deadline: float, limit: int,
              truncate: bool) -> _Answer | str:
        status = resp.status_code
        if status in REDIRECT_STATUSES:
            location = resp.headers.get("location", "").strip()
            if not location:
                raise FetchError(f"{url}: HTTP {status} without a Location header", url=url,
                                 status=status)
            return absolute_url(url, location).partition("#")[0]
        headers = {key.lower(): value for key, value in resp.headers.items()}
        body = b""
        if 200 <= status < 300:
            body = self._read_body(url, resp, deadline, limit, truncate)
        return _Answer(final_url=url, status=status, reason=resp.reason_phrase,
                       headers=headers, body=body)

    def _read_body(self, url: str, resp: httpx.Response, deadline: float, limit: int,
                   truncate: bool) -> bytes:
        declared = resp.headers.get("content-length", "").strip()
        if not truncate and declared.isdigit() and int(declared) > limit:
            raise TooLargeError(f"{url}: body of {int(declared):,} bytes is over the limit of "
                                f"{limit:,}", url=url, status=resp.status_code)
        chunks: list[bytes] = []
        size = 0
        for chunk in _decoded_stream(resp):
            if size + len(chunk) > limit:
                if truncate:
                    chunks.append(chunk[: limit - size])
                    break
                raise TooLargeError(f"{url}: body is over the limit of {limit:,} bytes",
                                    url=url, status=resp.status_code)
            chunks.append(chunk)
            size += len(chunk)
            if self._clock() > deadline:
                raise TooLargeError(f"{url}: took longer than "
                                    f"{self.settings.fetch_timeout:g} s", url=url)
        return b"".join(chunks)


# -- bounded decompression --------------------------------------------------------------------


def _decoded_stream(resp: httpx.Response) -> Iterator[bytes]:
    """The body decoded from its Content-Encoding in steps of at most ``INFLATE_STEP`` bytes.

    httpx inflates each network chunk whole (a 200 kB gzip chunk can become 200 MB at once);
    here the consumer sees bounded pieces and stops reading when the limit is passed.
    """
    codings = [c.strip().lower() for c in resp.headers.get("content-encoding", "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if not set(codings) <= INFLATED or resp.is_stream_consumed:
        return resp.iter_bytes()  # (a response built from bytes is already decoded)
    stream: Iterator[bytes] = resp.iter_raw()
    for coding in reversed(codings):  # the last coding listed was applied last
        stream = _inflate(stream, gzip=coding != "deflate")
    return stream


def _inflater(gzip: bool, first: bytes) -> zlib._Decompress:
    if gzip:
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    # "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
    raw = len(first) >= 2 and (first[0] & 0x0F != 8 or (first[0] << 8 | first[1]) % 31)
    return zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)


def _inflate(chunks: Iterator[bytes], *, gzip: bool) -> Iterator[bytes]:
    """Inflate a gzip or deflate stream; a body cut short is an error, not half a page."""
    inflater: zlib._Decompress | None = None
    ended = False  # the stream ended; what follows is ignored unless another gzip member
    try:
        for data in chunks:
            while data:
                if ended and not (gzip and data.startswith(b"\x1f\x8b")):
                    break
                inflater = inflater or _inflater(gzip, data)
                out = inflater.decompress(data, INFLATE_STEP)
                data, ended = inflater.unconsumed_tail, inflater.eof
                if ended:
                    data, inflater = inflater.unused_data, None
                if out:
                    yield out
        if inflater is not None:
            yield inflater.flush()
            raise httpx.DecodingError("the compressed body is truncated")
    except zlib.error as err:
        raise httpx.DecodingError(f"invalid compressed body: {err}") from err
