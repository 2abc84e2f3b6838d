"""Outlets and feeds in the database: idempotent import, scheduling and feed health."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from presswatch.errors import InputError
from presswatch.models import OutletEntry
from presswatch.store import sources as store
from presswatch.store.base import Database

NOW = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
HERALD = OutletEntry(name="Baltic Herald", homepage="https://herald.example/", country="LV",
                     language="en", feeds=("https://herald.example/rss.xml",))


def test_upsert_is_idempotent_and_adds_new_feeds(db: Database) -> None:
    with db.session() as s:
        first = store.upsert_outlet(s, HERALD)
        again = store.upsert_outlet(s, HERALD)
        assert first.id == again.id
    more = OutletEntry(name="Baltic Herald (EN)", homepage="https://HERALD.example",
                       feeds=("https://herald.example/rss.xml", "https://herald.example/atom"))
    with db.session() as s:
        counts = store.import_entries(s, [more])
    assert (counts.outlets_new, counts.outlets_known, counts.feeds_new) == (0, 1, 1)
    with db.session() as s:
        [outlet] = store.list_outlets(s)
        assert outlet.name == "Baltic Herald (EN)"
        assert outlet.country == "LV"  # not erased by an entry that leaves it out
        assert sorted(f.url for f in outlet.feeds) == [
            "https://herald.example/atom", "https://herald.example/rss.xml"]


def test_a_feed_cannot_move_to_another_outlet_silently(db: Database) -> None:
    with db.session() as s:
        store.upsert_outlet(s, HERALD)
    thief = OutletEntry(name="Other", homepage="https://other.example/",
                        feeds=("https://herald.example/rss.xml",))
    with pytest.raises(InputError, match="already belongs to the outlet 'Baltic Herald'"):
        with db.session() as s:
            store.upsert_outlet(s, thief)


def feed_id(db: Database) -> int:
    with db.session() as s:
        return store.upsert_outlet(s, HERALD).feeds[0].id


def test_new_feeds_are_due_then_scheduled(db: Database) -> None:
    fid = feed_id(db)
    with db.session() as s:
        assert [f.id for f in store.due_feeds(s, NOW)] == [fid]
        store.record_feed_fetch(s, fid, status=200, etag='"v1"', last_modified="Tue, 05 Mar",
                                items_new=7, now=NOW, interval_minutes=30)
    with db.session() as s:
        assert store.due_feeds(s, NOW + timedelta(minutes=29)) == []
        assert [f.id for f in store.due_feeds(s, NOW + timedelta(minutes=30))] == [fid]
        feed = store.get_feed(s, fid)
        assert (feed.last_status, feed.etag, feed.items_seen) == (200, '"v1"', 7)
        assert feed.last_fetch_at == NOW
        assert feed.next_check_at == NOW + timedelta(minutes=30)


def test_errors_back_off_exponentially_up_to_a_day(db: Database) -> None:
    fid = feed_id(db)
    delays = []
    with db.session() as s:
        for _ in range(8):
            feed = store.record_feed_error(s, fid, "HTTP 503 after 3 attempt(s)", now=NOW,
                                           interval_minutes=30)
            delays.append(feed.next_check_at - NOW)
        assert feed.error_count == 8
        assert feed.last_error == "HTTP 503 after 3 attempt(s)"
    assert delays[:3] == [timedelta(minutes=60), timedelta(minutes=120), timedelta(minutes=240)]
    assert delays[-1] == timedelta(hours=24)


def test_a_good_fetch_clears_the_error_and_keeps_the_count_of_items(db: Database) -> None:
    fid = feed_id(db)
    with db.session() as s:
        store.record_feed_fetch(s, fid, status=200, etag=None, last_modified=None, items_new=3,
                                now=NOW, interval_minutes=30)
        store.record_feed_error(s, fid, "timed out", now=NOW, interval_minutes=30)
        feed = store.record_feed_fetch(s, fid, status=304, etag=None, last_modified=None,
                                       items_new=0, now=NOW, interval_minutes=30)
        assert (feed.error_count, feed.last_error, feed.items_seen) == (0, None, 3)


def test_outlet_entries_export_what_was_imported(db: Database) -> None:
    other = OutletEntry(name="Odesa Observer", homepage="https://observer.example/",
                        language="uk", feeds=("https://observer.example/feed.json",))
    with db.session() as s:
        store.import_entries(s, [other, HERALD])
    with db.session() as s:
        assert store.outlet_entries(s) == [HERALD, other]


def test_unknown_feed_is_an_input_error(db: Database) -> None:
    with db.session() as s, pytest.raises(InputError, match="no feed with id 42"):
        store.get_feed(s, 42)
