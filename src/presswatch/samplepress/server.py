"""The sample press on loopback: one ``ThreadingHTTPServer`` per outlet, each on its own port.

>>> with SamplePress() as press:             # doctest: +SKIP
...     press.outlets[0].feeds                # real URLs on 127.0.0.1:<ephemeral port>

Pages and feeds carry ``ETag`` and ``Last-Modified`` and answer conditional requests with
304. Every request is recorded in :attr:`SamplePress.requests` as (outlet, path, status),
the path with its query string, so a test can see a 304 or a robots-respecting crawl.
"""

from __future__ import annotations

import threading
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from presswatch.models import OutletEntry
from presswatch.samplepress.corpus import FEEDLESS_DIR, OutletSpec, load_outlets
from presswatch.samplepress.edits import edit_article
from presswatch.samplepress.site import OutletSite, Resource, SampleArticle, build_press

__all__ = ["SamplePress", "SampleArticle"]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        """A client that hangs up mid-response is no news; keep stderr quiet."""


def _not_modified(resource: Resource, headers) -> bool:  # noqa: ANN001
    tags = headers.get("If-None-Match")
    if tags is not None:
        wanted = {t.strip().removeprefix("W/") for t in tags.split(",")}
        return "*" in wanted or resource.etag in wanted
    since = headers.get("If-Modified-Since")
    if since:
        try:
            when = parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        if when.tzinfo is None:
            return False
        return resource.last_modified.replace(microsecond=0) <= when
    return False


def _make_handler(press: SamplePress, site: OutletSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "SamplePress/1.0"
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out in separate writes

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Requests go to ``press.requests``, not to stderr."""

        def do_GET(self) -> None:  # noqa: N802
            self._answer(head=False)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(head=True)

        def _answer(self, head: bool) -> None:
            path = urlsplit(self.path).path or "/"
            resource = site.resources.get(path) or site.not_found
            status = resource.status
            if status == 200 and _not_modified(resource, self.headers):
                status = 304
            press._record(site.spec.name, self.path, status)
            self.send_response(status)
            self.send_header("ETag", resource.etag)
            self.send_header("Last-Modified", format_datetime(resource.last_modified, True))
            self.send_header("Cache-Control", "max-age=60")
            if status == 304:
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_header("Content-Type", resource.content_type)
            self.send_header("Content-Length", str(len(resource.body)))
            self.end_headers()
            if not head:
                self.wfile.write(resource.body)

    return Handler


class SamplePress:
    """Five outlets in four languages, served on ``host`` at ephemeral ports.

    ``feedless=True`` adds the outlets without any feed (``articles/feedless/``), whose
    articles are found only through their front, section and archive pages.
    """

    def __init__(self, host: str = "127.0.0.1", *, feedless: bool = False) -> None:
        self.host = host
        self.requests: list[tuple[str, str, int]] = []
        self._lock = threading.Lock()
        self._specs: list[OutletSpec] = load_outlets()
        if feedless:
            self._specs += load_outlets(FEEDLESS_DIR)
        self._servers: list[_QuietServer] = []
        self._threads: list[threading.Thread] = []
        self._sites: dict[str, OutletSite] = {}

    def start(self) -> SamplePress:
        """Bind one port per outlet, render every page for it, serve in daemon threads."""
        if self._servers:
            return self
        servers = {spec.key: _QuietServer((self.host, 0), BaseHTTPRequestHandler)
                   for spec in self._specs}
        bases = {key: f"http://{self.host}:{srv.server_address[1]}"
                 for key, srv in servers.items()}
        self._sites = build_press(self._specs, bases)
        for key, server in servers.items():
            server.RequestHandlerClass = _make_handler(self, self._sites[key])
            thread = threading.Thread(target=server.serve_forever, name=f"samplepress-{key}",
                                      kwargs={"poll_interval": 0.1}, daemon=True)
            thread.start()
            self._servers.append(server)
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        """Shut every outlet down and release its port."""
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers, self._threads = [], []

    def __enter__(self) -> SamplePress:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _record(self, outlet: str, path: str, status: int) -> None:
        with self._lock:
            self.requests.append((outlet, path, status))

    def _require_started(self) -> dict[str, OutletSite]:
        if not self._sites:
            raise RuntimeError("SamplePress is not started: call start() or use `with`")
        return self._sites

    @property
    def outlets(self) -> list[OutletEntry]:
        """Catalog entries with the live URLs (the malformed feed is among its outlet's feeds)."""
        return [site.entry for site in self._require_started().values()]

    @property
    def articles(self) -> list[SampleArticle]:
        """Every article page, the robots-hidden one and the paywall stub included."""
        return [a for site in self._require_started().values() for a in site.articles]

    def catalog_toml(self) -> str:
        """The outlet catalog in the format ``presswatch sources import`` reads."""
        return render_catalog(self.outlets)

    def edit_article(self, url: str, *, title: str | None = None, lead: str | None = None,
                     paragraphs: list[str] | None = None) -> SampleArticle:
        """Change the article at ``url`` as its outlet would: the page gets a new ETag and
        Last-Modified (feeds keep the old headline); returns the new ground truth."""
        self._specs, article = edit_article(self._specs, self._require_started(), url,
                                            title=title, lead=lead, paragraphs=paragraphs)
        return article


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def render_catalog(entries: list[OutletEntry]) -> str:
    blocks = ["# Sample press outlets (presswatch.samplepress); ports change on every start.\n"]
    for entry in entries:
        feeds = ", ".join(_toml_string(f) for f in entry.feeds)
        block = (
            "[[outlet]]\n"
            f"name = {_toml_string(entry.name)}\n"
            f"country = {_toml_string(entry.country)}\n"
            f"language = {_toml_string(entry.language)}\n"
            f"homepage = {_toml_string(entry.homepage)}\n"
            f"feeds = [{feeds}]\n"
        )
        for key in ("pages", "sitemaps"):
            if urls := getattr(entry, key):
                block += f"{key} = [{', '.join(_toml_string(u) for u in urls)}]\n"
        if entry.archive_url:
            block += f"archive_url = {_toml_string(entry.archive_url)}\n"
        blocks.append(block)
    return "\n".join(blocks)
