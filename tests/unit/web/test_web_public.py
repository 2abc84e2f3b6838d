"""The public site as a reader sees it: pages, breadcrumb, switcher, notices, 404s."""

from __future__ import annotations

import re

from lxml import html
from tests.unit.web.seed import XSS_TEXT


def page(client, path: str, status: int = 200):
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return html.fromstring(response.text)


def article_href(client, lang: str, section: str, doc_id: int) -> str:
    tree = page(client, f"/{lang}/{section}/")
    prefix = f"/{lang}/{section}/{doc_id}-"
    hrefs = [h for h in tree.xpath("//main//a/@href") if h.startswith(prefix)]
    assert hrefs, f"document {doc_id} not linked from /{lang}/{section}/"
    return hrefs[0]


def test_root_redirects_to_ukrainian_home(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["location"] == "/uk/"


def test_home_lists_latest_per_section_in_the_ui_language(client, seeded):
    tree = page(client, "/uk/")
    assert tree.get("lang") == "uk"
    headings = [h.text_content().strip() for h in tree.xpath("//h2[@class='rubric-head']")]
    assert "Воєнна сфера" in headings and "Енергетика" in headings
    text = tree.text_content()
    assert "Міністри північних країн узгодили позицію щодо НАТО" in text  # machine uk title
    assert seeded.titles["candidate"] not in text
    assert seeded.titles["new"] not in text
    assert seeded.titles["rejected"] not in text


def test_unknown_language_and_section_are_localized_404s(client):
    assert "Сторінку не знайдено" in page(client, "/de/", 404).text_content()
    assert "Page not found" in page(client, "/en/sport/", 404).text_content()
    assert "Сторінку не знайдено" in page(client, "/uk/sport/", 404).text_content()
    assert "Страница не найдена" in page(client, "/ru/politics/999999-nothing", 404).text_content()


def test_unpublished_documents_are_not_public(client, seeded):
    for key, section in (("candidate", "economy"), ("new", "economy"), ("rejected", "society")):
        assert client.get(f"/en/{section}/{seeded.docs[key]}-x").status_code == 404
    assert seeded.titles["candidate"] not in client.get("/en/economy/").text


def test_article_breadcrumb_rubric_and_structure(client, seeded):
    tree = page(client, article_href(client, "ru", "politics", seeded.docs["ru"]))
    crumbs = tree.xpath("//nav[@aria-label='breadcrumb']/ol/li")
    assert [c.text_content().strip() for c in crumbs] == [
        "Главная", "Политика", "Парламент Молдовы изменил закон о безопасности"]
    assert crumbs[0].xpath("a/@href") == ["/ru/"]
    assert crumbs[1].xpath("a/@href") == ["/ru/politics/"]
    assert tree.xpath("//p[@class='rubric']")[0].text_content().strip() == "Политика"
    assert [h.text_content() for h in tree.xpath("//article//h2")] == ["Реакция оппозиции"]
    assert tree.xpath("//h1")[0].text_content() == seeded.titles["ru"]


def test_article_quotes_lists_and_attribution(client, seeded):
    tree = page(client, article_href(client, "uk", "military", seeded.docs["de"]))
    body = tree.xpath("//div[@class='story-body']")[0]
    assert body.get("lang") == "de"
    assert body.xpath(".//blockquote")[0].text_content().startswith("Wir lassen keine Lücke")
    assert len(body.xpath(".//ul/li")) == 2
    source = tree.xpath("//a[@class='outlet-link']")[0]
    assert source.text_content() == "Berliner Morgenblatt"
    assert source.get("href") == "https://morgenblatt.example/politik/luftverteidigung-ostsee"
    text = tree.text_content()
    assert "німецька" in text  # original language in the UI language
    assert "10 березня 2025" in text
    assert "Також опублікували" in text and "Rheinische Rundschau" in text


def test_untranslated_article_shows_notice_and_original(client, seeded):
    tree = page(client, article_href(client, "uk", "military", seeded.docs["de"]))
    notice = tree.xpath("//p[contains(@class, 'untranslated-notice')]")[0].text_content()
    assert notice == "Ще не перекладено: no engine for de\u2192uk — показано оригінал"
    assert tree.xpath("//h1")[0].get("lang") == "de"
    assert tree.xpath("//h1")[0].text_content() == seeded.titles["de"]
    en = page(client, article_href(client, "en", "military", seeded.docs["de"]))
    assert ("Not translated yet: no engine for de\u2192en — original shown"
            in en.text_content())


def test_machine_translation_is_labelled_with_its_engine(client, seeded):
    tree = page(client, article_href(client, "uk", "politics", seeded.docs["ru"]))
    assert tree.xpath("//h1")[0].text_content() == "Парламент Молдови змінив закон про безпеку"
    assert tree.xpath("//h1")[0].get("lang") == "uk"
    assert "Машинний переклад (apertium)" in tree.text_content()
    assert not tree.xpath("//p[contains(@class, 'untranslated-notice')]")


def test_language_switcher_links_the_same_article_and_marks_missing(client, seeded):
    doc_id = seeded.docs["ru"]
    tree = page(client, article_href(client, "ru", "politics", doc_id))
    links = {a.text_content(): a for a in tree.xpath("//nav[@class='languages']//a")}
    assert set(links) == {"uk", "en", "ru"}
    for code, link in links.items():
        assert re.fullmatch(rf"/{code}/politics/{doc_id}-[a-z0-9-]+", link.get("href"))
        assert client.get(link.get("href")).status_code == 200  # never a dead link
    assert "untranslated" in links["en"].get("class")
    assert "не переведено" in links["en"].get("title")
    assert "untranslated" not in links["uk"].get("class")
    assert links["ru"].get("aria-current") == "true"


def test_hreflang_alternates_cover_every_language_and_x_default(client, seeded):
    doc_id = seeded.docs["en"]
    tree = page(client, article_href(client, "uk", "geopolitics", doc_id))
    alternates = dict(zip(tree.xpath("//link[@hreflang]/@hreflang"),
                          tree.xpath("//link[@hreflang]/@href"), strict=True))
    assert set(alternates) == {"uk", "en", "ru", "x-default"}
    assert alternates["x-default"] == alternates["en"]  # the original's language
    assert alternates["ru"].startswith("http://testserver/ru/geopolitics/")


def test_slug_is_transliterated_and_a_wrong_one_redirects(client, seeded):
    doc_id = seeded.docs["uk"]
    href = article_href(client, "uk", "energy", doc_id)
    assert href == f"/uk/energy/{doc_id}-tranzyt-hazu-cherez-zakhidnyi-kordon-vidnovleno"
    response = client.get(f"/uk/politics/{doc_id}-old-title")
    assert response.status_code == 301 and response.headers["location"] == href


def test_missing_translation_row_shows_original_with_notice(client, seeded):
    tree = page(client, article_href(client, "en", "energy", seeded.docs["uk"]))
    assert "Not translated yet — original shown" in tree.text_content()
    assert tree.xpath("//h1/@lang") == ["uk"]


def test_fetched_html_never_reaches_the_page_unescaped(client, seeded):
    response = client.get(article_href(client, "en", "society", seeded.docs["xss"]))
    body = response.text
    assert "<script" not in body and "<img" not in body and "<b " not in body
    tree = html.fromstring(body)
    assert not tree.xpath("//script | //img | //b")
    assert not tree.xpath("//@*[starts-with(name(), 'on')]")  # no event handler attributes
    assert XSS_TEXT in tree.text_content()  # shown as text, not run
    assert seeded.titles["xss"] == tree.xpath("//h1")[0].text_content()
    assert not [h for h in tree.xpath("//a/@href") if h.lower().startswith("javascript:")]
    assert "script-src 'none'" in response.headers["content-security-policy"]


def test_section_page_lists_published_articles_newest_first(client, seeded):
    tree = page(client, "/en/economy/")
    assert "Nothing has been published in this section yet." in tree.text_content()
    tree = page(client, "/en/military/")
    assert tree.xpath("//h1")[0].text_content() == "Military sphere"
    assert seeded.titles["de"] in tree.text_content()


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
