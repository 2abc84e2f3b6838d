"""Story and entity pages on the public site, over the seeded site plus one cross-lingual story.

The Geneva story: The Potomac Ledger (US, en) reports first, then Правобережний вісник (UA,
uk), Berliner Morgenblatt (DE, de), Балтийский курьер (LV, ru) and Northgate Wire (GB, en,
which repeats the Ledger's quote). Troop figures: 100 000 (uk), 100 000 (de), then 130 000
(ru). A sixth member is only a candidate and must stay off the public pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from lxml import html
from sqlalchemy import select
from tests.unit.stories.fakes import TableEncoder, flat_means, made

from presswatch.store.tables import (
    Article,
    Document,
    Entity,
    Figure,
    Mention,
    Outlet,
    Quote,
    TranslationRow,
)
from presswatch.stories.assigner import StoryAssigner

T0 = datetime(2026, 2, 12, 20, 40, tzinfo=UTC)
LEDGER_QUOTE = "We listened carefully, and we were clear about what is not on the table"
LAVROV_QUOTE = "Москва примет решение о дальнейших шагах после консультаций"
REPORTS = [  # key, outlet, country, language, hours after T0, title, uk title
    ("ledger", "The Potomac Ledger", "US", "en", 0.0, "Geneva talks end without breakthrough",
     "Переговори в Женеві без прориву"),
    ("visnyk", "Правобережний вісник", "UA", "uk", 0.4, "Переговори США і Росії в Женеві "
     "завершилися без прориву", None),
    ("morgenblatt", "Berliner Morgenblatt", "DE", "de", 9.6, "Genfer Gespräche ohne Durchbruch",
     None),
    ("kurier", "Балтийский курьер", "LV", "ru", 9.8, "Переговоры в Женеве закончились без "
     "прорыва", "Переговори в Женеві закінчилися без прориву"),
    ("wire", "Northgate Wire", "GB", "en", 11.3, "No breakthrough in Geneva as talks end",
     "Жодного прориву в Женеві"),
    ("pending", "Northgate Wire", "GB", "en", 12.0, "Geneva: what comes next", None),
]
FIGURES = {"visnyk": (100_000, "понад 100 тисяч російських військових"),
           "morgenblatt": (100_000, "mehr als 100.000 russische Soldaten"),
           "kurier": (130_000, "около 130 тысяч российских военных")}


@dataclass
class World:
    story: int
    docs: dict[str, int]
    lavrov: int
    ukraine: int
    lonely: int
    lonely_story: int


def _document(s, key: str, outlet: Outlet, language: str, hours: float, title: str,
              uk_title: str | None) -> Document:
    status = "candidate" if key == "pending" else "published"
    when = T0 + timedelta(hours=hours)
    doc = Document(content_hash=f"geneva-{key}", title=title, language=language,
                   blocks=[{"kind": "p", "text": f"{title}. Diplomats met for two days."}],
                   section="geopolitics", relevant=True, status=status, published=when,
                   published_at=when + timedelta(minutes=20) if status == "published" else None)
    s.add(doc)
    s.flush()
    s.add(Article(url=f"{outlet.homepage}{key}/geneva", outlet_id=outlet.id,
                  document_id=doc.id, stage="done"))
    s.add(TranslationRow(document_id=doc.id, language=language, title=title, blocks=doc.blocks,
                         status="original"))
    if uk_title:
        s.add(TranslationRow(document_id=doc.id, language="uk", title=uk_title,
                             blocks=doc.blocks, status="machine", engine="test-mt"))
    return doc


def _analysis(s, docs: dict[str, int], lavrov: int, ukraine: int) -> None:
    for key, (value, surface) in FIGURES.items():
        s.add(Figure(document_id=docs[key], entity_id=ukraine, value=value, unit="troops",
                     qualifier="min", subject="troops", surface=surface, start=0, end=1))
    for key in ("ledger", "wire"):
        s.add(Quote(document_id=docs[key], speaker="head of the American delegation",
                    text=LEDGER_QUOTE, kind="direct", start=0, end=1))
    s.add(Quote(document_id=docs["kurier"], speaker_entity_id=lavrov, speaker="Сергей Лавров",
                text=LAVROV_QUOTE, kind="reported", start=0, end=1))
    for key in ("visnyk", "morgenblatt", "kurier", "pending"):
        s.add(Mention(document_id=docs[key], entity_id=lavrov, type="PER", surface="Lavrov",
                      start=0, end=6))
    s.add(Mention(document_id=docs["kurier"], entity_id=lavrov, type="PER", surface="Лавров",
                  start=10, end=16))
    s.add(Mention(document_id=docs["visnyk"], entity_id=ukraine, type="LOC", surface="Україна",
                  start=0, end=7))


def build_world(db, settings) -> World:
    with db.session() as s:
        outlets: dict[str, Outlet] = {}
        docs: dict[str, int] = {}
        for key, name, country, language, hours, title, uk_title in REPORTS:
            if name not in outlets:
                outlets[name] = Outlet(name=name, homepage=f"https://{key}.geneva.example/",
                                       country=country, language=language)
                s.add(outlets[name])
                s.flush()
            docs[key] = _document(s, key, outlets[name], language, hours, title, uk_title).id
        lavrov = Entity(key="person/lavrov", type="PER", names={
            "en": "Sergey Lavrov", "uk": "Сергій Лавров", "ru": "Сергей Лавров"})
        ukraine = Entity(key="country/ua", type="LOC", names={"en": "Ukraine", "uk": "Україна"})
        s.add_all([lavrov, ukraine])
        s.flush()
        _analysis(s, docs, lavrov.id, ukraine.id)
        lavrov_id, ukraine_id = lavrov.id, ukraine.id
    table = {title: made(7, lang, noise=i + 1)
             for i, (_, _, _, lang, _, title, _) in enumerate(REPORTS)}
    encoder = TableEncoder(table)
    assigner = StoryAssigner(settings, encoder=encoder, means=flat_means())
    placed = assigner.assign_many(db, list(docs.values()))
    assert len(set(placed.values())) == 1
    with db.session() as s:  # a published document alone in its story
        lonely = s.scalar(select(Document.id).where(Document.content_hash == "seed-uk"))
    encoder.table[_title_of(db, lonely)] = made(9, "uk")
    lonely_story = assigner.assign(db, lonely)
    return World(placed[docs["ledger"]], docs, lavrov_id, ukraine_id, lonely, lonely_story)


def _title_of(db, doc_id: int) -> str:
    with db.session() as s:
        return s.get(Document, doc_id).title


@pytest.fixture
def world(db, settings, seeded) -> World:
    return build_world(db, settings)


def page(client, path: str) -> html.HtmlElement:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return html.fromstring(response.text)


def text(tree, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]


def test_the_story_list_shows_stories_told_by_several_outlets(client, world):
    tree = page(client, "/en/stories/")
    titles = text(tree, "//li[@class='story-teaser']//h2")
    assert titles == ["Geneva talks end without breakthrough"]
    meta = text(tree, "//li[@class='story-teaser']//p[@class='meta']")[0]
    assert "Reports: 5 · languages: 4 · countries: 5" in meta
    assert tree.xpath(f"//a[@href='/en/stories/{world.story}']")
    home = page(client, "/en/")
    assert home.xpath("//nav[@class='sections']//a[@href='/en/stories/']")


def test_a_story_page_tells_who_reported_first_in_which_language_from_where(client, world):
    tree = page(client, f"/uk/stories/{world.story}")
    assert text(tree, "//h1")[0] == "Переговори США і Росії в Женеві завершилися без прориву"
    summary = text(tree, "//p[@class='story-summary']")[0]
    assert "Першим повідомило The Potomac Ledger (англійська)" in summary
    reports = tree.xpath("//section[@class='timeline']//li")
    assert len(reports) == 5  # the candidate stays off the site
    first = " ".join(reports[0].text_content().split())
    assert "перше" in first and "The Potomac Ledger" in first
    assert "Переговори в Женеві без прориву" in first  # its Ukrainian machine translation
    sources = [" ".join(r.xpath(".//span[@class='report-source']")[0].text_content().split())
               for r in reports]
    assert [s.rsplit(" ", 1)[-1] for s in sources] == ["en", "uk", "de", "ru", "en"]
    assert "Geneva: what comes next" not in tree.text_content()
    links = tree.xpath("//section[@class='timeline']//span[@class='report-title']/a/@href")
    assert all(href.startswith("/uk/geopolitics/") for href in links) and len(links) == 5
    countries = text(tree, "//section[@class='spread']//tbody/tr/td[1]")
    assert sorted(countries) == ["DE", "GB", "LV", "UA", "US"]


def test_a_figure_that_changed_between_retellings_is_shown_as_changed(client, world):
    tree = page(client, f"/en/stories/{world.story}")
    series = tree.xpath("//div[contains(@class, 'figure-series')]")
    assert len(series) == 1 and "changed" in series[0].get("class")
    points = [" ".join(li.text_content().split()) for li in series[0].xpath(".//li")]
    assert [p.split(": ", 1)[1].split(" ")[0] for p in points] == ["100,000", "100,000",
                                                                  "130,000"]
    assert "was 100,000 in the report before" in points[2]
    assert "was" not in points[1]  # the same figure again is not a change
    assert series[0].xpath(f".//h3/a[@href='/en/entities/{world.ukraine}']")
    assert text(tree, "//div[contains(@class, 'figure-series')]//span[@class='unit']") == [
        "troops"]
    uk = page(client, f"/uk/stories/{world.story}")
    assert "у попередньому повідомленні — 100\u202f000" in uk.text_content()
    assert text(uk, "//div[contains(@class, 'figure-series')]//span[@class='unit']") == [
        "військові"]  # the unit in the page's language


def test_quotes_link_to_where_each_was_first_published(client, world):
    tree = page(client, f"/en/stories/{world.story}")
    quotes = tree.xpath("//section[@class='quotes']/figure")
    assert [" ".join(q.xpath("./blockquote")[0].text_content().split()) for q in quotes] == [
        LEDGER_QUOTE, LAVROV_QUOTE]
    ledger = quotes[0].xpath("./figcaption")[0]
    assert "https://ledger.geneva.example/ledger/geneva" in ledger.xpath(".//a/@href")
    assert "repeated in 1 later report(s)" in ledger.text_content()
    lavrov = quotes[1].xpath("./figcaption")[0]
    assert lavrov.xpath(f".//a[@href='/en/entities/{world.lavrov}']")[0].text == "Sergey Lavrov"
    assert quotes[1].xpath("./blockquote/@lang") == ["ru"]


def test_an_entity_page_shows_mentions_over_time_stories_and_quotes(client, world):
    tree = page(client, f"/en/entities/{world.lavrov}")
    assert text(tree, "//h1") == ["Sergey Lavrov"]
    days = tree.xpath("//table[@class='mention-days']/tbody/tr")
    counted = [(" ".join(r.xpath("./td[1]")[0].text_content().split()),
                r.xpath("./td[3]")[0].text_content().strip()) for r in days]
    # published documents only: visnyk on the 12th; morgenblatt and kurier on the 13th
    assert counted == [("12 February 2026", "1"), ("13 February 2026", "2")]
    assert tree.xpath("//meter/@value") == ["1", "3"]
    assert tree.xpath(f"//ul[@class='entity-stories']//a[@href='/en/stories/{world.story}']")
    assert LAVROV_QUOTE in tree.text_content()
    assert "Geneva: what comes next" not in tree.text_content()


def test_merged_and_unknown_stories_and_entities(client, world, db, settings):
    assert client.get("/en/stories/999999").status_code == 404
    assert client.get("/en/entities/999999").status_code == 404
    assert client.get(f"/xx/stories/{world.story}").status_code == 404
    lonely_story = client.get(f"/en/stories/{world.lonely_story}")
    assert lonely_story.status_code == 200  # one published report: its page still exists
    StoryAssigner(settings, means=flat_means()).merge(db, world.story, world.lonely_story, "al")
    moved = client.get(f"/en/stories/{world.lonely_story}")
    assert moved.status_code == 301
    assert moved.headers["location"] == f"/en/stories/{world.story}"
    with db.session() as s:
        s.get(Entity, world.ukraine).merged_into_id = world.lavrov
    redirect = client.get(f"/ru/entities/{world.ukraine}")
    assert (redirect.status_code, redirect.headers["location"]) == (
        301, f"/ru/entities/{world.lavrov}")
    with db.session() as s:  # merged again: the first one's page leads to the last survivor
        later = Entity(key="person/later", type="PER", names={"en": ["Later"]})
        s.add(later)
        s.flush()
        s.get(Entity, world.lavrov).merged_into_id = later_id = later.id
    redirect = client.get(f"/ru/entities/{world.ukraine}")
    assert (redirect.status_code, redirect.headers["location"]) == (
        301, f"/ru/entities/{later_id}")


def test_an_article_links_to_its_story_only_when_others_reported_it(client, world):
    story_tree = page(client, f"/en/stories/{world.story}")
    href = story_tree.xpath("//section[@class='timeline']//span[@class='report-title']/a/@href")
    member = page(client, client.get(href[1]).headers.get("location", href[1]))
    assert member.xpath(f"//p[@class='story-link']/a[@href='/en/stories/{world.story}']")
    section = page(client, "/en/energy/")
    lonely = section.xpath("//article[contains(@class, 'teaser')]//h3/a/@href")[0]
    assert not page(client, lonely).xpath("//p[@class='story-link']")


def test_a_report_carried_by_several_outlets_names_them_all_in_the_timeline(
        client, world, db):
    with db.session() as s:  # the Ledger's article also ran on the Balkan desk's site
        outlet = Outlet(name="Adriatic Courier", homepage="https://courier.example/",
                        country="HR", language="en")
        s.add(outlet)
        s.flush()
        s.add(Article(url="https://courier.example/geneva", outlet_id=outlet.id,
                      document_id=world.docs["ledger"], stage="done"))
    tree = page(client, f"/en/stories/{world.story}")
    first = tree.xpath("//section[@class='timeline']//li")[0]
    also = " ".join(first.xpath(".//span[@class='also-carried']")[0].text_content().split())
    assert also == "Also carried by Adriatic Courier (HR)"
    assert all(not r.xpath(".//span[@class='also-carried']")
               for r in tree.xpath("//section[@class='timeline']//li")[1:])
    assert "HR" in text(tree, "//section[@class='spread']//tbody/tr/td[1]")
