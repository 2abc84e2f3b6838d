"""The sample press's articles as data: enough of them, in four languages, with the cases the
pipeline must meet (a copy, a URL variant, a paywall stub, a robots-hidden page, off-topic
pieces) and the local spellings the glossary works on. No server here."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from presswatch.samplepress.corpus import MIN_BODY_CHARS, SECTIONS, load_outlets

OUTLETS = load_outlets()
ARTICLES = [(o, a) for o in OUTLETS for a in o.articles]


def test_at_least_44_articles_over_four_languages_and_five_outlets() -> None:
    original = [a for _, a in ARTICLES if a.kind != "republished"]
    per_language = Counter(o.language for o, _ in ARTICLES)
    assert len(original) >= 44
    assert {"de", "en", "ru", "uk"} <= set(per_language)
    assert all(per_language[lang] >= 10 for lang in ("de", "en", "ru", "uk"))
    assert len(OUTLETS) == 5
    assert {(o.language, o.country) for o in OUTLETS} == {
        ("de", "DE"), ("en", "US"), ("en", "GB"), ("ru", "LV"), ("uk", "UA"),
    }


@pytest.mark.parametrize(("outlet", "article"), ARTICLES, ids=lambda x: getattr(x, "slug", ""))
def test_every_full_article_has_a_real_body(outlet, article) -> None:
    assert article.title and article.author and article.lead
    assert isinstance(article.published, datetime) and article.published.tzinfo is not None
    assert datetime(2026, 1, 1).date() <= article.published.date() <= datetime(2026, 3, 31).date()
    if article.kind == "paywall":
        assert article.blocks == ()
        return
    paragraphs = [b for b in article.blocks if b.kind == "p"]
    assert 4 <= len(paragraphs) <= 8
    assert len(article.body_text) >= MIN_BODY_CHARS
    assert len(article.headings) <= 3


def test_each_special_case_is_there_once() -> None:
    kinds = Counter(a.kind for _, a in ARTICLES)
    assert kinds["republished"] == kinds["variant"] == kinds["paywall"] == kinds["hidden"] == 1
    hidden = next(a for _, a in ARTICLES if a.kind == "hidden")
    owner = next(o for o, a in ARTICLES if a is hidden)
    assert any(f"/{hidden.rubric}/".startswith(path) for path in owner.disallow)


def test_the_copy_repeats_the_original_word_for_word() -> None:
    copy = next(a for _, a in ARTICLES if a.kind == "republished")
    source_key, _, source_slug = copy.copy_of.partition("/")
    original = next(a for o, a in ARTICLES if o.key == source_key and a.slug == source_slug)
    copy_outlet = next(o for o, a in ARTICLES if a is copy)
    assert copy_outlet.key != source_key
    assert (copy.title, copy.lead, copy.blocks) == (original.title, original.lead, original.blocks)


def test_three_off_topic_articles_never_touch_the_watch_topics() -> None:
    off_topic = [(o, a) for o, a in ARTICLES if not a.relevant]
    assert len(off_topic) == 3
    watch = ("ukrain", "russ", "nato", "нато", "украин", "росси", "кремл", "kiew", "kyiv",
             "sanktion", "санкц", "eu-", " eu ", "евросо", "military", "армия")
    for outlet, article in off_topic:
        text = f"{article.title} {article.lead} {article.body_text}".lower()
        assert not [w for w in watch if w in text], article.slug
        assert outlet.rubric(article.rubric).section == ""


def test_on_topic_articles_cover_all_six_sections() -> None:
    sections = {a.section or o.rubric(a.rubric).section for o, a in ARTICLES if a.relevant}
    assert sections == set(SECTIONS)


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("de", ("Kiew", "Selenskyj", "Donbass", "Charkiw", "Odessa")),
        ("en", ("Kyiv", "Zelenskyy", "more than 100,000", "Kharkiv", "Odesa", "Lviv")),
        ("ru", ("Киев", "Владимир Зеленский", "Донбасс", "Харьков", "Одесс", "Николаев")),
        ("uk", ("Київ", "Володимир Зеленський", "Донбас", "Харків", "Одес", "Львів",
                "Миколаїв", "Миколаєв", "Києв", "Харкові", "Донбасі")),
    ],
)
def test_house_names_appear_in_local_spelling(language: str, names: tuple[str, ...]) -> None:
    text = " ".join(
        f"{a.title} {a.lead} {a.body_text}" for o, a in ARTICLES if o.language == language
    )
    assert [n for n in names if n not in text] == []


def test_slugs_and_paths_are_unique_per_outlet() -> None:
    for outlet in OUTLETS:
        slugs = [a.slug for a in outlet.articles]
        assert len(slugs) == len(set(slugs)), outlet.key
