"""Raw pages kept: every HTTP answer that crosses the fetcher's transport, in WARC files.

``FetchArchive.transport()`` wraps the httpx transport the ``Fetcher`` sends through, so
nothing fetched escapes it: feeds, articles, section pages, robots.txt and every redirect hop
are written as they were received: a ``response`` record with the status line and the headers
as the server sent them (original case and order) and the body as it came over the wire
(still content-encoded; h11 removes chunked framing, so a chunked answer is written back as
one chunk and its headers stay true), followed by the ``request`` record that asked for it.
A body the fetcher did not read to its end (an error page, a body over the size limit) is
kept as far as it was read and marked ``WARC-Truncated``.

Safety with many threads and processes: every writer creates its own files (``O_EXCL``,
named with the time, the process id and a random part) and rotates at ``max_bytes``; a
record is gzip-compressed on its own (one gzip member per record) and written with a single
``O_APPEND`` write under the writer's lock, so records never interleave. A forked child
notices the new process id and opens a file of its own.

``read_capture`` reads one record back by file and offset (warcio's ``ArchiveIterator``)
as a ``models.Response``, decoded as the fetcher would have returned it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import httpx
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from presswatch.errors import PresswatchError, TransientError
from presswatch.models import Response

__all__ = ["ArchiveError", "ArchivedResponse", "Exchange", "FetchArchive", "read_capture"]

#: Rotation size when none is given: a new file past this many bytes.
DEFAULT_MAX_BYTES = 100_000_000
#: Statuses that never carry a body, so an unread body is not a truncation.
BODYLESS = frozenset({204, 304})

_LABELS: ContextVar[dict[str, int] | None] = ContextVar("presswatch_capture_labels",
                                                        default=None)


class ArchiveError(PresswatchError):
    """A stored capture could not be read back (file missing, offset wrong, not a response)."""


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request and the answer to it, as they crossed the transport."""

    url: str
    method: str
    request_target: str  # path and query as sent
    request_headers: tuple[tuple[str, str], ...]
    http_version: str
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    complete: bool  # the body was read to its end
    fetched_at: datetime

    def header(self, name: str) -> str:
        name = name.lower()
        return ", ".join(v for k, v in self.headers if k.lower() == name)


@dataclass(frozen=True, slots=True)
class ArchivedResponse:
    """Where one response record lies, and the labels it was fetched under."""

    url: str
    status: int
    content_type: str
    warc_file: str  # file name inside the archive directory
    offset: int
    length: int
    fetched_at: datetime
    labels: dict[str, int] = field(default_factory=dict)


# -- writing ------------------------------------------------------------------------------


class WarcFileWriter:
    """Appends whole records to this writer's own files, rotating by size; thread-safe."""

    def __init__(self, directory: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.directory = Path(directory)
        self.max_bytes = max(1, max_bytes)
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._name = ""
        self._size = 0
        self._pid = os.getpid()
        self._sequence = 0

    def append(self, records: tuple[bytes, ...], header: Callable[[str], bytes]) -> tuple[str, int]:
        """Write ``records`` back to back; return the file name and the first one's offset.

        ``header(name)`` makes the ``warcinfo`` record that opens every new file.
        """
        data = b"".join(records)
        with self._lock:
            if self._fd is None or self._pid != os.getpid() or self._size >= self.max_bytes:
                self._open_next(header)
            offset = self._size
            self._write_all(data)
            return self._name, offset

    def close(self) -> None:
        with self._lock:
            if self._fd is not None and self._pid == os.getpid():
                os.close(self._fd)
            self._fd = None

    def _open_next(self, header: Callable[[str], bytes]) -> None:
        if self._fd is not None and self._pid == os.getpid():
            os.close(self._fd)
        self._fd, self._pid = None, os.getpid()
        self.directory.mkdir(parents=True, exist_ok=True)
        self._sequence += 1
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        self._name = (f"presswatch-{stamp}-{self._pid}-{secrets.token_hex(4)}-"
                      f"{self._sequence:05d}.warc.gz")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | getattr(os, "O_BINARY", 0)
        self._fd = os.open(self.directory / self._name, flags, 0o644)
        self._size = 0
        self._write_all(header(self._name))

    def _write_all(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        self._size += len(data)


def _record_bytes(record: object) -> bytes:
    buffer = BytesIO()
    WARCWriter(buffer, gzip=True).write_record(record)
    return buffer.getvalue()


def _warc_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _payload(exchange: Exchange) -> bytes:
    """The body as the headers describe it: re-framed as one chunk when sent chunked."""
    if "chunked" not in exchange.header("transfer-encoding").lower():
        return exchange.body
    body = exchange.body
    frame = b"%x\r\n%s\r\n" % (len(body), body) if body else b""
    return frame + b"0\r\n\r\n"


def _truncated(exchange: Exchange) -> bool:
    if exchange.complete or exchange.status in BODYLESS or exchange.status < 200:
        return False
    declared = exchange.header("content-length").strip()
    return not (declared.isdigit() and int(declared) <= len(exchange.body))


def exchange_records(exchange: Exchange) -> tuple[bytes, bytes]:
    """The gzip-compressed ``response`` and ``request`` records of one exchange."""
    builder = WARCWriter(BytesIO(), gzip=True)
    date = _warc_date(exchange.fetched_at)
    extra = {"WARC-Date": date}
    if _truncated(exchange):
        extra["WARC-Truncated"] = "unspecified"
    status_line = f"{exchange.status} {exchange.reason}".strip()
    payload = _payload(exchange)
    response = builder.create_warc_record(
        exchange.url, "response", payload=BytesIO(payload), length=len(payload),
        warc_headers_dict=extra,
        http_headers=StatusAndHeaders(status_line, list(exchange.headers),
                                      protocol=exchange.http_version or "HTTP/1.1"),
    )
    request = builder.create_warc_record(
        exchange.url, "request", payload=BytesIO(b""), length=0,
        warc_headers_dict={
            "WARC-Date": date,
            "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
        },
        http_headers=StatusAndHeaders(
            f"{exchange.method} {exchange.request_target} {exchange.http_version or 'HTTP/1.1'}",
            list(exchange.request_headers), is_http_request=True,
        ),
    )
    return _record_bytes(response), _record_bytes(request)


def _warcinfo(software: str) -> Callable[[str], bytes]:
    def make(name: str) -> bytes:
        builder = WARCWriter(BytesIO(), gzip=True)
        info = {"software": software, "format": "WARC File Format 1.0",
                "description": "HTTP responses fetched by presswatch"}
        return _record_bytes(builder.create_warcinfo_record(name, info))

    return make


class FetchArchive:
    """Keeps every response the wrapped transport returns; ``on_capture`` indexes each one.

    ``labels(article_id=..., feed_id=...)`` tags the responses fetched inside the block
    (robots.txt never: it belongs to the host, not to the article that needed it).
    """

    def __init__(self, directory: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 on_capture: Callable[[ArchivedResponse], None] | None = None,
                 software: str = "presswatch") -> None:
        self.directory = Path(directory)
        self.writer = WarcFileWriter(self.directory, max_bytes)
        self.on_capture = on_capture
        self._header = _warcinfo(software)

    def transport(self, inner: httpx.BaseTransport | None = None) -> httpx.BaseTransport:
        """A transport that archives what ``inner`` (default: the network) answers."""
        return ArchivingTransport(inner or httpx.HTTPTransport(trust_env=False), self)

    @contextlib.contextmanager
    def labels(self, **labels: int | None) -> Iterator[None]:
        token = _LABELS.set({k: v for k, v in labels.items() if v is not None})
        try:
            yield
        finally:
            _LABELS.reset(token)

    def record(self, exchange: Exchange) -> ArchivedResponse:
        """Write one exchange; ``TransientError`` when the disk refuses it."""
        labels = dict(_LABELS.get() or {})
        if httpx.URL(exchange.url).path == "/robots.txt":
            labels = {}
        try:
            records = exchange_records(exchange)
            name, offset = self.writer.append(records, self._header)
        except OSError as err:
            raise TransientError(f"could not archive {exchange.url}: {err}") from err
        captured = ArchivedResponse(
            url=exchange.url, status=exchange.status,
            content_type=exchange.header("content-type")[:200], warc_file=name, offset=offset,
            length=len(records[0]), fetched_at=exchange.fetched_at, labels=labels,
        )
        if self.on_capture is not None:
            self.on_capture(captured)
        return captured

    def close(self) -> None:
        self.writer.close()


# -- the transport seam -------------------------------------------------------------------


def _text(value: bytes | str) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


def _exchange(request: httpx.Request, response: httpx.Response, body: bytes,
              complete: bool) -> Exchange:
    target = _text(request.url.raw_path) or "/"
    return Exchange(
        url=str(request.url), method=request.method, request_target=target,
        request_headers=tuple((_text(k), _text(v)) for k, v in request.headers.raw),
        http_version=response.http_version, status=response.status_code,
        reason=response.reason_phrase,
        headers=tuple((_text(k), _text(v)) for k, v in response.headers.raw),
        body=body, complete=complete, fetched_at=datetime.now(UTC),
    )


class _TeeStream(httpx.SyncByteStream):
    """Passes the body through and archives what was read when the response is closed."""

    def __init__(self, inner: httpx.SyncByteStream, done: Callable[[bytes, bool], None]) -> None:
        self._inner = inner
        self._done = done
        self._chunks: list[bytes] = []
        self._complete = False
        self._closed = False

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            self._chunks.append(chunk)
            yield chunk
        self._complete = True

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._inner.close()
        finally:
            self._done(b"".join(self._chunks), self._complete)


class ArchivingTransport(httpx.BaseTransport):
    """An httpx transport that writes every answer of ``inner`` to a ``FetchArchive``."""

    def __init__(self, inner: httpx.BaseTransport, archive: FetchArchive) -> None:
        self._inner = inner
        self._archive = archive

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        if isinstance(response.stream, httpx.ByteStream):  # already in memory (a test double)
            body = b"".join(response.stream)
            self._archive.record(_exchange(request, response, body, True))
            return response

        def done(body: bytes, complete: bool) -> None:
            self._archive.record(_exchange(request, response, body, complete))

        response.stream = _TeeStream(response.stream, done)
        return response

    def close(self) -> None:
        self._inner.close()


# -- reading ------------------------------------------------------------------------------


def _headers(http_headers: StatusAndHeaders) -> dict[str, str]:
    merged: dict[str, str] = {}
    for name, value in http_headers.headers:
        key = name.lower()
        merged[key] = f"{merged[key]}, {value}" if key in merged else value
    return merged


def read_capture(directory: Path, warc_file: str, offset: int, *,
                 fetched_at: datetime | None = None) -> Response:
    """The response record at ``offset`` of ``directory/warc_file``, body decoded."""
    if Path(warc_file).name != warc_file or not warc_file:
        raise ArchiveError(f"not a WARC file name: {warc_file!r}")
    path = Path(directory) / warc_file
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            record = next(iter(ArchiveIterator(handle)), None)
            if record is None or record.rec_type != "response" or record.http_headers is None:
                raise ArchiveError(f"{warc_file}@{offset} is not a response record")
            body = record.content_stream().read()
            return _response(record, body, fetched_at)
    except (OSError, ArchiveLoadFailed, ValueError) as err:
        raise ArchiveError(f"cannot read {warc_file}@{offset}: {err}") from err


def _response(record: object, body: bytes, fetched_at: datetime | None) -> Response:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    headers = _headers(record.http_headers)
    status = int((record.http_headers.get_statuscode() or "0").split()[0])
    if fetched_at is None:
        fetched_at = datetime.strptime(record.rec_headers.get_header("WARC-Date"),
                                       "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return Response(url=url, final_url=url, status=status, headers=headers, body=body,
                    fetched_at=fetched_at, etag=headers.get("etag"),
                    last_modified=headers.get("last-modified"))
