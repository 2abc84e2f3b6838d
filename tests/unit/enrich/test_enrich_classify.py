"""Sections by multilingual rules; relevance by the configured watch topics."""

from __future__ import annotations

import pytest

from presswatch.enrich import enrich_article
from presswatch.errors import ConfigError
from presswatch.models import Article, Block
from presswatch.settings import Settings


def _article(title: str, *paragraphs: str, language: str = "en") -> Article:
    return Article(url="https://news.example/a", title=title, language=language,
                   blocks=tuple(Block("p", p) for p in paragraphs))


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path)


@pytest.mark.parametrize(("article", "section"), [
    (_article("Drones and missiles hit Kharkiv overnight",
              "Air defence units shot down most of the drones, the army said. Artillery "
              "shelling continued along the front line in the east of Ukraine."), "military"),
    (_article("Gaspreise steigen erneut",
              "Die Preise für Erdgas an der Börse sind gestiegen. Die Gasspeicher in "
              "Deutschland sind zu 60 Prozent gefüllt, die Kraftwerke laufen.",
              language="de"), "energy"),
    (_article("Верховна Рада ухвалила закон про вибори",
              "Депутати проголосували за законопроєкт. Голосування відбулося після довгих "
              "дебатів у парламенті, коаліція зібрала 260 голосів.", language="uk"), "politics"),
    (_article("В МИД России прокомментировали переговоры",
              "Дипломаты обсудили условия договора. Посол заявил, что переговоры в ООН "
              "продолжатся на следующей неделе.", language="ru"), "geopolitics"),
    (_article("Inflation slows as central bank holds rates",
              "Consumer prices rose 3 percent, the bank said. Markets expect interest rates "
              "to fall later in the year, while the budget deficit widens.",), "economy"),
    (_article("Ośrodki dla uchodźców przepełnione",
              "Rodziny z dziećmi czekają na miejsca. Wolontariusze i organizacje humanitarne "
              "apelują o pomoc, szkoły przyjmują nowych uczniów.", language="pl"), "society"),
])
def test_section_follows_the_rules_of_the_article_language(article, section, settings):
    assert enrich_article(article, settings).section == section


def test_article_without_any_rule_match_gets_the_fallback_section(settings):
    article = _article("Ukraine", "Ukraine. Ukraine.")
    assert enrich_article(article, settings).section == "geopolitics"


def test_topic_in_the_title_or_mentioned_twice_makes_an_article_relevant(settings):
    titled = _article("NATO ministers meet in Brussels", "The meeting starts on Monday.")
    assert enrich_article(titled, settings).topics == ("nato",)
    twice = _article("Ministers meet", "Україна отримає допомогу.",
                     "Українські енергетики відновили мережу.", language="uk")
    assert enrich_article(twice, settings).relevant
    once = _article("Football: city derby ends in a draw",
                    "The visitors' coach, who played in Ukraine, praised the crowd. "
                    "Both teams meet again in April.")
    result = enrich_article(once, settings)
    assert not result.relevant and result.topics == ()


def test_inflected_forms_in_several_languages_are_matched(settings):
    text = ("Die Europäische Union verhängt neue Sanktionen gegen Russland. "
            "Росії загрожують нові санкції ЄС. Санкции против России расширены.")
    result = enrich_article(_article("Neue Maßnahmen", text, language="de"), settings)
    assert set(result.topics) == {"russia", "eu", "security"}


def test_acronym_eu_is_case_sensitive(settings):
    text = ("Eu acho que o jogo foi bom. Eu gostei muito do estádio, eu volto amanhã. "
            "Il a eu raison, il a eu de la chance.")
    assert enrich_article(_article("Crónica", text, language="pt"), settings).topics == ()


def test_watch_topics_setting_selects_which_topics_count(tmp_path):
    article = _article("Ukraine receives new air defence systems", "Ukraine. Ukraine.")
    only_nato = Settings(_env_file=None, data_dir=tmp_path, watch_topics=("nato",))
    assert not enrich_article(article, only_nato).relevant
    with pytest.raises(ConfigError, match="antarctica"):
        enrich_article(article, Settings(_env_file=None, data_dir=tmp_path,
                                         watch_topics=("antarctica",)))


def test_sections_and_topics_files_replace_the_built_in_ones(tmp_path):
    sections = tmp_path / "sections.toml"
    sections.write_text("""
[[section]]
slug = "sport"
names = { en = "Sport", uk = "Спорт", ru = "Спорт" }
rules = { en = ['\\bfootball\\b', '\\bderby\\b'] }
""", encoding="utf-8")
    topics = tmp_path / "topics.toml"
    topics.write_text("""
[topic.football]
names = { en = "Football" }
terms = ['\\bfootball\\b']
""", encoding="utf-8")
    custom = Settings(_env_file=None, data_dir=tmp_path, sections_file=sections,
                      topics_file=topics, watch_topics=("football",))
    result = enrich_article(_article("Football: derby ends in a draw", "A quiet game."), custom)
    assert result.section == "sport"
    assert result.topics == ("football",)


# -- the literal prefilter must never skip a text the rule matches ------------------------------

def _regex_count(source: str, text: str, flags: int) -> int:
    import re

    return len(re.compile(source, flags).findall(text))


def test_the_prefilter_counts_what_the_regular_expression_counts():
    import re

    from presswatch.enrich.classify import _fold, _Rule

    cases = [
        (r"\bsuperpowers?\b", "Two SUPERPOWER summits", re.I),
        (r"\bпосл(?:а|и|ом|у)\b", "Посла викликали", re.I),
        (r"\bwhite house\b", "the White House said", re.I),
        (r"\bnato\b|\bkremlin\b", "The Kremlin answered", re.I),  # alternative at top level
        (r"\bab{2}c", "ABBC", re.I),
        (r"\bisrael\w*", "İsrail ve İsrael", re.I),  # Turkish dotted capital I
        (r"\bNATO\b", "nato and NATO", 0),  # a case-sensitive acronym
        (r"\bstraße\b", "STRASSE und Straße", re.I),
    ]
    for source, text, flags in cases:
        rule = _Rule.compile(source, flags)
        assert rule.count(text, _fold(text)) == _regex_count(source, text, flags), source
    assert _Rule.compile(r"\bnato\b|\bkremlin\b", re.I).literal == ""
    assert _Rule.compile(r"\bsuperpowers?\b", re.I).literal == "superpower"
    assert _Rule.compile(r"(?-i:NATO)", re.I).literal == ""
