"""Header furniture (kicker, headline, byline), the lead and paywall prompts."""

from __future__ import annotations

from presswatch.extract.article import extract_article
from presswatch.extract.cleanup import drop_byline, drop_headline, drop_paywall_prompts
from presswatch.models import Article, Block

BODY = ("Defence ministers of the alliance met in Brussels on Thursday to agree on a new air "
        "defence package after a week of drone attacks on power stations.")


def test_kicker_and_headline_leave_the_body():
    blocks = (Block("p", "World"), Block("h2", "Allies agree on air defence"), Block("p", BODY))
    assert drop_headline(blocks, "Allies agree on air defence.") == (Block("p", BODY),)


def test_a_real_paragraph_before_the_headline_stays():
    blocks = (Block("p", "Breaking: the summit was moved to Friday."),
              Block("h2", "Allies agree"), Block("p", BODY))
    assert drop_headline(blocks, "Allies agree") == (blocks[0], blocks[2])


def test_byline_is_dropped_by_author_name_or_wording():
    assert drop_byline((Block("p", "Von Katharina Vollmer ·"), Block("p", BODY)),
                       "Katharina Vollmer") == (Block("p", BODY),)
    assert drop_byline((Block("p", "Автор: Ольга Мельник"), Block("p", BODY)), None) == (
        Block("p", BODY),)
    sentence = Block("p", "Від учора в місті діє комендантська година.")
    assert drop_byline((sentence, Block("p", BODY)), None)[0] == sentence


def test_paywall_prompts_are_not_article_text():
    blocks = (Block("p", BODY), Block("p", "Subscribe to continue reading."),
              Block("p", "Already a subscriber? Sign in"))
    assert drop_paywall_prompts(blocks) == (Block("p", BODY),)


def test_lead_outside_the_body_container_is_recovered(paragraphs, settings):
    """trafilatura takes only the ``article__body`` container here; the lead is put back."""
    lead = ("За три недели армия развернула у границы не менее шести новых лагерей, "
            "говорится в докладе.")
    page = f"""<html lang="ru"><head><title>Новые лагеря у границы</title></head><body>
<nav><a href="/">Главная</a> <a href="/army/">Армия</a></nav>
<article class="article"><div class="article__rubric"><a href="/army/">Армия</a></div>
<h1 class="article__title">Новые лагеря у границы</h1>
<div class="article__meta"><span class="article__author">Дмитрий Озолс</span></div>
<p class="article__lead">{lead}</p>
<div class="article__body">{''.join(f'<p>{p}</p>' for p in paragraphs['ru'])}</div>
</article><footer>© Курьер</footer></body></html>"""
    article = extract_article(page.encode(), "https://kurier.example/1", settings)
    assert isinstance(article, Article)
    assert article.blocks[0] == Block("p", lead)
    assert article.blocks[1:] == tuple(Block("p", p) for p in paragraphs["ru"])
