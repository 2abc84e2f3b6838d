"""The whole pipeline over the sample press: worker process, CLI, web process, SQLite files."""

from __future__ import annotations

import re
from collections import Counter

import httpx
import pytest
from lxml import etree, html
from sqlalchemy import select

from presswatch.store.tables import Article, Document, Feed
from tests.support import run_cli

pytestmark = pytest.mark.integration

ATOM = "{http://www.w3.org/2005/Atom}"


def documents(deployment) -> list[Document]:
    with deployment.db.session() as s:
        return list(s.scalars(select(Document)))


def article_rows(deployment) -> list[Article]:
    with deployment.db.session() as s:
        return list(s.scalars(select(Article)))


def unique_relevant(press) -> list:
    """The sample articles that should each become one published document."""
    return [a for a in press.articles if a.relevant and a.kind in ("normal", "variant")]


def page(deployment, path: str) -> html.HtmlElement:
    response = httpx.get(deployment.base_url + path, timeout=30)
    assert response.status_code == 200, path
    return html.fromstring(response.text)


def article_path(deployment, doc: Document, lang: str) -> str:
    """The article's URL as the site links it from the section page."""
    tree = page(deployment, f"/{lang}/{doc.section}/")
    for href in tree.xpath("//a/@href"):
        if re.search(rf"/{lang}/{doc.section}/{doc.id}-", href):
            return href
    raise AssertionError(f"document {doc.id} is not linked from /{lang}/{doc.section}/")


def doc_in(deployment, language: str) -> Document:
    for doc in documents(deployment):
        if doc.language == language and doc.status == "published" and doc.section:
            return doc
    raise AssertionError(f"no published {language} document")


def test_every_relevant_article_is_published_once(deployment):
    published = [d for d in documents(deployment) if d.status == "published"]
    expected = unique_relevant(deployment.press)
    assert sorted(d.title for d in published) == sorted(a.title for a in expected)
    assert all(d.section for d in published)


def test_articles_outside_the_watch_topics_are_not_proposed(deployment):
    off_topic = {a.title for a in deployment.press.articles if not a.relevant}
    assert len(off_topic) >= 3
    docs = {d.title: d for d in documents(deployment)}
    for title in off_topic:
        assert docs[title].relevant is False
        assert docs[title].status == "new"


def test_republished_copy_is_stored_once_and_linked_to_both_outlets(deployment):
    copy = next(a for a in deployment.press.articles if a.kind == "republished")
    rows = [r for r in article_rows(deployment) if r.document_id is not None]
    by_url = {r.url: r for r in rows}
    doc_id = by_url[copy.url].document_id
    linked = [r for r in rows if r.document_id == doc_id]
    assert len(linked) == 2
    assert len({r.outlet_id for r in linked}) == 2


def test_url_variant_is_one_article(deployment):
    variant = next(a for a in deployment.press.articles if a.kind == "variant")
    urls = [r.url for r in article_rows(deployment)]
    assert not any("utm_" in url for url in urls)
    assert urls.count(variant.url) == 1


def test_paywall_stub_is_rejected_with_its_reason(deployment):
    stub = next(a for a in deployment.press.articles if a.kind == "paywall")
    row = next(r for r in article_rows(deployment) if r.url == stub.url)
    assert (row.stage, row.reject_reason) == ("rejected", "paywall")


def test_robots_txt_is_respected(deployment):
    hidden = [a for a in deployment.press.articles if a.kind == "hidden"]
    assert hidden
    requested = {path for _outlet, path, _status in deployment.press.requests}
    for article in hidden:
        assert httpx.URL(article.url).path not in requested


def test_malformed_feed_error_is_recorded_and_the_rest_goes_on(deployment):
    with deployment.db.session() as s:
        feeds = list(s.scalars(select(Feed)))
    broken = [f for f in feeds if f.last_error]
    assert len(broken) == 1
    healthy = [f for f in feeds if f not in broken]
    assert all(f.last_status in (200, 304) and f.next_check_at for f in healthy)
    seen = sum(f.items_seen for f in feeds)
    assert seen == len(article_rows(deployment))
    listing = run_cli("sources", "list", env=deployment.env).stdout
    assert "items" in listing.lower()


def test_every_article_reached_a_final_stage(deployment):
    stages = Counter(r.stage for r in article_rows(deployment))
    assert set(stages) <= {"done", "rejected", "failed"}
    assert stages["failed"] == 0, stages


def test_russian_article_in_three_languages(deployment):
    doc = doc_in(deployment, "ru")
    ru = page(deployment, article_path(deployment, doc, "ru"))
    assert doc.title in ru.text_content()
    uk = page(deployment, article_path(deployment, doc, "uk")).text_content()
    assert doc.title not in uk  # machine translated by Apertium
    assert re.search(r"[іїєґ]", uk)
    en = page(deployment, article_path(deployment, doc, "en")).text_content()
    assert "no engine for ru\u2192en" in en


def test_german_article_is_shown_untranslated_and_marked(deployment):
    doc = doc_in(deployment, "de")
    uk = page(deployment, article_path(deployment, doc, "uk"))
    assert "no engine for de\u2192uk" in uk.text_content()
    assert doc.title in uk.text_content()
    assert uk.xpath("//*[@lang='de']")


def test_article_page_keeps_structure_and_attribution(deployment):
    sample = next(a for a in unique_relevant(deployment.press) if a.headings)
    doc = next(d for d in documents(deployment) if d.title == sample.title)
    lang = doc.language if doc.language in ("uk", "en", "ru") else "uk"  # de: shown untranslated
    tree = page(deployment, article_path(deployment, doc, lang))
    headings = [h.text_content().strip() for h in tree.xpath("//article//h2")]
    for heading in sample.headings:
        assert heading in headings
    crumbs = [a.text_content().strip() for a in tree.xpath("//nav[@aria-label='breadcrumb']//li")]
    assert len(crumbs) == 3 and crumbs[-1] == doc.title
    assert sample.url in tree.xpath("//a/@href") or doc.canonical_url in tree.xpath("//a/@href")
    hreflangs = set(tree.xpath("//link[@rel='alternate']/@hreflang"))
    assert {"uk", "en", "ru"} <= hreflangs


def test_atom_feeds_per_language_and_section(deployment):
    section = doc_in(deployment, "ru").section
    for path in ("/uk/feed.atom", "/en/feed.atom", f"/ru/{section}/feed.atom"):
        response = httpx.get(deployment.base_url + path, timeout=30)
        assert response.status_code == 200
        root = etree.fromstring(response.content)
        assert root.tag == f"{ATOM}feed"
        assert root.findall(f"{ATOM}entry")


def test_second_crawl_of_unchanged_feeds_costs_304s(deployment):
    before = len(deployment.press.requests)
    done = run_cli("crawl", "--once", "--all", env=deployment.env)
    assert "0 new articles" in done.stderr + done.stdout
    feed_answers = [status for _o, path, status in deployment.press.requests[before:]
                    if path != "/robots.txt"]
    assert feed_answers and Counter(feed_answers)[304] == len(feed_answers) - 1
    with deployment.db.session() as s:
        broken = [f for f in s.scalars(select(Feed)) if f.last_error]
    assert len(broken) == 1  # the broken feed is re-read in full and still judged broken


def test_worker_process_is_still_alive(deployment):
    # The worker must survive the broken feed, the paywall and the rejected pages.
    assert deployment.worker.poll() is None
