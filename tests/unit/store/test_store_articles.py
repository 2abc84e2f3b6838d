"""Article URLs, claims and leases on a real SQLite file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests.support import migrated_database

from presswatch.models import FeedItem
from presswatch.store import articles
from presswatch.store.base import utcnow


@pytest.fixture
def db(tmp_path):
    with migrated_database(tmp_path / "pw.db") as database:
        yield database


def test_add_discovered_inserts_each_url_once(db):
    items = [FeedItem(url="https://a.example/1"), FeedItem(url="https://a.example/2"),
             FeedItem(url="https://a.example/1")]
    with db.session() as s:
        first = articles.add_discovered(s, items, outlet_id=None, feed_id=None)
    with db.session() as s:
        again = articles.add_discovered(s, items[:1] + [FeedItem(url="https://a.example/3")],
                                        outlet_id=None, feed_id=None)
    assert len(first) == 2
    assert len(again) == 1 and again[0] not in first


def test_a_claimed_article_cannot_be_claimed_twice_until_its_lease_expires(db):
    with db.session() as s:
        (article_id,) = articles.add_discovered(
            s, [FeedItem(url="https://a.example/x")], outlet_id=None, feed_id=None
        )
    now = utcnow()
    with db.session() as s:
        assert articles.claim(s, article_id, "discovered", now=now, lease_seconds=60)
    with db.session() as s:
        assert articles.claim(s, article_id, "discovered", now=now, lease_seconds=60) is None
        assert articles.claim(s, article_id, "extracted", now=now, lease_seconds=60) is None
    later = now + timedelta(seconds=61)
    with db.session() as s:
        assert articles.orphaned(s, now=later, grace_seconds=60) == [(article_id, "discovered")]
        assert articles.claim(s, article_id, "discovered", now=later, lease_seconds=60)


def test_queued_work_is_not_reaped_before_the_grace_period(db):
    with db.session() as s:
        ids = articles.add_discovered(
            s, [FeedItem(url="https://a.example/q")], outlet_id=None, feed_id=None
        )
        articles.mark_queued(s, ids, now=utcnow())
    with db.session() as s:
        assert articles.orphaned(s, now=utcnow(), grace_seconds=60) == []
        assert articles.orphaned(s, now=utcnow() + timedelta(seconds=61), grace_seconds=60)


def test_a_catalog_archive_template_is_kept_on_the_outlet(db):
    from presswatch.models import OutletEntry
    from presswatch.store import sources

    entry = OutletEntry(name="Archiv", homepage="https://archiv.example/",
                        archive_url="https://archiv.example/{yyyy}/{mm}/{dd}/")
    with db.session() as s:
        sources.upsert_outlet(s, entry)
    with db.session() as s:
        (exported,) = sources.outlet_entries(s)
    assert exported.archive_url == "https://archiv.example/{yyyy}/{mm}/{dd}/"
