"""Revisions: an outlet edits a published article; a re-fetch keeps the new text as revision 2,
the article page says it was updated and shows the diff, the desk flags a stealth edit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from lxml import html
from sqlalchemy import select

from presswatch.samplepress.server import SampleArticle, SamplePress
from presswatch.store import revisions as store_revisions
from presswatch.store.base import Database, utcnow
from presswatch.store.tables import Article, Document, Revision, TranslationRow
from tests.support import (
    free_port,
    import_outlets,
    presswatch_env,
    run_cli,
    start_process,
    stop_process,
    wait_http,
)

pytestmark = pytest.mark.integration

LEDGER, WIRE = "The Potomac Ledger", "Northgate Wire"
EDITOR, PASSWORD = "editor", "revisions are news"
NEW_TITLE = "Satellite images show 150,000 Russian troops massed near the border"
INJECTED = 'Update: the ministry said <script>alert("x")</script> nothing more.'


@dataclass
class Site:
    press: SamplePress
    env: dict[str, str]
    db: Database
    base_url: str


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """The two English outlets crawled and auto-published, the web app serving them."""
    data_dir: Path = tmp_path_factory.mktemp("revisions")
    press = SamplePress().start()
    env = presswatch_env(data_dir, PRESSWATCH_AUTO_PUBLISH="true")
    import_outlets(data_dir, env, [o for o in press.outlets if o.language == "en"])
    run_cli("crawl", "--once", "--process", env=env)
    run_cli("users", "add", EDITOR, "--password-stdin", env=env, input=PASSWORD + "\n")
    port = free_port()
    web = start_process("serve", "--port", str(port), env=env, log=data_dir / "web.log")
    db = Database(f"sqlite:///{data_dir / 'presswatch.db'}")
    try:
        wait_http(f"http://127.0.0.1:{port}/healthz")
        yield Site(press, env, db, f"http://127.0.0.1:{port}")
    finally:
        stop_process(web)
        press.stop()
        db.dispose()


def sample(site: Site, outlet: str, index: int = 0) -> SampleArticle:
    own = [a for a in site.press.articles
           if a.outlet == outlet and a.relevant and a.kind == "normal"]
    return own[index]


def document(site: Site, title: str) -> Document:
    with site.db.session() as s:
        return s.scalar(select(Document).where(Document.title == title))


def document_of(site: Site, url: str) -> Document:
    with site.db.session() as s:
        doc_id = s.scalar(select(Article.document_id).where(Article.url == url))
        return s.get(Document, doc_id)


def revisions_of(site: Site, doc_id: int) -> list[Revision]:
    with site.db.session() as s:
        return list(s.scalars(select(Revision).where(Revision.document_id == doc_id)
                              .order_by(Revision.number)))


def body(article: SampleArticle) -> list[str]:
    """The article's body paragraphs as ``edit_article`` takes them (headings marked)."""
    parts = article.text.split("\n\n")[1:]
    return [f"## {p}" if p in article.headings else p for p in parts]


def refetch(site: Site, outlet: str) -> str:
    done = run_cli("reprocess", "--refetch", "--outlet", outlet, env=site.env)
    return done.stderr


def public_page(site: Site, doc: Document, suffix: str = "") -> html.HtmlElement:
    response = httpx.get(f"{site.base_url}/en/{doc.section}/{doc.id}", follow_redirects=True,
                         timeout=30)
    assert response.status_code == 200
    if suffix:
        response = httpx.get(str(response.url) + suffix, timeout=30)
        assert response.status_code == 200, response.text
    return html.fromstring(response.text)


def test_a_refetch_of_unchanged_articles_asks_conditionally_and_keeps_revision_1(site):
    before = len(site.press.requests)
    output = refetch(site, LEDGER)
    assert re.search(r"\d+ unchanged", output) and "revised" not in output
    answers = [status for outlet, path, status in site.press.requests[before:]
               if outlet == LEDGER and path != "/robots.txt"]
    assert answers and set(answers) == {304}
    docs = [document(site, a.title) for a in site.press.articles
            if a.outlet == LEDGER and a.relevant and a.kind == "normal"]
    assert all(d.revision == 1 and len(revisions_of(site, d.id)) == 1 for d in docs)


def test_articles_young_and_unchecked_are_due_for_a_recheck(site):
    now = utcnow()
    with site.db.session() as s:
        due_now = store_revisions.due_rechecks(s, seen_after=now - timedelta(hours=48),
                                               checked_before=now - timedelta(hours=6))
        due_later = store_revisions.due_rechecks(s, seen_after=now - timedelta(hours=48),
                                                 checked_before=now + timedelta(hours=1))
        done = s.scalars(select(Article.id).where(Article.stage == "done")).all()
    assert due_now == []
    assert sorted(due_later) == sorted(done)


def test_a_headline_edit_after_publication_is_revision_2_and_a_stealth_edit(site):
    article = sample(site, LEDGER)
    doc = document(site, article.title)
    assert doc.status == "published"
    paragraphs = body(article)
    paragraphs[0] = paragraphs[0].replace("100,000", "150,000") + " Officials confirmed it."
    site.press.edit_article(article.url, title=NEW_TITLE, paragraphs=[*paragraphs, INJECTED])
    output = refetch(site, LEDGER)
    assert "1 revised" in output
    doc = document_of(site, article.url)
    assert (doc.title, doc.revision, doc.stealth_edit) == (NEW_TITLE, 2, True)
    first, second = revisions_of(site, doc.id)
    assert first.title == article.title and second.title == NEW_TITLE
    assert (second.headline_changed, second.after_publication) == (True, True)
    assert second.blocks[-1]["text"] == INJECTED
    with site.db.session() as s:
        titles = dict(s.execute(select(TranslationRow.language, TranslationRow.title)
                                .where(TranslationRow.document_id == doc.id)).all())
    assert titles["en"] == NEW_TITLE
    assert article.title not in titles.values()


def test_the_article_page_says_updated_and_links_the_diff(site):
    doc = document_of(site, sample(site, LEDGER).url)
    page = public_page(site, doc)
    [link] = page.xpath("//a[contains(@href, '/changes')]")
    assert "2 revisions" in link.text_content()
    changes = public_page(site, doc, "/changes")
    deleted = " ".join(d.text_content() for d in changes.xpath("//del"))
    inserted = " ".join(i.text_content() for i in changes.xpath("//ins"))
    assert "100,000" in deleted and "150,000" in inserted
    assert "Officials confirmed it." in inserted
    assert '<script>alert("x")</script>' in inserted  # shown as text ...
    assert not changes.xpath("//script")  # ... never as markup
    assert "headline changed" in changes.text_content()


@contextmanager
def desk_client(site: Site) -> Iterator[httpx.Client]:
    """An HTTP client logged in to the desk."""
    with httpx.Client(base_url=site.base_url, timeout=60) as client:
        form = html.fromstring(client.get("/desk/login").text)
        token = form.xpath("//input[@name='csrf_token']/@value")[0]
        client.post("/desk/login", data={"username": EDITOR, "password": PASSWORD,
                                         "csrf_token": token, "next": "/desk/"})
        yield client


def test_the_desk_flags_the_stealth_edit_and_shows_the_diff(site):
    doc = document_of(site, sample(site, LEDGER).url)
    with desk_client(site) as client:
        response = client.get(f"/desk/documents/{doc.id}")
    assert response.status_code == 200
    page = html.fromstring(response.text)
    [flag] = page.xpath("//*[contains(@class, 'stealth-edit')]")
    assert "Stealth edit" in flag.text_content()
    assert "150,000" in " ".join(i.text_content() for i in page.xpath("//ins"))
    assert not page.xpath("//script")


def test_a_body_only_edit_is_a_revision_but_not_a_stealth_edit(site):
    article = sample(site, WIRE)
    paragraphs = body(article)
    site.press.edit_article(article.url, paragraphs=paragraphs[:-1])
    output = refetch(site, WIRE)
    assert "1 revised" in output and "1 copy" in output
    doc = document_of(site, article.url)
    assert (doc.revision, doc.stealth_edit) == (2, False)
    second = revisions_of(site, doc.id)[-1]
    assert (second.headline_changed, second.after_publication) == (False, True)


def test_an_unchanged_refetch_after_the_edit_adds_no_revision(site):
    output = refetch(site, LEDGER)
    assert "revised" not in output
    doc = document_of(site, sample(site, LEDGER).url)
    assert doc.revision == 2 and len(revisions_of(site, doc.id)) == 2


def test_the_desk_button_checks_the_original_now(site):
    article = sample(site, WIRE)
    doc = document_of(site, article.url)
    site.press.edit_article(article.url, title=article.title + " (corrected)")
    with desk_client(site) as client:
        page = html.fromstring(client.get(f"/desk/documents/{doc.id}").text)
        [form] = page.xpath("//form[contains(@action, '/refetch')]")
        token = form.xpath(".//input[@name='csrf_token']/@value")[0]
        response = client.post(form.get("action"), data={"csrf_token": token},
                               follow_redirects=True)
    assert response.status_code == 200
    assert "The original has changed" in html.fromstring(response.text).text_content()
    doc = document_of(site, article.url)
    assert (doc.revision, doc.stealth_edit) == (3, True)
