"""Page furniture inside the article container leaves by its wording, in six languages."""

from __future__ import annotations

import tomllib

import pytest

from presswatch.extract.article import extract_article
from presswatch.extract.boilerplate import WORDING, drop_furniture, wording
from presswatch.models import Article, Block

BODY = Block("p", "Defence ministers of the alliance met in Brussels on Thursday to agree on "
                  "a new air defence package after a week of drone attacks on power stations.")

FURNITURE = {
    "en": ["Read more: Allies pledge new air defence systems",
           "Related: How the grid survived the winter",
           "Photo: Anna Kovalenko / Reuters",
           "Sign up for our daily briefing newsletter",
           "Advertisement",
           "Updated: 12 March 2026, 10:40",
           "5 min read"],
    "de": ["Lesen Sie auch: Gasspeicher sind nur noch halb voll",
           "Mehr zum Thema: Was die Netzagentur jetzt empfiehlt",
           "Foto: dpa",
           "Abonnieren Sie unseren Newsletter und verpassen Sie nichts",
           "Anzeige",
           "Artikel teilen",
           "Zuletzt aktualisiert: 12.03.2026"],
    "fr": ["À lire aussi : La France livre de nouveaux radars",
           "Crédit photo : AFP",
           "Abonnez-vous à notre newsletter",
           "Publicité",
           "Mis à jour le 12 mars 2026"],
    "pl": ["Czytaj też: Nowe farmy wiatrowe na Opolszczyźnie",
           "Fot. Jan Kowal / Kurier",
           "Zapisz się na nasz newsletter",
           "Reklama",
           "Ten tekst przeczytasz w 3 minuty"],
    "ru": ["Читайте также: В Киеве снова объявили тревогу",
           "Фото: Сергей Петров",
           "Подпишитесь на наш канал в Telegram",
           "Реклама",
           "Комментарии"],
    "uk": ["Читайте також: Енергетики повернули світло в Житомир",
           "Фото: Олена Коваль / Укрінформ",
           "Підпишіться на нашу розсилку",
           "Поділитися",
           "Оновлено: 12 березня 2026"],
}


@pytest.mark.parametrize("language", sorted(FURNITURE))
def test_furniture_lines_leave_and_the_article_stays(language):
    blocks = (BODY, *(Block("p", line) for line in FURNITURE[language]), BODY)
    assert drop_furniture(blocks) == (BODY, BODY)


def test_a_long_paragraph_that_mentions_a_newsletter_or_a_photo_stays():
    paragraph = Block("p", "The ministry said it would publish the list of approved suppliers "
                           "in its weekly newsletter, and photographs of the damaged substation "
                           "showed that the transformer hall had burned out completely, which "
                           "engineers said would take at least six weeks to rebuild, longer if "
                           "spare parts had to be ordered from abroad before the winter ended.")
    assert drop_furniture((paragraph,)) == (paragraph,)


def test_sentences_that_merely_start_like_a_label_stay():
    kept = (Block("p", "Video footage showed the drones approaching from the north."),
            Block("p", "Read the full statement on the ministry's website, officials said."),
            Block("h2", "Weitere Maßnahmen geplant"))
    assert drop_furniture(kept) == kept


def test_a_caption_that_ends_in_a_photo_credit_leaves_but_a_quoted_source_stays():
    caption = Block("p", "Firefighters at the substation on Saturday morning (Photo: Reuters)")
    sourced = Block("p", "Prices rose by four percent in February, the statistics office said "
                         "in its monthly report on consumer prices (Source: Destatis).")
    assert drop_furniture((caption, sourced)) == (sourced,)


def test_a_related_heading_takes_its_link_list_with_it_but_not_the_next_paragraph():
    blocks = (BODY, Block("h2", "Related stories"), Block("li", "Markets steady after vote"),
              Block("li", "Weather turns cold"), Block("p", BODY.text + " Later on, more."))
    assert drop_furniture(blocks) == (BODY, blocks[-1])


def test_every_kind_of_furniture_is_worded_in_the_six_languages():
    languages = {"en", "de", "fr", "pl", "ru", "uk"}
    assert wording().labels  # the table compiles
    raw = tomllib.loads(WORDING.read_text(encoding="utf-8"))
    for kind, table in raw.items():
        assert languages <= set(table), f"{kind} lacks {languages - set(table)}"


def test_extraction_leaves_teasers_and_prompts_inside_the_article_out(make_page, paragraphs,
                                                                      settings):
    extra = ("<p>Read also: <a href='/x'>Grid operators warn of a hard winter</a></p>"
             "<p>Sign up for our morning newsletter</p>"
             "<p>Photo: Maria Kovalenko</p>")
    page = make_page(paragraphs["en"][:2], extra_body=extra + f"<p>{paragraphs['en'][2]}</p>")
    article = extract_article(page.encode(), "https://sentinel.example/a", settings)
    assert isinstance(article, Article)
    assert article.text.split("\n\n") == list(paragraphs["en"])


def test_text_inside_a_credit_newsletter_or_related_element_leaves(make_page, paragraphs,
                                                                   settings):
    extra = ("<div class='image-credit'>Maria Kovalenko for the Daily Sentinel</div>"
             "<div class='NewsletterSignup'><p>The morning briefing, every weekday.</p></div>"
             "<div id='related-links'><p>Grid operators warn of a hard winter ahead</p></div>")
    page = make_page(paragraphs["en"][:2], extra_body=extra + f"<p>{paragraphs['en'][2]}</p>")
    article = extract_article(page.encode(), "https://sentinel.example/a", settings)
    assert isinstance(article, Article)
    assert article.text.split("\n\n") == list(paragraphs["en"])


def test_a_large_container_with_an_odd_class_name_keeps_its_article(paragraphs, settings):
    page = f"""<html lang="en"><head><title>Allies agree | Sentinel</title></head><body>
<main class="layout-with-related-sidebar"><article><h1>Allies agree on new air defence</h1>
{''.join(f'<p>{p}</p>' for p in paragraphs['en'] * 3)}</article></main></body></html>"""
    article = extract_article(page.encode(), "https://sentinel.example/a", settings)
    assert isinstance(article, Article)
    assert article.text.split("\n\n") == list(paragraphs["en"] * 3)
