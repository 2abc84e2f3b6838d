"""Outlets without feeds: front and section pages crawled for article links, through the real
CLI over the sample press's feedless outlet, up to published documents."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from presswatch.models import OutletEntry
from presswatch.samplepress.server import SamplePress
from presswatch.store.base import Database
from presswatch.store.tables import Article, Document, Feed
from tests.support import PRESSWATCH, import_outlets, presswatch_env, run_cli

pytestmark = pytest.mark.integration

FEEDLESS = "Слобожанський щоденник"


@pytest.fixture(scope="module")
def press():
    with SamplePress(feedless=True) as running:
        yield running


def outlet(press: SamplePress, name: str) -> OutletEntry:
    return next(e for e in press.outlets if e.name == name)


def setup_data(tmp_path: Path, entries: list[OutletEntry]) -> tuple[dict[str, str], Database]:
    env = presswatch_env(tmp_path, PRESSWATCH_AUTO_PUBLISH="true")
    import_outlets(tmp_path, env, entries)
    return env, Database(f"sqlite:///{tmp_path / 'presswatch.db'}")


def test_a_page_only_outlet_is_crawled_and_published(press: SamplePress, tmp_path: Path) -> None:
    entry = outlet(press, FEEDLESS)
    assert entry.feeds == () and entry.pages
    env, db = setup_data(tmp_path, [entry])
    done = run_cli("crawl", "--once", "--process", env=env)
    articles = [a for a in press.articles if a.outlet == FEEDLESS]
    assert f"{len(entry.pages)} feeds crawled, {len(articles)} new articles, 0 feed errors" \
        in done.stdout + done.stderr
    with db.session() as s:
        rows = list(s.scalars(select(Article)))
        docs = list(s.scalars(select(Document)))
        pages = list(s.scalars(select(Feed)))
    assert sorted(r.url for r in rows) == sorted(a.url for a in articles)
    assert Counter(r.stage for r in rows) == {"done": len(articles)}
    published = sorted(d.title for d in docs if d.status == "published")
    assert published == sorted(a.title for a in articles if a.relevant)
    off_topic = next(d for d in docs if not d.relevant)
    assert off_topic.status == "new"
    assert {p.kind for p in pages} == {"page"}
    assert all(p.last_status == 200 and p.last_error is None and p.next_check_at for p in pages)
    assert sum(p.items_seen for p in pages) == len(articles)
    listing = run_cli("sources", "list", env=env).stdout
    assert "(page)" in listing
    db.dispose()


def test_an_unchanged_page_costs_a_304_and_adds_nothing(press: SamplePress,
                                                         tmp_path: Path) -> None:
    entry = outlet(press, FEEDLESS)
    env, db = setup_data(tmp_path, [entry])
    run_cli("crawl", "--once", env=env)
    before = len(press.requests)
    again = run_cli("crawl", "--once", "--all", env=env)
    assert "0 new articles, 0 feed errors" in again.stdout + again.stderr
    answers = [status for name, path, status in press.requests[before:]
               if name == FEEDLESS and path != "/robots.txt"]
    assert answers == [304] * len(entry.pages)
    db.dispose()


def test_a_page_that_links_no_article_is_flagged(press: SamplePress, tmp_path: Path) -> None:
    morgenblatt = press.outlets[0]
    empty_day = morgenblatt.archive_url.format(yyyy="2026", mm="01", dd="01")
    entry = OutletEntry(name=morgenblatt.name, homepage=morgenblatt.homepage,
                        pages=(empty_day, morgenblatt.homepage + "politik/"))
    env, db = setup_data(tmp_path, [entry])
    run_cli("crawl", "--once", env=env)
    with db.session() as s:
        pages = {p.url: p for p in s.scalars(select(Feed))}
        found = {r.url for r in s.scalars(select(Article))}
    assert pages[empty_day].last_error == "the page links no article"
    assert pages[empty_day].error_count == 1
    politik = pages[morgenblatt.homepage + "politik/"]
    assert politik.last_error is None and politik.items_seen == len(found) > 0
    db.dispose()


def test_sources_add_page_and_sitemap_through_the_cli(press: SamplePress,
                                                     tmp_path: Path) -> None:
    visnyk = next(e for e in press.outlets if e.language == "uk" and e.feeds)
    wire = next(e for e in press.outlets if e.name == "Northgate Wire")
    env, db = setup_data(tmp_path, [visnyk, wire])
    added = run_cli("sources", "add-page", visnyk.homepage + "bezpeka/", "--outlet",
                    visnyk.name, env=env)
    assert "page" in added.stdout and "article link(s) on the page now" in added.stdout
    again = run_cli("sources", "add-page", visnyk.homepage + "bezpeka/", env=env)
    assert "already known" in again.stdout
    sitemap = run_cli("sources", "add", wire.homepage + "sitemaps/2026-02.xml", "--kind",
                      "sitemap", "--outlet", wire.homepage, env=env)
    assert "a sitemap of 2 URL(s)" in sitemap.stdout
    index = subprocess.run([PRESSWATCH, "sources", "add", wire.homepage + "sitemap.xml",
                            "--kind", "sitemap", "--outlet", "Northgate"], env=env,
                           capture_output=True, text=True, timeout=120)
    assert index.returncode == 2 and "is a sitemap index" in index.stdout + index.stderr
    with db.session() as s:
        kinds = {f.url: f.kind for f in s.scalars(select(Feed))}
    assert kinds[visnyk.homepage + "bezpeka/"] == "page"
    assert kinds[wire.homepage + "sitemaps/2026-02.xml"] == "sitemap"
    assert wire.homepage + "sitemap.xml" not in kinds
    db.dispose()
