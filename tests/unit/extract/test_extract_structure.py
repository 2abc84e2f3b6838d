"""Headings, paragraphs, quotes and list items survive every way the body is found; the lead
comes back when the body container leaves it out; structured data stands in for a page
whose text is rendered by scripts."""

from __future__ import annotations

import json

from lxml import etree, html

from presswatch.extract.article import extract_article
from presswatch.extract.htmlblocks import element_blocks
from presswatch.models import Article, Block

DE = (
    "Die Bundesnetzagentur hat die Gasversorger aufgefordert, ihre Speicher bis zum Herbst "
    "deutlich stärker zu füllen als im vergangenen Jahr, um Engpässe im Winter zu vermeiden.",
    "Nach Angaben der Behörde liegt der Füllstand derzeit bei knapp der Hälfte. Vor allem im "
    "Süden des Landes seien einige Speicher auffällig leer, hieß es in Bonn.",
    "Die Versorger verweisen auf die hohen Preise am Terminmarkt. Solange sich das Einspeichern "
    "nicht lohne, werde es nur zögerlich geschehen, sagte ein Branchenvertreter.",
)
STRUCTURE = ("<h2>Was die Behörde verlangt</h2>"
             "<blockquote><p>Wir dürfen uns nicht auf einen milden Winter verlassen.</p>"
             "</blockquote><h3>Die Fristen</h3><ol><li>Erster November</li>"
             "<li>Erster Februar</li></ol>")
EXPECTED_STRUCTURE = (Block("h2", "Was die Behörde verlangt"),
                      Block("quote", "Wir dürfen uns nicht auf einen milden Winter verlassen."),
                      Block("h3", "Die Fristen"), Block("li", "Erster November"),
                      Block("li", "Erster Februar"))


def test_german_article_keeps_its_structure(make_page, settings):
    page = make_page(DE[:2], title="Netzagentur mahnt zum Füllen der Gasspeicher", lang="de",
                     extra_body=STRUCTURE + f"<p>{DE[2]}</p>")
    article = extract_article(page.encode(), "https://tagblatt.example/a", settings)
    assert isinstance(article, Article)
    assert article.blocks == (Block("p", DE[0]), Block("p", DE[1]), *EXPECTED_STRUCTURE,
                              Block("p", DE[2]))


def test_html_blocks_keep_kinds_and_skip_figures_scripts_and_forms():
    root = html.fromstring(
        "<div>Loose text in the container<p>First <a href='#'>linked</a> paragraph.</p>"
        "<script>var tracking = 1;</script><figure><img src='a.jpg'>"
        "<figcaption>Caption</figcaption></figure><h4>Deep heading</h4>"
        "<blockquote>Quoted words</blockquote><ul><li>Item <b>one</b></li></ul>"
        "<form><input value='Search'></form><table><tr><td>2025</td><td>40 %</td></tr>"
        "</table></div>")
    assert element_blocks(root) == (
        Block("p", "Loose text in the container"), Block("p", "First linked paragraph."),
        Block("h3", "Deep heading"), Block("quote", "Quoted words"), Block("li", "Item one"),
        Block("p", "2025 | 40 %"))


def test_deep_nesting_is_read_without_recursion():
    root = html.Element("div")
    node = root
    for _ in range(5000):
        node = etree.SubElement(node, "div")
    etree.SubElement(node, "p").text = "Deep text"
    assert element_blocks(root) == (Block("p", "Deep text"),)


def test_the_lead_shown_for_the_description_comes_back_first(paragraphs, settings):
    lead = ("Allied ministers agreed on more launchers and radars for the winter, the third "
            "such package this year.")
    page = f"""<html lang="en"><head><title>Allies agree | Sentinel</title>
<meta property="og:description" content="{lead}"></head><body>
<header class="story-head"><h1>Allies agree on new air defence package</h1>
<div class="standfirst-box"><span>{lead}</span></div></header>
<div class="story-body">{''.join(f'<p>{p}</p>' for p in paragraphs['en'])}</div>
<footer>© Sentinel</footer></body></html>"""
    article = extract_article(page.encode(), "https://sentinel.example/a", settings)
    assert isinstance(article, Article)
    assert article.blocks[0] == Block("p", lead)
    assert article.text.split("\n\n")[1:] == list(paragraphs["en"])


def test_a_description_that_is_not_shown_on_the_page_is_not_added(make_page, paragraphs,
                                                                 settings):
    meta = ('<meta name="description" content="Read the latest news on defence, the war and '
            'the economy from the Daily Sentinel newsroom.">')
    article = extract_article(make_page(paragraphs["en"], head=meta).encode(),
                              "https://sentinel.example/a", settings)
    assert isinstance(article, Article)
    assert article.text.split("\n\n") == list(paragraphs["en"])


def test_json_ld_article_body_stands_in_for_a_script_rendered_page(paragraphs, settings):
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "headline": "Allies agree on new air defence package",
          "articleBody": "\n".join(paragraphs["en"] * 2)}
    page = f"""<html lang="en"><head><title>Allies agree | Sentinel</title>
<script type="application/ld+json">{json.dumps(ld)}</script></head><body>
<div id="app"><h1>Allies agree on new air defence package</h1>
<p>Loading the article…</p></div></body></html>"""
    article = extract_article(page.encode(), "https://sentinel.example/a", settings)
    assert isinstance(article, Article)
    assert article.text.split("\n\n") == list(paragraphs["en"] * 2)
