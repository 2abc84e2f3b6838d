"""Quotes: direct and reported speech, with the speaker linked to an entity."""

from __future__ import annotations

import pytest

from presswatch.enrich.entities import analyze_text


def _quotes(text: str, language: str) -> list[tuple[str, str, str | None]]:
    return [(q.kind, q.text, q.entity) for q in analyze_text(text, language).quotes]


@pytest.mark.parametrize(("text", "language", "said", "speaker"), [
    ("«Ми не віддамо жодного сантиметра», — сказав Зеленський.", "uk",
     "Ми не віддамо жодного сантиметра", "person/zelenskyy"),
    ("«Мы не допустим эскалации», — заявил Дмитрий Песков.", "ru",
     "Мы не допустим эскалации", "person/peskov"),
    ("\"We will not give up a single inch,\" Zelenskyy said.", "en",
     "We will not give up a single inch", "person/zelenskyy"),
    ("Bundeskanzler Scholz sagte: „Wir stehen an der Seite der Ukraine.“ Danach reiste er ab.",
     "de", "Wir stehen an der Seite der Ukraine", "person/scholz"),
])
def test_direct_quotes_with_their_speaker(text, language, said, speaker):
    assert _quotes(text, language) == [("direct", said, speaker)]


@pytest.mark.parametrize(("text", "language", "said", "speaker"), [
    ("Лавров заявил, что Россия готова к переговорам.", "ru",
     "Россия готова к переговорам", "person/lavrov"),
    ("Міністр Сибіга заявив, що переговори тривають.", "uk", "переговори тривають",
     "person/sybiha"),
    ("Antony Blinken said that the aid would continue.", "en", "the aid would continue",
     "person/blinken"),
    ("Pistorius sagte, dass die Lieferung bald komme.", "de", "die Lieferung bald komme",
     "person/pistorius"),
    ("According to the Pentagon, the brigade was moved south.", "en",
     "the brigade was moved south", "org/pentagon"),
    ("Laut Selenskyj ist die Lage an der Front schwierig.", "de",
     "ist die Lage an der Front schwierig", "person/zelenskyy"),
    ("За словами Андрія Єрмака, делегація вже в Женеві.", "uk", "делегація вже в Женеві",
     "person/yermak"),
    ("Die Lage sei ernst, sagte Merz.", "de", "Die Lage sei ernst", "person/merz"),
    ("По данным Минобороны России, над Курской областью сбиты 45 беспилотников.", "ru",
     "над Курской областью сбиты 45 беспилотников", "org/ministry-of-defence-ru"),
])
def test_reported_speech_with_its_source(text, language, said, speaker):
    assert _quotes(text, language) == [("reported", said, speaker)]


def test_a_pronoun_speaker_is_the_last_person_named():
    text = ("Olaf Scholz visited the troops. \"The support will go on as long as needed,\" "
            "he said.")
    assert _quotes(text, "en") == [
        ("direct", "The support will go on as long as needed", "person/scholz")]


def test_quoted_words_without_a_speech_verb_are_not_quotes():
    text = "The so-called \"special military operation\" entered its fourth year."
    assert _quotes(text, "en") == []


def test_a_quoted_term_is_not_a_quotation_even_next_to_a_speech_verb():
    assert _quotes("Trump said the \"news anchor\" was wrong.", "en") == []


def test_an_unknown_speaker_is_kept_as_written():
    (quote,) = analyze_text("«Ситуація складна», — сказав генерал Петро Іваненко.", "uk").quotes
    assert (quote.speaker, quote.entity) == ("Петро Іваненко", None)


def test_a_comma_before_a_long_said_clause_is_no_closing_attribution():
    # the words before the comma are the speaker's description, not what was said
    text = ("Russia's deputy foreign minister, speaking separately, said the answers were not "
            "satisfactory and that Moscow would decide its next steps after consulting with the "
            "Kremlin.")
    assert _quotes(text, "en") == []
    (quote,) = _quotes("The talks will go on next week in Geneva, said Antony Blinken.", "en")
    assert quote[1] == "The talks will go on next week in Geneva"
