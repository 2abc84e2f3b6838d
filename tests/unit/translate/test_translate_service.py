"""The Translator: original, machine or untranslated — never a silent copy."""

from __future__ import annotations

import pytest

from presswatch.errors import NoEngineError, TranslationError
from presswatch.models import Block
from presswatch.translate.apertium import ApertiumEngine
from presswatch.translate.engines import Engine
from presswatch.translate.service import Translator

RU_TITLE = "Владимир Зеленский провёл переговоры в Киеве"
RU_BLOCKS = (
    Block("p", "Президент Украины Владимир Зеленский встретился с министрами в Харькове."),
    Block("h2", "Поезда снова идут"),
    Block("p", "Поезд из Одессы прибыл в Николаев, а затем во Львов."),
    Block("quote", "Эксперты обсуждали будущее Донбасса."),
    Block("li", "Цены на газ снова выросли."),
)


class CopyingEngine(Engine):
    """A stand-in engine that returns its input: shows what the service adds on top."""

    name = "copy"

    def __init__(self, pairs: set[tuple[str, str]]) -> None:
        self._pairs = pairs
        self.calls: list[list[str]] = []

    def pairs(self) -> set[tuple[str, str]]:
        return set(self._pairs)

    def unavailable_reason(self) -> str:
        return ""

    def translate_segments(self, segments: list[str], source: str, target: str) -> list[str]:
        self.calls.append(list(segments))
        return list(segments)


class FailingEngine(CopyingEngine):
    """An engine whose process fails, as a stuck or crashed engine does."""

    name = "apertium"

    def translate_segments(self, segments: list[str], source: str, target: str) -> list[str]:
        raise TranslationError("timed out after 60 s on 6 lines")


class ShortEngine(CopyingEngine):
    name = "short"

    def translate_segments(self, segments: list[str], source: str, target: str) -> list[str]:
        return segments[:-1]


class MissingEngine(CopyingEngine):
    name = "missing"

    def unavailable_reason(self) -> str:
        return "not installed"


def test_same_language_is_the_original_untouched(settings):
    blocks = (Block("p", "Мешканці Харькова святкують."),)
    result = Translator(settings, [CopyingEngine({("uk", "ru")})]).translate_article(
        "Заголовок у Києву", blocks, "uk", "uk")
    assert result.status == "original"
    assert result.title == "Заголовок у Києву"
    assert result.blocks == blocks
    assert result.engine is None and result.note == ""


def test_a_pair_without_engine_is_marked_untranslated_with_the_reason(settings):
    blocks = (Block("h2", "Lage"), Block("p", "Kiew meldet Angriffe auf Charkiw."))
    translator = Translator(settings, [CopyingEngine({("ru", "uk")})])
    result = translator.translate_article("Titel", blocks, "de", "uk")
    assert result.status == "untranslated"
    assert result.note == "no engine for de→uk"
    assert result.title == "Titel" and result.blocks == blocks
    assert result.language == "uk" and result.source_language == "de"


def test_engine_failure_is_untranslated_with_the_engine_and_reason(settings):
    result = Translator(settings, [FailingEngine({("ru", "uk")})]).translate_article(
        RU_TITLE, RU_BLOCKS, "ru", "uk")
    assert result.status == "untranslated"
    assert result.note == "apertium failed: timed out after 60 s on 6 lines"
    assert result.title == RU_TITLE and result.blocks == RU_BLOCKS
    assert result.engine is None


def test_an_engine_that_loses_segments_is_a_failure_not_a_shifted_text(settings):
    result = Translator(settings, [ShortEngine({("ru", "uk")})]).translate_article(
        RU_TITLE, RU_BLOCKS, "ru", "uk")
    assert result.status == "untranslated"
    assert result.note == "short failed: 5 segments back for 6"


def test_the_glossary_is_applied_to_every_segment_and_the_title(settings):
    engine = CopyingEngine({("ru", "uk")})
    result = Translator(settings, [engine]).translate_article(
        "Обстрелы Харькова", (Block("p", "Решение приняли в Киеве."),), "ru", "uk")
    assert result.status == "machine" and result.engine == "copy"
    assert result.title == "Обстрелы Харкова"
    assert result.blocks == (Block("p", "Решение приняли в Києві."),)
    assert engine.calls == [["Обстрелы Харькова", "Решение приняли в Киеве."]]


def test_a_timed_out_apertium_gives_an_untranslated_article(make_settings, tmp_path):
    engine = ApertiumEngine(make_settings(tmp_path), timeout=0.0001)
    if not engine.available():
        pytest.skip(f"Apertium ru↔uk is not installed here: {engine.unavailable_reason()}")
    result = Translator(make_settings(tmp_path), [engine]).translate_article(
        RU_TITLE, RU_BLOCKS, "ru", "uk")
    assert result.status == "untranslated"
    assert result.note.startswith("apertium failed: timed out after 0.0001 s")


def test_an_article_through_apertium_keeps_its_structure_and_house_terms(
    apertium, apertium_settings
):
    result = Translator(apertium_settings, [apertium]).translate_article(
        RU_TITLE, RU_BLOCKS, "ru", "uk")
    assert result.status == "machine" and result.engine == "apertium"
    assert result.language == "uk" and result.source_language == "ru"
    assert [b.kind for b in result.blocks] == [b.kind for b in RU_BLOCKS]
    assert result.title.startswith("Володимир Зеленський провів")
    assert result.title.endswith("у Києві")
    assert "Президент України Володимир Зеленський" in result.blocks[0].text
    assert "у Харкові" in result.blocks[0].text
    assert "з Одеси" in result.blocks[2].text and "у Миколаїв" in result.blocks[2].text
    assert "Донбасу" in result.blocks[3].text
    assert result.blocks[4].text == "Ціни на газ снова виросли."
    assert all("\n" not in b.text for b in result.blocks)


def test_uk_to_ru_through_apertium_uses_russian_house_forms(apertium, apertium_settings):
    text = "Зустріч Володимира Зеленського з журналістами відбулася в Харкові."
    out = Translator(apertium_settings, [apertium]).translate_text(text, "uk", "ru")
    assert out == "Встреча Владимира Зеленского с журналистами произошла в Харькове."


def test_translate_text_keeps_paragraphs(apertium, apertium_settings):
    text = "Первый абзац.\n\nВторой абзац о Киеве.\n  \nТретий абзац."
    out = Translator(apertium_settings, [apertium]).translate_text(text, "ru", "uk")
    assert out.split("\n\n") == ["Перший абзац.", "Другий абзац о Києві.", "Третій абзац."]


def test_translate_text_without_engine_raises(settings):
    with pytest.raises(NoEngineError, match="no engine for de→uk"):
        Translator(settings, [CopyingEngine({("ru", "uk")})]).translate_text("Hallo", "de", "uk")


def test_translate_text_with_an_unknown_engine_name_says_which_exist(settings):
    translator = Translator(settings, [CopyingEngine({("ru", "uk")})])
    with pytest.raises(NoEngineError, match=r"no engine named 'deepl' \(known: copy\)"):
        translator.translate_text("Привет", "ru", "uk", engine="deepl")


def test_a_named_engine_that_is_not_installed_says_why(settings):
    translator = Translator(settings, [MissingEngine({("ru", "uk")})])
    with pytest.raises(NoEngineError, match="engine missing is not available: not installed"):
        translator.translate_text("Привет", "ru", "uk", engine="missing")


def test_available_pairs_come_from_available_engines_only(settings):
    translator = Translator(
        settings, [CopyingEngine({("ru", "uk")}), MissingEngine({("en", "uk")})])
    assert translator.available_pairs() == {("ru", "uk")}
    result = translator.translate_article("T", (Block("p", "x"),), "en", "uk")
    assert result.note == "no engine for en→uk"


def test_region_subtags_pick_the_same_engine(settings):
    translator = Translator(settings, [CopyingEngine({("ru", "uk")})])
    result = translator.translate_article("Киев", (), "ru-RU", "uk-UA")
    assert result.status == "machine" and result.title == "Київ"
    assert translator.translate_article("Киев", (), "uk-UA", "uk").status == "original"


def test_a_missing_apertium_leaves_ru_uk_untranslated(make_settings, tmp_path):
    settings = make_settings(tmp_path)
    translator = Translator(settings, [ApertiumEngine(settings, binary="no-such-apertium")])
    assert translator.available_pairs() == set()
    result = translator.translate_article(RU_TITLE, RU_BLOCKS, "ru", "uk")
    assert (result.status, result.note) == ("untranslated", "no engine for ru→uk")


def test_building_a_translator_starts_nothing_and_reads_nothing(make_settings, tmp_path):
    settings = make_settings(tmp_path, glossary_file=tmp_path / "absent.toml")
    translator = Translator(settings)
    assert not (tmp_path / "apertium").exists()
    assert translator.translate_article("T", (), "uk", "uk").status == "original"


def test_engine_output_gets_the_target_languages_number_and_date_conventions(settings):
    engine = CopyingEngine({("de", "uk")})
    translator = Translator(settings, [engine])
    text = translator.translate_text("Mehr als 100.000 Soldaten, 1.5 Prozent.", "de", "uk")
    assert "100\u00a0000" in text
    assert "100.000" not in text
