"""The desk's glossary: hints beside each paragraph, editing terms, files in and out."""

from __future__ import annotations

import pytest
from lxml import html
from tests.unit.web.test_web_desk import csrf_of, login

from presswatch.translate.interchange import read_tmx
from presswatch.translate.tbx import read_tbx


@pytest.fixture
def gpage(client):
    login(client)
    return client.get("/desk/glossary")


def rows(response) -> dict[str, html.HtmlElement]:
    tree = html.fromstring(response.text)
    return {tr.get("id"): tr for tr in tree.xpath("//table[@class='glossary-table']/tbody/tr")}


def test_terms_of_the_source_are_hinted_with_the_form_the_translation_needs(client, seeded):
    login(client)
    response = client.get(f"/desk/documents/{seeded.docs['en']}/translations/uk")
    heading = html.fromstring(response.text).xpath("//section[@id='p2']")[0]
    assert heading.xpath(".//div[@class='source']/p")[0].text_content() == "Support for Kyiv"
    hints = [li.text_content() for li in heading.xpath(".//div[@class='hints']//li")]
    assert hints == ["Kyiv → Київ"]


def test_the_glossary_lists_built_in_terms_and_saves_a_desk_term(client, gpage):
    assert gpage.status_code == 200
    built_in = rows(gpage)["term-kharkiv-uk"]
    assert built_in.xpath("./td")[2].text_content().strip() == "Харків"
    assert built_in.xpath("./td")[5].text_content() == "built-in"
    response = client.post("/desk/glossary", data={
        "csrf_token": csrf_of(gpage), "concept": "kharkiv", "language": "en", "term": "Kharkiv",
        "variants": "Kharkov; Charkow", "note": "not Kharkov"})
    assert response.status_code == 303
    mine = rows(client.get("/desk/glossary"))["term-kharkiv-en"]
    assert mine.xpath("./td")[4].text_content() == "Kharkov; Charkow"
    assert mine.xpath("./td")[5].text_content() == "desk"
    assert client.post("/desk/glossary/delete", data={
        "csrf_token": csrf_of(gpage), "concept": "kharkiv", "language": "en"}).status_code == 303
    assert rows(client.get("/desk/glossary"))["term-kharkiv-en"].xpath("./td")[4].text_content(
        ) == "nom=Kharkov; nom=Charkiw"  # the built-in entry is in force again


def test_an_invalid_term_is_refused_with_the_reason_and_kept_in_the_form(client, gpage):
    response = client.post("/desk/glossary", data={
        "csrf_token": csrf_of(gpage), "concept": "x", "language": "uk", "term": "Ікс",
        "variants": "gen=Харкова"})
    assert response.status_code == 400
    tree = html.fromstring(response.text)
    assert "would not be valid" in tree.xpath("//*[@id='desk-error']")[0].text_content()
    assert tree.xpath("//input[@name='term']/@value") == ["Ікс"]
    bad_case = client.post("/desk/glossary", data={
        "csrf_token": csrf_of(gpage), "concept": "x", "language": "uk", "term": "Ікс",
        "forms": "dative=Іксу"})
    assert bad_case.status_code == 400
    error = html.fromstring(bad_case.text).xpath("//*[@id='desk-error']")[0].text_content()
    assert "unknown case 'dative'" in error


def test_glossary_files_go_out_and_come_back_in(client, gpage):
    tbx = client.get("/desk/glossary/export?format=tbx")
    assert tbx.status_code == 200
    assert 'filename="glossary.tbx"' in tbx.headers["content-disposition"]
    assert any(r.concept == "kyiv" and r.language == "uk" for r in read_tbx(tbx.content))
    csv_text = "concept,language,term,forms,variants,note\nodesa,en,Odesa,,Odessa; Odessa's,\n"
    response = client.post("/desk/glossary/import", data={"csrf_token": csrf_of(gpage)},
                           files={"file": ("terms.csv", csv_text.encode(), "text/csv")})
    assert response.status_code == 303
    assert rows(client.get("/desk/glossary"))["term-odesa-en"].xpath("./td")[5].text_content(
        ) == "desk"
    bad = client.post("/desk/glossary/import", data={"csrf_token": csrf_of(gpage)},
                      files={"file": ("terms.tbx", b"<tbx><text>", "application/xml")})
    assert bad.status_code == 400 and "terms.tbx: not well-formed XML" in bad.text


def test_the_memory_downloads_as_tmx(client, gpage, seeded):
    desk = f"/desk/documents/{seeded.docs['ru']}/translations/uk"
    form = client.get(desk)
    client.post(f"{desk}/segments/2", data={"csrf_token": csrf_of(form), "action": "accept",
                                             "text": "Реакція опозиції"})
    response = client.get("/desk/memory/export.tmx")
    assert response.status_code == 200
    units = read_tmx(response.content).units
    assert [(u.source_text, u.target_text) for u in units] == [
        ("Реакция оппозиции", "Реакція опозиції")]


@pytest.mark.parametrize(("path", "data"), [
    ("/desk/glossary", {"concept": "a", "language": "en", "term": "A"}),
    ("/desk/glossary/delete", {"concept": "a", "language": "en"}),
])
def test_every_glossary_form_needs_its_csrf_token(client, gpage, path, data):
    assert client.post(path, data={**data, "csrf_token": "0" * 64}).status_code == 403


def test_the_import_form_needs_its_csrf_token(client, gpage):
    response = client.post("/desk/glossary/import", data={"csrf_token": "0" * 64},
                           files={"file": ("t.csv", b"concept,language,term\n", "text/csv")})
    assert response.status_code == 403
