"""Routes: one engine per pair, or two through English; preference, fallback, budget, cache."""

from __future__ import annotations

import pytest

from presswatch.errors import NoEngineError, TranslationError
from presswatch.models import Block
from presswatch.translate.engines import Engine
from presswatch.translate.routing import order_engines
from presswatch.translate.service import Translator


class MarkEngine(Engine):
    """Writes ``<name>:`` before each segment, so the output shows the route taken."""

    def __init__(self, name: str, pairs: set[tuple[str, str]], kind: str = "fake",
                 model: str = "v1") -> None:
        self.name, self.kind, self._pairs, self._model = name, kind, pairs, model
        self.calls: list[tuple[str, str, list[str]]] = []
        self.fail: str = ""

    @property
    def model(self) -> str:
        return self._model

    def pairs(self) -> set[tuple[str, str]]:
        return set(self._pairs)

    def unavailable_reason(self) -> str:
        return ""

    def translate_segments(self, segments: list[str], source: str, target: str) -> list[str]:
        self.calls.append((source, target, list(segments)))
        if self.fail:
            raise TranslationError(self.fail)
        return [f"{self.name}:{s}" for s in segments]


class EchoEngine(MarkEngine):
    """Returns its input unchanged."""

    def translate_segments(self, segments: list[str], source: str, target: str) -> list[str]:
        self.calls.append((source, target, list(segments)))
        return list(segments)


def with_settings(settings, **values):
    return settings.model_copy(update=values)


def test_a_pair_without_direct_engine_goes_through_english(settings):
    de_en, en_uk = MarkEngine("opus-mt-de-en", {("de", "en")}), MarkEngine("mt-en-uk",
                                                                         {("en", "uk")})
    translator = Translator(settings, [de_en, en_uk])
    result = translator.translate_article("Titel", (Block("p", "Es regnet."),), "de", "uk")
    assert result.status == "machine"
    assert result.engine == "opus-mt-de-en+mt-en-uk"
    assert result.extra["path"] == "de→en→uk"
    assert result.title == "mt-en-uk:opus-mt-de-en:Titel"
    assert de_en.calls == [("de", "en", ["Titel", "Es regnet."])]
    assert en_uk.calls == [("en", "uk", ["opus-mt-de-en:Titel", "opus-mt-de-en:Es regnet."])]
    assert ("de", "uk") in translator.available_pairs()


def test_the_glossary_is_applied_after_each_step_of_a_pivot(settings):
    second = EchoEngine("y", {("en", "uk")})
    translator = Translator(settings, [EchoEngine("x", {("de", "en")}), second])
    # the English house forms are written before the second engine sees the text
    assert translator.translate_text("Kiev and Donbass", "de", "uk") == "Kyiv and Donbas"
    assert second.calls == [("en", "uk", ["Kyiv and Donbas"])]


def test_a_direct_engine_wins_over_a_pivot_and_the_pivot_is_the_fallback(settings):
    direct = MarkEngine("direct", {("de", "uk")})
    direct.fail = "connection refused"
    translator = Translator(settings, [direct, MarkEngine("a", {("de", "en")}),
                                       MarkEngine("b", {("en", "uk")})])
    result = translator.translate_article("T", (), "de", "uk")
    assert result.status == "machine" and result.engine == "a+b"
    assert result.note == "direct failed: connection refused"


def test_every_failed_route_is_in_the_note(settings):
    first, second = MarkEngine("first", {("ru", "uk")}), MarkEngine("second", {("ru", "uk")})
    first.fail, second.fail = "timed out after 1 s", "HTTP 500"
    result = Translator(settings, [first, second]).translate_article("T", (), "ru", "uk")
    assert result.status == "untranslated"
    assert result.note == "first failed: timed out after 1 s; second failed: HTTP 500"


def test_mt_engines_orders_by_kind_or_name_and_leaves_out_the_rest():
    a, b = MarkEngine("deepl", set(), kind="deepl"), MarkEngine("opus", set(), kind="ct2")
    c = MarkEngine("apertium", set(), kind="apertium")
    assert order_engines([a, b, c], ("ct2", "deepl")) == [b, a]
    assert order_engines([a, b, c], ("apertium", "opus", "deepl")) == [c, b, a]


def test_engine_option_takes_an_engine_or_a_route(settings):
    direct = MarkEngine("direct", {("de", "uk")})
    a, b = MarkEngine("a", {("de", "en")}), MarkEngine("b", {("en", "uk")})
    translator = Translator(settings, [direct, a, b])
    assert translator.translate_text("Hallo", "de", "uk") == "direct:Hallo"
    assert translator.translate_text("Hallo", "de", "uk", engine="a+b") == "b:a:Hallo"
    assert translator.translate_text("Hallo", "de", "uk", engine="b") == "b:a:Hallo"
    with pytest.raises(NoEngineError, match="engine b has no en→de"):
        translator.translate_text("Hello", "en", "de", engine="b")
    with pytest.raises(NoEngineError, match=r"no engine named 'c' \(known: direct, a, b\)"):
        translator.translate_text("Hallo", "de", "uk", engine="a+c")


def test_no_pivot_when_the_pivot_language_is_off(settings):
    engines = [MarkEngine("a", {("de", "en")}), MarkEngine("b", {("en", "uk")})]
    translator = Translator(with_settings(settings, mt_pivot_language=""), engines)
    assert translator.translate_article("T", (), "de", "uk").note == "no engine for de→uk"


def test_a_segment_translated_once_is_not_sent_again(settings):
    engine = MarkEngine("remote", {("de", "uk")})
    blocks = (Block("p", "Erster Absatz."), Block("p", "Zweiter Absatz."))
    first = Translator(settings, [engine]).translate_article("Titel", blocks, "de", "uk")
    again = Translator(settings, [engine]).translate_article(
        "Titel", (*blocks, Block("p", "Neu.")), "de", "uk")
    assert first.extra["cached"] == "0/3" and again.extra["cached"] == "3/4"
    assert engine.calls[1] == ("de", "uk", ["Neu."])
    assert again.blocks[:2] == first.blocks and again.blocks[2].text == "remote:Neu."


def test_the_cache_keys_on_the_model_and_can_be_switched_off(settings):
    old = MarkEngine("remote", {("de", "uk")}, model="v1")
    Translator(settings, [old]).translate_text("Hallo", "de", "uk")
    new = MarkEngine("remote", {("de", "uk")}, model="v2")
    Translator(settings, [new]).translate_text("Hallo", "de", "uk")
    assert len(new.calls) == 1
    Translator(with_settings(settings, mt_cache=False), [new]).translate_text(
        "Hallo", "de", "uk")
    assert len(new.calls) == 2


def test_an_engine_over_its_budget_is_skipped_with_a_note(settings):
    capped = with_settings(settings, mt_char_budgets={"deepl": 30})
    paid, free = MarkEngine("deepl", {("de", "uk")}), MarkEngine("local", {("de", "uk")})
    translator = Translator(capped, [paid, free])
    first = translator.translate_article("Zwanzig Zeichen hier", (), "de", "uk")
    assert first.engine == "deepl"
    second = translator.translate_article("Noch einmal zwanzig!", (), "de", "uk")
    assert second.engine == "local"
    assert second.note.startswith("budget exhausted for deepl: 20 of 30 characters used")
    assert len(paid.calls) == 1
    # a cached segment costs nothing, so it still comes from the engine over budget
    assert translator.translate_article("Zwanzig Zeichen hier", (), "de", "uk").engine == "deepl"
    alone = Translator(capped, [paid]).translate_article("Noch einmal!", (), "de", "uk")
    assert alone.status == "untranslated"
    assert alone.note.startswith("budget exhausted for deepl")


def test_budgets_may_name_an_engine_kind_and_last_across_translators(settings):
    capped = with_settings(settings, mt_char_budgets={"ct2": 10})
    model = MarkEngine("opus-mt-de-en", {("de", "en")}, kind="ct2")
    Translator(capped, [model]).translate_text("0123456789", "de", "en")
    with pytest.raises(TranslationError, match="budget exhausted for opus-mt-de-en"):
        Translator(capped, [model]).translate_text("x", "de", "en")


def test_blank_segments_are_not_sent(settings):
    engine = MarkEngine("e", {("de", "uk")})
    result = Translator(settings, [engine]).translate_article(
        "", (Block("p", "Text"), Block("p", "  ")), "de", "uk")
    assert engine.calls == [("de", "uk", ["Text"])]
    assert result.title == "" and [b.text for b in result.blocks] == ["e:Text", "  "]
