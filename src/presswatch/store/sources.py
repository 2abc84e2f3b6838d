"""Outlets and their feeds: import, scheduling and health (last fetch, last error, next check).

Source health is data on the row: ``record_feed_fetch`` and ``record_feed_error`` are the only
writers of a feed's status, and the back-off of a failing feed lives here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from presswatch.errors import InputError
from presswatch.models import OutletEntry
from presswatch.store.tables import Feed, Outlet
from presswatch.urls import canonicalize_url

__all__ = [
    "FEED_KINDS",
    "ImportCounts",
    "MAX_BACKOFF",
    "add_source",
    "backoff_delay",
    "due_feeds",
    "find_outlet",
    "get_feed",
    "resolve_outlet",
    "import_entries",
    "list_feeds",
    "list_outlets",
    "outlet_entries",
    "record_feed_error",
    "record_feed_fetch",
    "record_outlet_error",
    "upsert_outlet",
]

#: A failing feed is checked at least once a day.
MAX_BACKOFF = timedelta(hours=24)
MAX_ERROR_CHARS = 2000
#: What a ``Feed`` row is: a feed, a news sitemap, or a page whose article links are crawled.
FEED_KINDS = ("feed", "sitemap", "page")


@dataclass
class ImportCounts:
    """What an import changed, for the CLI to print."""

    outlets_new: int = 0
    outlets_known: int = 0
    feeds_new: int = 0


def find_outlet(session: Session, homepage: str) -> Outlet | None:
    """The outlet whose homepage is ``homepage`` (compared in canonical form), if any."""
    query = select(Outlet).where(Outlet.homepage == canonicalize_url(homepage))
    return session.scalars(query).first()


def _add_feeds(session: Session, outlet: Outlet, feeds: tuple[str, ...],
               kind: str = "feed") -> int:
    added = 0
    for raw in feeds:
        url = canonicalize_url(raw)
        existing = session.scalars(select(Feed).where(Feed.url == url)).first()
        if existing is None:
            outlet.feeds.append(Feed(url=url, kind=kind))
            added += 1
        elif existing.outlet_id != outlet.id and existing.outlet is not outlet:
            raise InputError(f"feed {url} already belongs to the outlet "
                             f"{existing.outlet.name!r} ({existing.outlet.homepage})")
    return added


def _upsert(session: Session, entry: OutletEntry) -> tuple[Outlet, bool, int]:
    homepage = canonicalize_url(entry.homepage)
    outlet = find_outlet(session, homepage)
    created = outlet is None
    if outlet is None:
        outlet = Outlet(name=entry.name, homepage=homepage, country=entry.country,
                        language=entry.language)
        session.add(outlet)
    else:
        outlet.name = entry.name or outlet.name
        outlet.country = entry.country or outlet.country
        outlet.language = entry.language or outlet.language
    added = _add_feeds(session, outlet, entry.feeds)
    added += _add_feeds(session, outlet, entry.pages, "page")
    added += _add_feeds(session, outlet, entry.sitemaps, "sitemap")
    if entry.archive_url:
        outlet.archive_url = entry.archive_url
    session.flush()
    return outlet, created, added


def add_source(session: Session, outlet: Outlet, url: str, kind: str) -> bool:
    """Add ``url`` as a ``kind`` source (feed, sitemap, page) of ``outlet``; False when the
    outlet already has it. ``InputError`` when another outlet has it or the kind is unknown."""
    if kind not in FEED_KINDS:
        raise InputError(f"a source is one of {', '.join(FEED_KINDS)}, not {kind!r}")
    added = _add_feeds(session, outlet, (url,), kind)
    session.flush()
    return bool(added)


def resolve_outlet(session: Session, ref: str) -> Outlet:
    """The outlet named by ``ref``: its id, its homepage, its name, or a part of its name
    that only it has. ``InputError`` lists the candidates when ``ref`` is ambiguous."""
    ref = ref.strip()
    if ref.isdigit() and (outlet := session.get(Outlet, int(ref))) is not None:
        return outlet
    if ref.lower().startswith(("http://", "https://")):
        for candidate in (ref, ref.rstrip("/") + "/"):
            if (outlet := find_outlet(session, candidate)) is not None:
                return outlet
        raise InputError(f"no outlet with the homepage {ref}")
    outlets = list_outlets(session)
    exact = [o for o in outlets if o.name.casefold() == ref.casefold()]
    matches = exact or [o for o in outlets if ref.casefold() in o.name.casefold()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise InputError(f"no outlet named {ref!r}: see `presswatch sources list`")
    names = ", ".join(f"{o.name} (#{o.id})" for o in matches)
    raise InputError(f"{ref!r} names several outlets: {names}; give the id or homepage")


def upsert_outlet(session: Session, entry: OutletEntry) -> Outlet:
    """The outlet with ``entry.homepage``, created or updated; new feeds are added, known
    ones kept with their health. Running it twice changes nothing."""
    return _upsert(session, entry)[0]


def import_entries(session: Session, entries: list[OutletEntry]) -> ImportCounts:
    """``upsert_outlet`` for each entry, counting what was new."""
    counts = ImportCounts()
    for entry in entries:
        _, created, added = _upsert(session, entry)
        if created:
            counts.outlets_new += 1
        else:
            counts.outlets_known += 1
        counts.feeds_new += added
    return counts


def list_outlets(session: Session) -> list[Outlet]:
    """Every outlet with its feeds loaded, by name."""
    query = select(Outlet).options(selectinload(Outlet.feeds)).order_by(Outlet.name, Outlet.id)
    return list(session.scalars(query))


def list_feeds(session: Session) -> list[Feed]:
    """Every feed, by id."""
    return list(session.scalars(select(Feed).order_by(Feed.id)))


def due_feeds(session: Session, now: datetime) -> list[Feed]:
    """Feeds never checked or whose next check is at or before ``now``; oldest first."""
    query = (
        select(Feed)
        .where(or_(Feed.next_check_at.is_(None), Feed.next_check_at <= now))
        .order_by(Feed.next_check_at.is_not(None), Feed.next_check_at, Feed.id)
    )
    return list(session.scalars(query))


def get_feed(session: Session, feed_id: int) -> Feed:
    """The feed with ``feed_id``; ``InputError`` when there is none."""
    feed = session.get(Feed, feed_id)
    if feed is None:
        raise InputError(f"no feed with id {feed_id}")
    return feed


def record_feed_fetch(
    session: Session,
    feed_id: int,
    *,
    status: int,
    etag: str | None,
    last_modified: str | None,
    items_new: int,
    now: datetime,
    interval_minutes: int,
    title: str | None = None,
) -> Feed:
    """A successful fetch (200 or 304): clears the error state, schedules the next check."""
    feed = get_feed(session, feed_id)
    feed.last_fetch_at = now
    feed.last_status = status
    feed.etag = etag
    feed.last_modified = last_modified
    feed.items_seen += max(0, items_new)
    feed.last_error = None
    feed.error_count = 0
    feed.next_check_at = now + timedelta(minutes=max(1, interval_minutes))
    if title:
        feed.title = title[:500]
    session.flush()
    return feed


def backoff_delay(error_count: int, interval_minutes: int) -> timedelta:
    """``interval`` doubled for each consecutive error, at most ``MAX_BACKOFF``."""
    minutes = max(1, interval_minutes) * 2 ** min(max(0, error_count), 16)
    return min(timedelta(minutes=minutes), MAX_BACKOFF)


def record_feed_error(
    session: Session,
    feed_id: int,
    message: str,
    *,
    now: datetime,
    interval_minutes: int,
    status: int | None = None,
) -> Feed:
    """A failed fetch or parse: error count up, the reason kept, the next check backed off."""
    feed = get_feed(session, feed_id)
    feed.error_count += 1
    feed.last_error = (message or "unknown error")[:MAX_ERROR_CHARS]
    feed.last_fetch_at = now
    if status is not None:
        feed.last_status = status
    feed.next_check_at = now + backoff_delay(feed.error_count, interval_minutes)
    session.flush()
    return feed


def record_outlet_error(session: Session, outlet_id: int, message: str) -> Outlet:
    """A failure that belongs to the outlet rather than a feed (its homepage, say)."""
    outlet = session.get(Outlet, outlet_id)
    if outlet is None:
        raise InputError(f"no outlet with id {outlet_id}")
    outlet.error_count += 1
    outlet.last_error = (message or "unknown error")[:MAX_ERROR_CHARS]
    session.flush()
    return outlet


def outlet_entries(session: Session) -> list[OutletEntry]:
    """Every outlet as a catalog entry (for OPML export)."""
    return [_entry(o) for o in list_outlets(session)]


def _entry(outlet: Outlet) -> OutletEntry:
    feeds = sorted(outlet.feeds, key=lambda f: f.id)

    def urls(kind: str) -> tuple[str, ...]:
        return tuple(f.url for f in feeds if (f.kind or "feed") == kind)

    return OutletEntry(name=outlet.name, homepage=outlet.homepage, country=outlet.country,
                       language=outlet.language, feeds=urls("feed"), pages=urls("page"),
                       sitemaps=urls("sitemap"),
                       archive_url=outlet.archive_url or "")
