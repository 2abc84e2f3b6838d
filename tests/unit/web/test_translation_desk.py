"""The translation desk: side by side, edit with history, accept into memory, approve, publish."""

from __future__ import annotations

import re

import pytest
from lxml import html
from sqlalchemy import select
from tests.unit.web.test_web_desk import csrf_of, login

from presswatch.store.tables import MemoryUnit, SegmentEdit, TranslationRow
from presswatch.web.translation_services import DeskServices

UK_TITLE = "Парламент Молдови змінив закон про безпеку"
EDITED = "Опозиційні депутати залишили зал засідань ще до голосування."


@pytest.fixture
def desk(client, seeded):
    login(client)
    return f"/desk/documents/{seeded.docs['ru']}/translations/uk"


def paragraphs(response) -> dict[str, html.HtmlElement]:
    tree = html.fromstring(response.text)
    return {p.get("id"): p for p in tree.xpath("//section[contains(@class, 'para ')]")}


def post(client, url: str, page, **data):
    return client.post(url, data={"csrf_token": csrf_of(page), **data})


def test_the_page_needs_a_login(client, seeded):
    response = client.get(f"/desk/documents/{seeded.docs['ru']}/translations/uk")
    assert response.status_code == 303 and "/desk/login" in response.headers["location"]


def test_each_paragraph_shows_original_draft_origin_and_checks_side_by_side(client, desk):
    page = client.get(desk)
    assert page.status_code == 200
    found = paragraphs(page)
    assert list(found) == ["p0", "p1", "p2", "p3"]
    title = found["p0"]
    assert title.xpath(".//div[@class='source']/p")[0].text_content() == (
        "Парламент Молдовы изменил закон о безопасности")
    assert title.xpath(".//textarea")[0].text_content() == UK_TITLE
    assert title.xpath(".//span[@class='badge origin-engine']")[0].text_content() == "apertium"
    assert title.xpath(".//div[@class='checks']")
    # the page's own script may run, nothing else
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert html.fromstring(page.text).xpath("//script[@src='/static/translation-desk.js']")
    for form in html.fromstring(page.text).xpath("//form[@method='post']"):
        assert form.xpath(".//input[@name='csrf_token']"), form.get("action")


def test_the_document_page_links_the_translation_desk_per_language(client, desk, seeded):
    page = client.get(f"/desk/documents/{seeded.docs['ru']}")
    assert desk in html.fromstring(page.text).xpath("//td[@class='review']/a/@href")


def test_an_edit_is_kept_with_author_and_time_and_reaches_the_public_page(client, desk, db,
                                                                          seeded):
    page = client.get(desk)
    response = post(client, f"{desk}/segments/3", page, text=EDITED, action="save")
    assert response.status_code == 303 and response.headers["location"].endswith("#p3")
    para = paragraphs(client.get(desk))["p3"]
    assert para.xpath(".//textarea")[0].text_content() == EDITED
    assert para.xpath(".//span[@class='badge origin-editor']")[0].text_content() == "editor: editor"
    history = para.xpath(".//details[@class='history']//li")
    who = [h.xpath(".//span[@class='who']")[0].text_content() for h in history]
    assert who == ["engine:apertium", "editor"]
    assert history[1].xpath(".//span[@class='what']")[0].text_content() == EDITED
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT.*", history[1].xpath(".//time")[0].get("datetime"))
    with db.session() as s:
        row = s.scalar(select(TranslationRow).where(
            TranslationRow.document_id == seeded.docs["ru"], TranslationRow.language == "uk"))
        assert row.blocks[2]["text"] == EDITED
        assert s.scalar(select(SegmentEdit.author).order_by(SegmentEdit.id.desc())) == "editor"
    public = client.get(f"/uk/politics/{seeded.docs['ru']}-parlament-moldovy-zminyv-zakon-pro-"
                        "bezpeku", follow_redirects=True)
    assert EDITED in public.text


def test_accepting_a_paragraph_puts_it_into_the_memory(client, desk, db):
    page = client.get(desk)
    response = post(client, f"{desk}/segments/3", page, text=EDITED, action="accept")
    assert response.status_code == 303
    para = paragraphs(client.get(desk))["p3"]
    assert "accepted" in para.get("class")
    with db.session() as s:
        unit = s.scalar(select(MemoryUnit))
        assert (unit.source_language, unit.target_language) == ("ru", "uk")
        assert unit.source_text == "Оппозиционные депутаты покинули зал заседаний до голосования."
        assert unit.target_text == EDITED and unit.origin == "editor:editor"


def test_approval_needs_a_reason_while_checks_are_open(client, desk):
    page = client.get(desk)
    # a number that is not in the source: an open check
    post(client, f"{desk}/segments/3", page, text="15 опозиційних депутатів залишили зал "
         "засідань до голосування.")
    refused = post(client, f"{desk}/approve", page, reason="")
    assert refused.status_code == 409
    error = html.fromstring(refused.text).xpath("//*[@id='desk-error']")[0]
    assert "open check" in error.text_content()
    assert "15" in paragraphs(refused)["p3"].xpath(".//div[@class='checks']")[0].text_content()
    assert paragraphs(refused)["p3"].xpath(".//p[@class='draft-text']/mark")
    done = post(client, f"{desk}/approve", page, reason="the number is in the outlet's photo")
    assert done.status_code == 303
    notice = html.fromstring(client.get(desk).text).xpath("//p[@class='notice approved']")[0]
    assert "editor" in notice.text_content()
    assert "the number is in the outlet's photo" in notice.text_content()


def test_a_wrong_house_term_blocks_approval_and_publication_until_fixed(client, desk, seeded):
    page = client.get(desk)
    post(client, "/desk/glossary", page, concept="moldova", language="uk", term="Молдова",
         forms="gen=Молдови", variants="gen=Молдавії")
    post(client, f"{desk}/segments/0", page, text="Парламент Молдавії змінив закон про безпеку")
    refused = post(client, f"{desk}/approve", page, reason="no time")
    assert refused.status_code == 409 and "Молдавії → Молдови" in refused.text
    doc = f"/desk/documents/{seeded.docs['ru']}"
    for status in ("rejected", "candidate"):
        assert post(client, f"{doc}/status", page, status=status).status_code == 303
    blocked = post(client, f"{doc}/status", page, status="published")
    assert blocked.status_code == 400 and "Молдавії" in blocked.text
    assert post(client, f"{desk}/fix-terms", page).status_code == 303
    assert paragraphs(client.get(desk))["p0"].xpath(".//textarea")[0].text_content() == UK_TITLE
    assert post(client, f"{doc}/status", page, status="published").status_code == 303


def test_publishing_can_require_every_machine_language_approved(client, desk, seeded):
    services = DeskServices(client.app.state.presswatch)
    services.editor.require_approval = True
    client.app.state.translation_desk = services
    page = client.get(desk)
    doc = f"/desk/documents/{seeded.docs['ru']}"
    post(client, f"{doc}/status", page, status="rejected")
    post(client, f"{doc}/status", page, status="candidate")
    blocked = post(client, f"{doc}/status", page, status="published")
    assert blocked.status_code == 400 and "uk: the translation is not approved" in blocked.text
    post(client, f"{desk}/approve", page, reason="read it")
    assert post(client, f"{doc}/status", page, status="published").status_code == 303


@pytest.mark.parametrize("path", ["/segments/1", "/approve", "/fix-terms"])
def test_every_translation_form_needs_its_csrf_token(client, desk, path):
    response = client.post(f"{desk}{path}", data={"text": "x", "csrf_token": "0" * 64})
    assert response.status_code == 403


def test_an_empty_paragraph_is_refused_with_the_reason(client, desk):
    page = client.get(desk)
    response = post(client, f"{desk}/segments/1", page, text="   ")
    assert response.status_code == 400 and "cannot be empty" in response.text


def test_an_unknown_document_or_language_is_a_404(client, desk, seeded):
    assert client.get(f"/desk/documents/{seeded.docs['ru']}/translations/de").status_code == 404
    assert client.get("/desk/documents/99999/translations/uk").status_code == 404
