"""The public article page says what its text is: the original, a machine translation no
editor reviewed, or one an editor approved (edited or not) in the translation desk."""

from __future__ import annotations

from lxml import html
from tests.unit.web.test_translation_desk import post
from tests.unit.web.test_web_desk import login
from tests.unit.web.test_web_public import article_href


def label(client, lang: str, section: str, doc_id: int) -> str:
    tree = html.fromstring(client.get(article_href(client, lang, section, doc_id)).text)
    found = tree.xpath("//p[@class='translation-label']")
    return found[0].text_content() if found else ""


def test_an_unreviewed_machine_translation_says_so(client, seeded):
    doc_id = seeded.docs["ru"]
    assert label(client, "uk", "politics", doc_id) == (
        "Машинний переклад (apertium), не перевірений редактором")


def test_an_approved_translation_says_an_editor_reviewed_it(client, seeded):
    doc_id = seeded.docs["ru"]
    login(client)
    desk = f"/desk/documents/{doc_id}/translations/uk"
    done = post(client, f"{desk}/approve", client.get(desk), reason="read against the original")
    assert done.status_code == 303
    assert label(client, "uk", "politics", doc_id) == (
        "Машинний переклад (apertium), перевірений і схвалений редактором")
    # the other languages keep their own state
    assert label(client, "ru", "politics", doc_id) == "Оригинальный текст"
    assert label(client, "en", "politics", doc_id) == ""  # the notice says what is shown


def test_an_edit_withdraws_the_approval_until_the_editor_approves_again(client, seeded):
    doc_id = seeded.docs["en"]
    login(client)
    desk = f"/desk/documents/{doc_id}/translations/ru"
    post(client, f"{desk}/approve", client.get(desk), reason="read against the original")
    assert label(client, "ru", "geopolitics", doc_id).endswith(", проверенный и одобренный "
                                                               "редактором")
    post(client, f"{desk}/segments/0", client.get(desk),
         text="Министры северных стран договорились о позиции по НАТО")
    assert label(client, "ru", "geopolitics", doc_id).endswith(
        ", частично отредактированный, ещё не одобренный редактором")
    post(client, f"{desk}/approve", client.get(desk), reason="read against the original")
    assert label(client, "ru", "geopolitics", doc_id).endswith(
        ", отредактированный и одобренный редактором")
    assert label(client, "uk", "geopolitics", doc_id).endswith(", не перевірений редактором")
    assert label(client, "en", "geopolitics", doc_id) == "Original text"
