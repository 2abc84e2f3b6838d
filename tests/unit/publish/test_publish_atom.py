"""Atom rendering: well-formed RFC 4287 with escaping, ids and dates."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

from presswatch.publish.atom import AtomEntry, AtomFeed, atom_date, render_atom, stable_id

A = "{http://www.w3.org/2005/Atom}"


def entry(n: int, title: str = "Title") -> AtomEntry:
    return AtomEntry(
        id=stable_id("site", "document", n, "en"), title=title,
        link=f"https://site.example/en/politics/{n}-title",
        updated=datetime(2025, 3, n, 12, 30, 15, 999, tzinfo=UTC),
        published=datetime(2025, 3, n, 9, tzinfo=UTC), language="en", author="Desk",
        content_html="<p>Body &amp; more</p>", summary="Body & more",
        categories=(("politics", "Politics"),), source_link="https://outlet.example/a",
    )


def test_feed_is_well_formed_and_complete():
    feed = AtomFeed(id=stable_id("site", "feed", "en"), title="Site: latest",
                    self_link="https://site.example/en/feed.atom",
                    alternate_link="https://site.example/en/", language="en", author="Site",
                    entries=(entry(2), entry(1, 'Quote "x" <script>\x0b & more')))
    root = etree.fromstring(render_atom(feed))
    assert root.tag == f"{A}feed"
    assert root.findtext(f"{A}updated") == "2025-03-02T12:30:15Z"  # newest entry
    assert root.find(f"{A}link[@rel='self']").get("href").endswith("/en/feed.atom")
    first, second = root.findall(f"{A}entry")
    assert second.findtext(f"{A}title") == 'Quote "x" <script> & more'
    assert first.findtext(f"{A}content") == "<p>Body &amp; more</p>"
    assert first.find(f"{A}content").get("type") == "html"
    assert first.find(f"{A}category").get("label") == "Politics"
    assert first.find(f"{A}link[@rel='via']").get("href") == "https://outlet.example/a"


def test_empty_feed_is_still_valid():
    feed = AtomFeed(id="urn:uuid:x", title="t", self_link="s", alternate_link="a",
                    language="uk", author="Site")
    root = etree.fromstring(render_atom(feed))
    assert root.findall(f"{A}entry") == [] and root.findtext(f"{A}updated").endswith("Z")


def test_ids_are_stable_and_distinct():
    assert stable_id("site", 1, "uk") == stable_id("site", 1, "uk")
    assert stable_id("site", 1, "uk") != stable_id("site", 1, "en")
    assert stable_id("s", 1).startswith("urn:uuid:")


def test_naive_dates_are_taken_as_utc():
    assert atom_date(datetime(2025, 1, 2, 3, 4, 5)) == "2025-01-02T03:04:05Z"
