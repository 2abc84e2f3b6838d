"""Stories over the sample press, made by the worker as it processes the articles.

The Geneva talks ending without a breakthrough are reported by The Potomac Ledger (en, first;
Northgate Wire republishes it), Правобережний вісник (uk), Berliner Morgenblatt (de) and
Балтийский курьер (ru), each in its own words and within a day: one story. The troop figure
is 100 000 in the uk and de reports and 130 000 in the ru one. The Kurier's analysis of the
same talks three weeks later is outside the time window.
"""

from __future__ import annotations

import re

import httpx
import pytest
from lxml import html
from sqlalchemy import select

from presswatch.store.tables import Document, StoryMember
from tests.support import run_cli

pytestmark = pytest.mark.integration

GENEVA = re.compile(r"Женев|Geneva|Genf")
LATER_ANALYSIS = "После Женевы"


def documents(deployment) -> dict[str, Document]:
    with deployment.db.session() as s:
        return {doc.title: doc for doc in s.scalars(select(Document))}


def memberships(deployment) -> dict[int, StoryMember]:
    with deployment.db.session() as s:
        return {m.document_id: m for m in s.scalars(select(StoryMember))}


def geneva_reports(deployment) -> dict[str, Document]:
    """The four same-day Geneva reports, by language (the copy is the Ledger's document)."""
    docs = documents(deployment)
    found = {}
    for article in deployment.press.articles:
        if GENEVA.search(article.title) and LATER_ANALYSIS not in article.title:
            found[article.language] = docs[article.title]
    assert set(found) == {"en", "uk", "ru", "de"}
    return found


def page(deployment, path: str) -> html.HtmlElement:
    response = httpx.get(deployment.base_url + path, timeout=30, follow_redirects=True)
    assert response.status_code == 200, path
    return html.fromstring(response.text)


def test_every_document_joined_a_story_seconds_after_it_was_stored(deployment):
    members = memberships(deployment)
    docs = documents(deployment).values()
    assert {doc.id for doc in docs} == set(members)
    for doc in docs:
        delay = (members[doc.id].added_at - doc.created_at).total_seconds()
        assert 0 <= delay < 60, (doc.title, delay)


def test_the_geneva_talks_in_four_languages_are_one_story_and_nothing_else_is_in_it(deployment):
    reports = geneva_reports(deployment)
    members = memberships(deployment)
    stories = {members[doc.id].story_id for doc in reports.values()}
    assert len(stories) == 1
    (story,) = stories
    assert {d for d, m in members.items() if m.story_id == story} == {
        doc.id for doc in reports.values()}
    later = next(doc for title, doc in documents(deployment).items() if LATER_ANALYSIS in title)
    assert members[later.id].story_id != story


def test_the_story_page_shows_the_timeline_figures_and_first_report(deployment):
    story = memberships(deployment)[geneva_reports(deployment)["en"].id].story_id
    listing = page(deployment, "/en/stories/")
    assert listing.xpath(f"//a[@href='/en/stories/{story}']")
    tree = page(deployment, f"/uk/stories/{story}")
    summary = " ".join(tree.xpath("//p[@class='story-summary']")[0].text_content().split())
    assert "Повідомлень: 4 · мов: 4" in summary
    assert "Першим повідомило The Potomac Ledger (англійська)" in summary
    codes = tree.xpath("//section[@class='timeline']//span[@class='lang-code']/text()")
    assert codes == ["en", "uk", "de", "ru"]
    countries = {td.text_content().strip() for td in
                 tree.xpath("//section[@class='spread']//tbody/tr/td[1]")}
    assert {"US", "GB", "UA", "DE", "LV"} <= countries  # Northgate Wire's copy counts too
    changed = tree.xpath("//div[contains(@class, 'figure-series') and contains(@class, 'changed')]")
    assert changed, "the troop figure changes from 100 000 to 130 000"
    text = re.sub(r"[ \n]+", " ", changed[0].text_content())
    assert "130\u202f000" in text and "у попередньому повідомленні — 100\u202f000" in text


def test_an_article_page_links_to_its_story_and_the_cli_lists_it(deployment):
    reports = geneva_reports(deployment)
    story = memberships(deployment)[reports["ru"].id].story_id
    tree = page(deployment, f"/ru/stories/{story}")
    article = tree.xpath("//section[@class='timeline']//span[@class='report-title']/a/@href")[0]
    link = f"//p[@class='story-link']/a[@href='/ru/stories/{story}']"
    assert page(deployment, article).xpath(link)
    listing = run_cli("stories", "list", "--language", "en", "--min-size", "2",
                      env={**deployment.env, "COLUMNS": "200"}).stdout
    assert "Geneva talks end without breakthrough" in listing
