"""Article links on front and section pages: four layouts (German, Russian, Ukrainian, English)
written for these tests, each with the furniture a real front page carries around its teasers."""

from __future__ import annotations

import pytest

from presswatch.sources.links import (
    THRESHOLD,
    article_links,
    exclusion,
    same_site,
    score_links,
)

# A German regional daily: teasers in <h2>, a "Meistgelesen" box, Ressort navigation, legal
# footer, pagination, tags and an author page; one teaser linked with utm_* parameters.
GERMAN = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Oderkurier – Nachrichten aus Frankfurt (Oder)</title></head><body>
<header><a href="/" class="logo">Oderkurier</a>
<a href="/abo/angebote">Jetzt abonnieren und alle Artikel lesen</a>
<a href="/konto/login">Anmelden</a></header>
<nav><ul><li><a href="/politik/">Politik</a></li><li><a href="/wirtschaft/">Wirtschaft</a></li>
<li><a href="/region/">Region</a></li><li><a href="/sport/">Sport</a></li></ul></nav>
<main>
<section class="aufmacher">
 <h2><a href="/politik/landtag-beschliesst-neues-schulgesetz-id482913.html?utm_source=home">
 Landtag beschließt neues Schulgesetz nach langer Debatte</a></h2>
 <p>Die Koalition setzt sich durch, die Opposition kündigt eine Klage an.</p>
 <a href="/politik/landtag-beschliesst-neues-schulgesetz-id482913.html">Weiterlesen</a>
</section>
<article class="teaser"><h2><a
href="https://www.oderkurier.example/region/bruecke-nach-slubice-wird-saniert-id482917.html">
 Brücke nach Słubice wird ab März für zwei Monate saniert</a></h2></article>
<article class="teaser"><a href="/wirtschaft/2026/02/14/werk-in-eisenhuettenstadt-stellt-um">
 <img src="/bilder/werk.jpg" alt="Werkshalle"></a>
 <h3><a href="/wirtschaft/2026/02/14/werk-in-eisenhuettenstadt-stellt-um">Stahlwerk in
Eisenhüttenstadt stellt auf Wasserstoff um</a></h3></article>
<p class="tags">Themen: <a href="/thema/schulpolitik/">Schulpolitik</a>
<a href="/tag/bruecken">Brücken</a> · Von <a href="/autor/anna-lehmann">Anna Lehmann</a></p>
<div class="pagination"><a href="/seite/2">2</a> <a href="/?page=3">3</a></div>
<a href="/archiv/2026/02/13/">Alle Artikel vom 13. Februar</a>
</main>
<aside><h3>Meistgelesen</h3><ol>
<li><a href="/region/hochwasser-an-der-oder-pegel-sinkt-id482801.html">Hochwasser an der Oder: Der
Pegel sinkt langsam wieder</a></li>
</ol></aside>
<footer><a href="/impressum/">Impressum</a> <a href="/datenschutz/">Datenschutz</a>
<a href="mailto:redaktion@oderkurier.example">Redaktion</a> <a href="javascript:void(0)">Cookies</a>
<a href="/rss/alle.xml">RSS</a> <a
href="https://sport.oderkurier.example/fussball/pokal-aus-fuer-frankfurt-id1.html">Pokal-Aus für
Frankfurt nach Elfmeterschießen</a>
<a href="https://www.facebook.com/oderkurier">Facebook</a></footer>
</body></html>"""

# A Russian-language portal: numeric ids without slugs, a news river in a table, a sidebar.
RUSSIAN = """<html lang="ru"><head><meta charset="utf-8"><title>Вечерний Таллин</title></head>
<body><div id="top-menu" class="menu"><a href="/news/">Новости</a> <a href="/politika/">Политика</a>
<a href="/search/?q=">Поиск</a> <a href="/podpiska/">Подписка на газету</a></div>
<div id="content">
<h1>Главное за день</h1>
<table class="lenta">
<tr><td>09:15</td><td><a href="/news/9481723">Правительство Эстонии одобрило бюджет обороны на
следующий год</a></td></tr>
<tr><td>10:40</td><td><a href="/news/9481730">В Нарве открыли новый пункт пропуска для
грузовиков</a></td></tr>
<tr><td>11:05</td><td><a href="/news/9481745#comments">Комментарии (12)</a></td></tr>
<tr><td>11:05</td><td><a href="/news/9481745">Цены на электричество в феврале выросли на
треть</a></td></tr>
</table>
<div class="pager"><a href="/news/page/2/">Следующая страница</a></div>
<p>Автор: <a href="/avtor/ivan-petrov/">Иван Петров</a>, теги: <a
href="/tags/energetika/">энергетика</a></p>
</div>
<div class="sidebar"><a href="/kontakty/">Контакты редакции</a>
<a href="/politika/">Все материалы раздела политика</a></div>
</body></html>"""

# A Ukrainian news site: dated paths ending in .html, a main region with cards, a header, a
# breadcrumb and a footer; one link into the page's own URL and an image file.
UKRAINIAN = """<!doctype html><html lang="uk"><head><meta charset="utf-8"><title>Поділля
сьогодні</title>
<base href="https://podillia.example/"></head><body>
<header class="site-header"><a href="/">Поділля сьогодні</a><a href="/uk/">UA</a>
<a href="/en/">EN</a></header>
<ol class="breadcrumbs"><li><a href="/">Головна</a></li><li><a
href="/suspilstvo/">Суспільство</a></li></ol>
<div role="main">
<div class="card"><a class="card__title"
href="suspilstvo/2026/02/14/u-vinnytsi-vidkryly-nove-ukryttia-dlia-shkoliariv.html">
У Вінниці відкрили нове укриття для школярів на тисячу місць</a></div>
<div class="card"><a class="card__title"
href="ekonomika/2026/02/13/ceny-na-hrechku-znyzylysia.html">
Ціни на гречку знизилися вперше за пів року</a></div>
<div class="card"><a href="/suspilstvo/">Суспільство</a></div>
<div class="card"><a href="/media/2026/02/foto-zavod.jpg">Фото заводу у високій роздільній
здатності</a></div>
<a href="https://podillia.example/">Поділля сьогодні — на головну сторінку сайту</a>
</div>
<footer><a href="/pro-nas/">Про нас</a> <a href="/reklama/">Реклама на сайті</a>
<a href="tel:+380432000000">Телефон редакції</a></footer></body></html>"""

# An English-language weekly with section links in the main column that look like headlines.
ENGLISH = """<html lang="en"><head><title>The Harbour Review</title></head><body>
<nav role="navigation"><a href="/world">World</a> <a href="/opinion">Opinion</a></nav>
<main><h2 class="headline"><a href="/world/2026/feb/14/fishing-quotas-talks-collapse-in-brussels">
Fishing quota talks collapse in Brussels after all-night session</a></h2>
<h2 class="headline"><a href="/opinion/why-the-harbour-needs-a-second-ferry">Why the harbour
needs a second ferry, and soon</a></h2>
<div class="more"><a href="/world">More world news from our correspondents abroad</a></div>
<p><a href="/about/our-journalism-and-how-we-fact-check">Read about our journalism and how we
check facts</a></p>
<p><a href="/newsletters/sign-up-for-the-morning-briefing">Sign up for the morning briefing
newsletter today</a></p>
</main>
<footer><a href="/terms">Terms</a> <a href="/about">About us</a></footer></body></html>"""


def urls(html: str, base: str, known: set[str] | None = None) -> list[str]:
    return [link.url for link in article_links(html, base, known=known or set())]


def test_german_front_page_gives_its_articles_and_nothing_else() -> None:
    found = urls(GERMAN, "https://www.oderkurier.example/")
    site = "https://www.oderkurier.example"
    assert found == [
        f"{site}/politik/landtag-beschliesst-neues-schulgesetz-id482913.html",
        f"{site}/region/bruecke-nach-slubice-wird-saniert-id482917.html",
        f"{site}/wirtschaft/2026/02/14/werk-in-eisenhuettenstadt-stellt-um",
        f"{site}/region/hochwasser-an-der-oder-pegel-sinkt-id482801.html",
    ]


def test_best_occurrence_gives_the_headline_as_text() -> None:
    links = article_links(GERMAN, "https://www.oderkurier.example/", known=set())
    texts = {link.url.rsplit("/", 1)[1]: link.text for link in links}
    assert texts["landtag-beschliesst-neues-schulgesetz-id482913.html"] == (
        "Landtag beschließt neues Schulgesetz nach langer Debatte")
    assert texts["werk-in-eisenhuettenstadt-stellt-um"] == (
        "Stahlwerk in Eisenhüttenstadt stellt auf Wasserstoff um")


def test_known_urls_are_left_out() -> None:
    base = "https://www.oderkurier.example/"
    known = {base + "region/bruecke-nach-slubice-wird-saniert-id482917.html"}
    found = urls(GERMAN, base, known)
    assert len(found) == 3 and not set(found) & known


def test_russian_numeric_ids_without_slugs_count_fragments_do_not() -> None:
    found = urls(RUSSIAN, "https://vecherniy-tallinn.example/")
    assert found == [
        "https://vecherniy-tallinn.example/news/9481723",
        "https://vecherniy-tallinn.example/news/9481730",
        "https://vecherniy-tallinn.example/news/9481745",
    ]
    links = article_links(RUSSIAN, "https://vecherniy-tallinn.example/", known=set())
    assert links[2].text == "Цены на электричество в феврале выросли на треть"


def test_ukrainian_page_resolves_base_href_and_skips_files_and_itself() -> None:
    found = urls(UKRAINIAN, "https://podillia.example/")
    site = "https://podillia.example"
    assert found == [
        f"{site}/suspilstvo/2026/02/14/u-vinnytsi-vidkryly-nove-ukryttia-dlia-shkoliariv.html",
        f"{site}/ekonomika/2026/02/13/ceny-na-hrechku-znyzylysia.html",
    ]


def test_english_section_and_about_links_in_main_are_not_articles() -> None:
    found = urls(ENGLISH, "https://harbour-review.example/")
    site = "https://harbour-review.example"
    assert found == [
        f"{site}/world/2026/feb/14/fishing-quotas-talks-collapse-in-brussels",
        f"{site}/opinion/why-the-harbour-needs-a-second-ferry",
    ]


def test_every_candidate_has_a_score_and_reasons() -> None:
    scored = {link.url: link for link in score_links(GERMAN, "https://www.oderkurier.example/")}
    nav = scored["https://www.oderkurier.example/politik/"]
    assert nav.score < THRESHOLD and any("nav" in r for r in nav.reasons)
    top = scored["https://www.oderkurier.example/politik/landtag-beschliesst-neues-schulgesetz-"
                 "id482913.html"]
    assert top.score >= THRESHOLD + 3
    assert {"slug +2", "numeric id +2", "in headline +2"} <= set(top.reasons)


def test_main_only_reads_the_main_region() -> None:
    found = article_links(GERMAN, "https://www.oderkurier.example/", known=set(), main_only=True)
    assert "hochwasser" not in " ".join(link.url for link in found)
    assert len(found) == 3


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://x.example/", "home page"),
        ("https://x.example/tag/ukraine", "non-article section /tag/"),
        ("https://x.example/category/politics/", "non-article section /category/"),
        ("https://x.example/author/jane-doe", "non-article section /author/"),
        ("https://x.example/autor/anna-lehmann", "non-article section /autor/"),
        ("https://x.example/%D0%B0%D0%B2%D1%82%D0%BE%D1%80/ivan", "non-article section /автор/"),
        ("https://x.example/search?q=kyiv", "non-article section /search/"),
        ("https://x.example/news?s=kyiv", "search"),
        ("https://x.example/login", "non-article section /login/"),
        ("https://x.example/subscribe/digital", "non-article section /subscribe/"),
        ("https://x.example/news/page/3/", "pagination"),
        ("https://x.example/news?page=3", "pagination"),
        ("https://x.example/seite-4", "pagination"),
        ("https://x.example/feed/", "non-article section /feed/"),
        ("https://x.example/img/a.jpg", "file"),
        ("https://x.example/sitemap-news.xml", "file"),
        ("https://x.example/archiv/2026/02/14/", "date listing"),
        ("https://x.example/2026/02/", "date listing"),
        ("https://x.example/archive", "archive"),
        ("https://x.example/impressum/", "non-article section /impressum/"),
    ],
)
def test_known_non_article_patterns(url: str, reason: str) -> None:
    assert exclusion(url) == reason


@pytest.mark.parametrize(
    "url",
    [
        "https://x.example/politik/landtag-beschliesst-schulgesetz-id482913.html",
        "https://x.example/2026/02/14/fishing-talks-collapse/",
        "https://x.example/news/9481723",
        "https://x.example/article.php?id=12345",
        "https://x.example/story/4107/geneva-talks-end",
        "https://x.example/tagesschau-kommentar-zur-lage",  # "tag" only as part of a word
    ],
)
def test_article_urls_are_not_excluded(url: str) -> None:
    assert exclusion(url) is None


def test_same_site_is_host_and_port_with_www_aside() -> None:
    assert same_site("https://www.x.example/a", "https://x.example/")
    assert same_site("http://x.example/a", "https://www.x.example/")
    assert not same_site("https://sport.x.example/a", "https://x.example/")
    assert not same_site("https://x.example.evil.test/a", "https://x.example/")
    assert not same_site("http://127.0.0.1:8102/a", "http://127.0.0.1:8101/")
    assert same_site("http://127.0.0.1:8101/a", "http://127.0.0.1:8101/")


@pytest.mark.parametrize("body", [b"", b"   ", b"\x00\xff\xfe binary", b"<html>", "<a href=",
                                  b"<?xml version='1.0'?><rss></rss>"])
def test_bad_input_gives_no_links(body: bytes | str) -> None:
    assert article_links(body, "https://x.example/", known=set()) == []


def test_bytes_in_a_declared_single_byte_encoding() -> None:
    page = ("<html><head><meta charset='windows-1251'></head><body><main><h2>"
            "<a href='/news/2026/02/14/kiev-i-varshava-podpisali-soglashenie'>"
            "Киев и Варшава подписали соглашение о транзите зерна</a></h2></main></body></html>")
    links = article_links(page.encode("cp1251"), "https://x.example/", known=set())
    assert [link.text for link in links] == ["Киев и Варшава подписали соглашение о транзите зерна"]
