"""The desk's entity pages: add, teach names, merge and split behind login and CSRF, and what
editors do there reaching the analyzer of articles processed afterwards."""

from __future__ import annotations

import socket
from typing import Any

import httpx
import pytest
from lxml import html
from sqlalchemy import select
from tests.unit.web.test_web_desk import csrf_of, login

from presswatch.fetch.client import Fetcher
from presswatch.models import FeedItem
from presswatch.pipeline import Pipeline
from presswatch.settings import Settings
from presswatch.store import articles as store_articles
from presswatch.store import entities as store_entities
from presswatch.store.tables import Document, Entity, EntityName, Mention

PARAGRAPHS = (
    "Голова правління Степан Гриценко-Вербицький у вівторок відкрив нову лінію водогону в "
    "Полтаві. За його словами, роботи тривали понад два роки і коштували громаді чимало.",
    "Степан Гриценко-Вербицький пообіцяв, що до кінця року під'єднають ще три райони. "
    "Мешканці Полтави давно скаржилися на перебої з водою в літню спеку.",
    "Наступного місяця Гриценко-Вербицький планує звітувати перед міською радою про витрати "
    "та про графік робіт на решті вулиць.",
)
PERSON = "Степан Гриценко-Вербицький"


def _public(host: str, port: int, *args: Any) -> list[tuple[Any, ...]]:
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]


def _page(title: str, paragraphs: tuple[str, ...]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang='uk'><head><meta charset='utf-8'><title>{title}</title>"
            f"</head><body><article><h1>{title}</h1>{body}</article></body></html>").encode()


def process(settings: Settings, db, path: str, paragraphs: tuple[str, ...] = PARAGRAPHS,
            pipeline: Pipeline | None = None) -> int:
    """One article fetched (from a canned site) and processed by the pipeline: its document
    (the texts differ in one sentence; ``settings`` turns the near-duplicate check off)."""
    url = f"https://kurier.example/{path}"

    def site(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        text = (*paragraphs, f"Редакція отримала цей матеріал під номером {path}.")
        return httpx.Response(200, content=_page(f"Водогін {path}", text),
                              headers={"content-type": "text/html; charset=utf-8"})

    with db.session() as s:
        [article_id] = store_articles.add_discovered(s, [FeedItem(url)], outlet_id=None,
                                                     feed_id=None)
    own = pipeline is None
    pipeline = pipeline or Pipeline(settings, db)
    pipeline.fetcher = Fetcher(settings, httpx.MockTransport(site), resolver=_public)
    try:
        assert pipeline.process_article(article_id) == "extracted"
    finally:
        if own:
            pipeline.close()
    with db.session() as s:
        return s.scalar(select(Document.id).where(Document.title == f"Водогін {path}"))


def mentions(db, doc_id: int) -> list[tuple[str, str | None]]:
    with db.session() as s:
        return [(m.surface, key) for m, key in store_entities.document_mentions(s, doc_id)]


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, secret_key="unit-test-secret",
                    assign_stories=False, min_host_interval=0, duplicate_threshold=1.01)


def add(client, **fields: str):
    form = client.get("/desk/entities/")
    return client.post("/desk/entities/", data={"csrf_token": csrf_of(form), **fields})


def entity_id(db, key: str) -> int:
    with db.session() as s:
        return s.scalar(select(Entity.id).where(Entity.key == key))


def test_entity_pages_need_a_login_and_the_csrf_token(client, db):
    for path in ("/desk/entities/", "/desk/entities/1"):
        response = client.get(path)
        assert response.status_code == 303 and "/desk/login" in response.headers["location"]
    response = client.post("/desk/entities/", data={"key": "person/x", "type": "PER",
                                                    "names_en": "X", "csrf_token": "x"})
    assert response.status_code == 303 and "/desk/login" in response.headers["location"]
    login(client)
    forged = client.post("/desk/entities/", data={"key": "person/x", "type": "PER",
                                                  "names_en": "X", "csrf_token": "0" * 64})
    assert forged.status_code == 403 and entity_id(db, "person/x") is None
    assert html.fromstring(client.get("/desk/").text).xpath("//a[@href='/desk/entities/']")


def test_an_added_entity_is_listed_and_found_in_articles_processed_afterwards(
        client, db, settings):
    before = process(settings, db, "before")
    assert all(key != "person/stepan-hrytsenko" for _, key in mentions(db, before))
    login(client)
    response = add(client, key="person/stepan-hrytsenko", type="PER",
                   names_uk=f"{PERSON} | Гриценко-Вербицький", names_en="Stepan Hrytsenko")
    assert response.status_code == 303
    new_id = entity_id(db, "person/stepan-hrytsenko")
    assert response.headers["location"] == f"/desk/entities/{new_id}"
    listing = html.fromstring(client.get("/desk/entities/?q=гриценко").text)
    assert listing.xpath(f"//table//a[@href='/desk/entities/{new_id}']")
    assert not html.fromstring(client.get("/desk/entities/?q=гриценко&type=ORG").text).xpath(
        f"//table//a[@href='/desk/entities/{new_id}']")

    after = process(settings, db, "after")
    found = mentions(db, after)
    assert (PERSON, "person/stepan-hrytsenko") in found
    assert ("Гриценко-Вербицький", "person/stepan-hrytsenko") in found
    assert ("Полтаві", "city/poltava") in found  # the packaged base still works
    page = html.fromstring(client.get(f"/desk/entities/{new_id}").text)
    assert page.xpath(f"//a[@href='/desk/documents/{after}']")
    assert "Mentions: 3" in page.xpath("string(//p[@id='entity-counts'])")


@pytest.mark.parametrize(("key", "reason"), [
    ("Person/Ivan Petrenko", "a key of type PER is person/"),
    ("city/ivan-petrenko", "a key of type PER is person/"),
    ("city/kyiv", "a key of type PER is person/"),
    ("person/taken", "entity person/taken exists already"),
])
def test_a_bad_or_taken_key_is_refused_with_the_reason_and_the_form_kept(client, db, key,
                                                                         reason):
    login(client)
    assert add(client, key="person/taken", type="PER", names_en="Taken").status_code == 303
    response = add(client, key=key, type="PER", names_uk="Іван Петренко | Петренко",
                   names_de="Iwan Petrenko", description="a mayor")
    assert response.status_code == 400
    page = html.fromstring(response.text)
    assert reason in page.xpath("string(//p[@id='desk-error'])")
    assert page.xpath("//input[@name='key']/@value") == [key]
    assert page.xpath("//input[@name='names_uk']/@value") == ["Іван Петренко | Петренко"]
    assert page.xpath("//input[@name='names_de']/@value") == ["Iwan Petrenko"]
    assert page.xpath("//input[@name='description']/@value") == ["a mayor"]
    assert page.xpath("//select[@name='type']/option[@selected]/@value") == ["PER"]


def test_an_entity_without_names_is_refused(client, db):
    login(client)
    response = add(client, key="org/nameless", type="ORG", names_uk=" | ")
    assert response.status_code == 400 and "needs at least one name" in response.text
    assert entity_id(db, "org/nameless") is None


def test_a_new_spelling_taught_to_an_entity_is_recognised_afterwards(client, db, settings):
    login(client)
    add(client, key="person/stepan-hrytsenko", type="PER", names_uk=PERSON)
    new_id = entity_id(db, "person/stepan-hrytsenko")
    form = client.get(f"/desk/entities/{new_id}")
    response = client.post(f"/desk/entities/{new_id}/names",
                           data={"csrf_token": csrf_of(form), "names_uk": "Гриценко-Вербицький"})
    assert response.status_code == 303
    again = client.post(f"/desk/entities/{new_id}/names",
                        data={"csrf_token": csrf_of(form), "names_uk": "Гриценко-Вербицький"})
    assert again.status_code == 400 and "no new name" in again.text
    found = mentions(db, process(settings, db, "taught"))
    assert found.count(("Гриценко-Вербицький", "person/stepan-hrytsenko")) == 1


def test_merge_moves_the_mentions_and_the_merged_page_leads_to_the_survivor(
        client, db, settings):
    login(client)
    add(client, key="person/stepan-hrytsenko", type="PER", names_uk=PERSON)
    add(client, key="person/hrytsenko-verbytskyi", type="PER", names_uk="Гриценко-Вербицький")
    survivor, merged = (entity_id(db, "person/stepan-hrytsenko"),
                        entity_id(db, "person/hrytsenko-verbytskyi"))
    doc = process(settings, db, "merge")
    assert ("Гриценко-Вербицький", "person/hrytsenko-verbytskyi") in mentions(db, doc)
    form = client.get(f"/desk/entities/{merged}?find=гриценко")
    candidates = html.fromstring(form.text).xpath(
        "//ul[@class='merge-candidates']//input[@name='target']/@value")
    assert candidates == ["person/stepan-hrytsenko"]
    wrong = client.post(f"/desk/entities/{merged}/merge",
                        data={"csrf_token": csrf_of(form), "target": "person/nobody"})
    assert wrong.status_code == 400 and "no entity person/nobody" in wrong.text
    assert html.fromstring(wrong.text).xpath("//input[@name='target']/@value") == [
        "person/nobody"]
    response = client.post(f"/desk/entities/{merged}/merge",
                           data={"csrf_token": csrf_of(form), "target": candidates[0]})
    assert response.status_code == 303
    assert response.headers["location"] == f"/desk/entities/{survivor}"
    assert {key for _, key in mentions(db, doc)} >= {"person/stepan-hrytsenko"}
    assert "person/hrytsenko-verbytskyi" not in {key for _, key in mentions(db, doc)}
    gone = client.get(f"/desk/entities/{merged}")
    assert gone.status_code == 303 and gone.headers["location"] == f"/desk/entities/{survivor}"
    public = client.get(f"/uk/entities/{merged}")
    assert public.status_code == 301 and public.headers["location"] == f"/uk/entities/{survivor}"
    assert not html.fromstring(client.get("/desk/entities/?q=вербицький").text).xpath(
        f"//table//a[@href='/desk/entities/{merged}']")
    later = mentions(db, process(settings, db, "after-merge"))
    assert ("Гриценко-Вербицький", "person/stepan-hrytsenko") in later


def test_split_moves_the_checked_names_and_their_exact_mentions(client, db, settings):
    login(client)
    add(client, key="person/stepan-hrytsenko", type="PER",
        names_uk=f"{PERSON} | Гриценко-Вербицький")
    old = entity_id(db, "person/stepan-hrytsenko")
    doc = process(settings, db, "split")
    assert mentions(db, doc).count(("Гриценко-Вербицький", "person/stepan-hrytsenko")) == 1
    form = client.get(f"/desk/entities/{old}")
    boxes = html.fromstring(form.text).xpath("//input[@name='names']/@value")
    assert boxes == [f"uk:{PERSON}", "uk:Гриценко-Вербицький"]
    bad = client.post(f"/desk/entities/{old}/split", data={
        "csrf_token": csrf_of(form), "names": ["uk:Гриценко-Вербицький"], "key": "org/x y"})
    assert bad.status_code == 400
    page = html.fromstring(bad.text)
    assert page.xpath("//input[@name='names'][@checked]/@value") == ["uk:Гриценко-Вербицький"]
    assert page.xpath("//input[@id='s-key']/@value") == ["org/x y"]
    response = client.post(f"/desk/entities/{old}/split", data={
        "csrf_token": csrf_of(form), "names": ["uk:Гриценко-Вербицький"],
        "key": "person/hrytsenko-verbytskyi"})
    assert response.status_code == 303
    new = entity_id(db, "person/hrytsenko-verbytskyi")
    assert response.headers["location"] == f"/desk/entities/{new}"
    with db.session() as s:
        names = {(n.entity_id, n.name) for n in s.scalars(select(EntityName))
                 if n.entity_id in (old, new)}
        moved = {m.surface: m.entity_id for m in s.scalars(
            select(Mention).where(Mention.document_id == doc))}
    assert names == {(old, PERSON), (new, "Гриценко-Вербицький")}
    assert moved[PERSON] == old and moved["Гриценко-Вербицький"] == new
    later = mentions(db, process(settings, db, "after-split"))
    assert ("Гриценко-Вербицький", "person/hrytsenko-verbytskyi") in later
    assert (PERSON, "person/stepan-hrytsenko") in later


def test_a_long_lived_pipeline_sees_desk_changes_after_its_check_interval(client, db,
                                                                          settings):
    pipeline = Pipeline(settings, db)
    clock = [0.0]
    pipeline.entity_base._clock = lambda: clock[0]
    try:
        first = process(settings, db, "worker-1", pipeline=pipeline)
        packaged = pipeline.entity_base.current()
        login(client)
        add(client, key="person/stepan-hrytsenko", type="PER", names_uk=PERSON)
        clock[0] += pipeline.entity_base.check_seconds / 2
        assert pipeline.entity_base.current() is packaged  # not looked at yet
        clock[0] += pipeline.entity_base.check_seconds
        second = process(settings, db, "worker-2", pipeline=pipeline)
        edited = pipeline.entity_base.current()
        clock[0] += pipeline.entity_base.check_seconds * 2
        process(settings, db, "worker-3", pipeline=pipeline)  # creates rows, edits the same
        assert pipeline.entity_base.current() is edited
    finally:
        pipeline.close()
    assert (PERSON, "person/stepan-hrytsenko") not in mentions(db, first)
    assert (PERSON, "person/stepan-hrytsenko") in mentions(db, second)
