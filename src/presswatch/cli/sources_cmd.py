"""``presswatch sources import|add|add-page|list|import-opml|export-opml``: outlets and their
feeds, news sitemaps and pages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from presswatch.cli.context import cli_context, write_output
from presswatch.errors import ConfigError, InputError
from presswatch.fetch.client import Fetcher
from presswatch.models import OutletEntry
from presswatch.sources.archive import parse_sitemap
from presswatch.sources.catalog import (
    check_http_url,
    is_language_tag,
    load_catalog,
    outlet_from_mapping,
)
from presswatch.sources.discover import PageInfo, describe_page
from presswatch.sources.feeds import detect_feed_format, parse_feed
from presswatch.sources.links import page_items
from presswatch.sources.opml import parse_opml, render_opml
from presswatch.store import sources as store_sources
from presswatch.store.base import utcnow
from presswatch.store.tables import Feed

app = typer.Typer(help="Outlets and their feeds: import, add, list, OPML.", no_args_is_help=True)
out = Console(highlight=False)


@contextmanager
def _session(ctx: typer.Context) -> Iterator[Session]:
    try:
        with cli_context(ctx).db.session() as session:
            yield session
    except (OperationalError, ProgrammingError) as err:
        text = str(err.orig)
        if "no such table" in text or "does not exist" in text:
            raise ConfigError("the database has no tables yet: run `presswatch db upgrade`"
                              ) from err
        raise


def _report(source: str, total: int, counts: store_sources.ImportCounts) -> None:
    typer.echo(f"{source}: {total} outlet(s): {counts.outlets_new} new, "
               f"{counts.outlets_known} already known; {counts.feeds_new} new feed(s)")


@app.command("import")
def import_catalog(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Catalog file: TOML ([[outlet]] tables) or JSON.")],
) -> None:
    """Import the outlets and feeds of a catalog FILE (known ones are updated, not doubled)."""
    entries = load_catalog(file)
    with _session(ctx) as session:
        counts = store_sources.import_entries(session, entries)
    _report(str(file), len(entries), counts)


@app.command("import-opml")
def import_opml(
    ctx: typer.Context, file: Annotated[Path, typer.Argument(help="OPML 1.0/2.0 file.")]
) -> None:
    """Import the feeds of an OPML FILE, one outlet per htmlUrl."""
    try:
        data = file.read_bytes()
    except OSError as err:
        raise InputError(f"{file}: cannot read it ({err.strerror or err})") from err
    try:
        entries = parse_opml(data)
    except InputError as err:
        raise InputError(f"{file}: {err}") from err
    if not entries:
        raise InputError(f"{file}: no outline with an xmlUrl or htmlUrl")
    with _session(ctx) as session:
        counts = store_sources.import_entries(session, entries)
    _report(str(file), len(entries), counts)


@app.command("export-opml")
def export_opml(
    ctx: typer.Context,
    file: Annotated[
        Path | None, typer.Argument(help="Where to write; standard output if absent.")
    ] = None,
) -> None:
    """Write every outlet and feed as OPML 2.0."""
    with _session(ctx) as session:
        entries = store_sources.outlet_entries(session)
    xml = render_opml(entries)
    write_output(xml.encode("utf-8"), file, f"{len(entries)} outlet(s)")


def _site_root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def _discover(settings: object, url: str) -> tuple[OutletEntry, str]:
    """An entry for ``url`` (a homepage or a feed) and a note on what was found."""
    with Fetcher(settings) as fetcher:  # type: ignore[arg-type]
        response = fetcher.fetch(url)
    host = urlsplit(response.final_url).netloc
    if detect_feed_format(response.body) is not None:
        parsed = parse_feed(response.body, response.final_url)
        note = "the URL is a feed" + (f" (with a problem: {parsed.error})" if parsed.error else "")
        entry = OutletEntry(name=parsed.title or host, homepage=_site_root(response.final_url),
                            feeds=(response.final_url,))
        return entry, note
    page = describe_page(response.body, response.final_url)
    if not page.feeds:
        raise InputError(
            f"no feed found at {url}: the page announces no RSS, Atom or JSON Feed with "
            '<link rel="alternate">; give the URL of the feed itself'
        )
    language = page.language.replace("_", "-")
    entry = OutletEntry(name=page.title or host, homepage=response.final_url,
                        language=language if is_language_tag(language) else "",
                        feeds=page.feeds)
    return entry, f"{len(page.feeds)} feed(s) announced by the page"


def _check_source(settings: object, url: str, kind: str) -> tuple[str, PageInfo, str]:
    """Fetch a page or sitemap source: its final URL, what the page says of itself, a note.
    ``InputError`` when it is not what ``kind`` says (a page that links no article, say)."""
    with Fetcher(settings) as fetcher:  # type: ignore[arg-type]
        response = fetcher.fetch(url)
    body, final = response.body, response.final_url
    if kind == "sitemap":
        sitemap = parse_sitemap(body, final)
        if sitemap.kind == "index":
            raise InputError(f"{url} is a sitemap index: add one of the sitemaps it lists, or "
                             "walk it with `presswatch backfill OUTLET --sitemap URL`")
        if sitemap.kind != "urlset":
            raise InputError(f"{url} is not a sitemap ({sitemap.error})")
        return final, PageInfo("", "", ()), f"a sitemap of {len(sitemap.entries)} URL(s)"
    if detect_feed_format(body) is not None:
        raise InputError(f"{url} is a feed, not a page: add it with `presswatch sources add`")
    links = page_items(body, final)
    if not links:
        raise InputError(f"no article links found on {url}: give a front or section page "
                         "that lists articles")
    return final, describe_page(body, final), f"{len(links)} article link(s) on the page now"


def _add_source(ctx: typer.Context, url: str, kind: str, outlet_ref: str,
                entry: OutletEntry) -> None:
    """Add a page or sitemap source to the outlet ``outlet_ref`` (or to the outlet of its
    site, created when new)."""
    check_http_url(url, "URL")
    final, page, note = _check_source(cli_context(ctx).settings, url, kind)
    with _session(ctx) as session:
        if outlet_ref:
            outlet = store_sources.resolve_outlet(session, outlet_ref)
        else:
            homepage = _site_root(final)
            outlet = store_sources.find_outlet(session, homepage)
            if outlet is None:
                language = page.language.replace("_", "-")
                outlet = store_sources.upsert_outlet(session, outlet_from_mapping({
                    "name": (entry.name or page.title or urlsplit(final).netloc)[:200],
                    "homepage": homepage, "country": entry.country,
                    "language": entry.language or (language if is_language_tag(language) else ""),
                }))
        added = store_sources.add_source(session, outlet, final, kind)
        name, homepage = outlet.name, outlet.homepage
    state = "added" if added else "already known"
    typer.echo(f"{name} ({homepage}): {kind} {final} {state}; {note}")


@app.command("add-page")
def add_page(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="A front or section page that links articles.")],
    outlet: Annotated[str, typer.Option(
        help="The outlet (id, homepage or name); default: the outlet of the page's site.")] = "",
    name: Annotated[str, typer.Option(help="Name of a new outlet (default: the page's title).")
                    ] = "",
    country: Annotated[str, typer.Option(help="ISO 3166-1 alpha-2 code, e.g. DE.")] = "",
    language: Annotated[str, typer.Option(help="BCP-47 tag (default: <html lang>).")] = "",
) -> None:
    """Add a page without a feed: its article links are crawled like a feed's items."""
    entry = OutletEntry(name=name, homepage=url, country=country, language=language)
    _add_source(ctx, url, "page", outlet, entry)


@app.command("add")
def add(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="The outlet's homepage, or one of its feeds.")],
    name: Annotated[str, typer.Option(help="Outlet name (default: the page's title).")] = "",
    country: Annotated[str, typer.Option(help="ISO 3166-1 alpha-2 code, e.g. DE.")] = "",
    language: Annotated[str, typer.Option(help="BCP-47 tag (default: <html lang>).")] = "",
    kind: Annotated[str, typer.Option(
        help="feed: find the feeds of a homepage (or add a feed); page: crawl this page for "
        "article links; sitemap: a news sitemap.")] = "feed",
    outlet: Annotated[str, typer.Option(
        help="With --kind page or sitemap: the outlet (id, homepage or name).")] = "",
) -> None:
    """Fetch URL, find its feeds (<link rel=alternate>) and add the outlet; with --kind page or
    sitemap, add URL itself as a page or news sitemap of the outlet."""
    if kind not in store_sources.FEED_KINDS:
        raise InputError(f"--kind must be one of {', '.join(store_sources.FEED_KINDS)}, "
                         f"not {kind!r}")
    if kind != "feed":
        entry = OutletEntry(name=name, homepage=url, country=country, language=language)
        _add_source(ctx, url, kind, outlet, entry)
        return
    check_http_url(url, "URL")
    found, note = _discover(cli_context(ctx).settings, url)
    with _session(ctx) as session:
        known = store_sources.find_outlet(session, found.homepage)
        if known is not None:  # what was found on the page never overrides the catalog
            found = OutletEntry(name=known.name, homepage=known.homepage, country=known.country,
                                language=known.language, feeds=found.feeds)
        entry = outlet_from_mapping({
            "name": (name or found.name)[:200], "homepage": found.homepage,
            "country": country or found.country, "language": language or found.language,
            "feeds": list(found.feeds),
        })
        counts = store_sources.import_entries(session, [entry])
    state = "added" if counts.outlets_new else "already known"
    typer.echo(f"{entry.name} ({entry.homepage}): {state}; {note}; "
               f"{counts.feeds_new} new feed(s)")
    for feed in entry.feeds:
        typer.echo(f"  {feed}")


def _when(value: datetime | None, empty: str) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else empty


def _feed_row(outlet_name: str, feed: Feed) -> tuple[str, ...]:
    error = feed.last_error or ""
    if error.startswith(feed.url + ": "):
        error = error[len(feed.url) + 2:]
    if len(error) > 120:
        error = error[:119] + "…"
    if error and feed.error_count > 1:
        error = f"{error} (×{feed.error_count})"
    fetched = _when(feed.last_fetch_at, "never")
    if feed.last_status is not None:
        fetched += f"\nHTTP {feed.last_status}"
    kind = f" ({feed.kind})" if feed.kind and feed.kind != "feed" else ""
    return (f"{outlet_name}\n{feed.url}{kind}", fetched, error, str(feed.items_seen),
            _when(feed.next_check_at, "now"))


@app.command("list")
def list_sources(ctx: typer.Context) -> None:
    """Every feed with its health: last fetch, status, last error, items seen, next check."""
    with _session(ctx) as session:
        outlets = store_sources.list_outlets(session)
        rows = [_feed_row(o.name, f) for o in outlets for f in sorted(o.feeds, key=lambda f: f.id)]
        rows += [(f"{o.name}\n(no feed)", "", o.last_error or "", "", "")
                 for o in outlets if not o.feeds]
    if not rows:
        typer.echo("no outlets yet: run `presswatch sources import FILE` or "
                   "`presswatch sources add URL`")
        return
    table = Table(title=f"feeds at {_when(utcnow(), '')} UTC", show_lines=True)
    table.add_column("outlet / feed", overflow="fold", ratio=3)
    table.add_column("last fetch", width=10)
    table.add_column("last error", overflow="fold", ratio=2)
    table.add_column("items seen", justify="right", width=5)
    table.add_column("next check", width=10)
    for row in rows:
        table.add_row(*row)
    out.print(table)
