"""LibreTranslate's protocol against a local fake server: languages, keys, errors, pivots."""

from __future__ import annotations

import pytest

from presswatch.errors import TranslationError
from presswatch.models import Block
from presswatch.settings import Settings
from presswatch.translate.service import Translator
from tests.fakes.libretranslate import FakeLibreTranslate
from tests.support import free_port

pytestmark = pytest.mark.integration


def settings_for(tmp_path, url: str, **extra) -> Settings:
    values = {"libretranslate_url": url, "mt_engines": ("libretranslate",), "mt_backoff": 0.01,
              **extra}
    return Settings(data_dir=tmp_path / "var", glossary_file=None).model_copy(update=values)


def test_pairs_come_from_the_servers_languages_limited_to_ours(tmp_path):
    with FakeLibreTranslate(languages={"en": ["uk", "ja"], "ja": ["en"]}) as server:
        translator = Translator(settings_for(tmp_path, server.url))
        assert translator.engines[0].pairs() == {("en", "uk")}
        assert translator.available_pairs() == {("en", "uk")}


def test_segments_travel_as_one_q_list_with_the_key(tmp_path):
    with FakeLibreTranslate(api_key="lt-key") as server:
        settings = settings_for(tmp_path, server.url, libretranslate_api_key="lt-key")
        result = Translator(settings).translate_article(
            "Headline", (Block("p", "First."), Block("quote", "Second.")), "en", "uk")
    assert result.status == "machine" and result.engine == "libretranslate"
    assert [b.text for b in result.blocks] == ["[UK] First.", "[UK] Second."]
    (request,) = server.translate_requests("/translate")
    assert request.json() == {"q": ["Headline", "First.", "Second."], "source": "en",
                              "target": "uk", "format": "text", "api_key": "lt-key"}


def test_a_refused_key_and_an_unsupported_pair_give_the_servers_message(tmp_path):
    with FakeLibreTranslate(api_key="lt-key") as server:
        translator = Translator(settings_for(tmp_path, server.url,
                                             libretranslate_api_key="wrong"))
        result = translator.translate_article("Headline", (), "en", "uk")
        assert result.note == ("libretranslate failed: the API key was refused (403): "
                               "Invalid API key")
        engine = Translator(settings_for(tmp_path, server.url,
                                         libretranslate_api_key="lt-key")).engines[0]
        with pytest.raises(TranslationError, match=r"bad request \(400\): de \(ru\) is not"):
            engine.translate_segments(["Hallo"], "de", "ru")


def test_slowdown_answers_are_retried(tmp_path):
    with FakeLibreTranslate() as server:
        server.rate_limit_after, server.rate_limited_for = 1, 2
        translator = Translator(settings_for(tmp_path, server.url))
        assert translator.translate_text("One", "en", "uk") == "[UK] One"
        assert translator.translate_text("Two", "en", "uk") == "[UK] Two"
        assert len(server.translate_requests("/translate")) == 4


def test_german_to_ukrainian_through_english(tmp_path):
    with FakeLibreTranslate(languages={"de": ["en"], "en": ["uk"]}) as server:
        result = Translator(settings_for(tmp_path, server.url)).translate_article(
            "Titel", (Block("p", "Es regnet."),), "de", "uk")
    assert result.status == "machine"
    assert result.engine == "libretranslate+libretranslate"
    assert result.extra["path"] == "de→en→uk"
    assert result.blocks[0].text == "[UK] [EN] Es regnet."


def test_a_server_that_is_down_makes_the_engine_unavailable(tmp_path):
    translator = Translator(settings_for(tmp_path, f"http://127.0.0.1:{free_port()}"))
    (engine,) = translator.engines
    assert engine.unavailable_reason().startswith("cannot list the languages of http://127.0.0.1")
    assert translator.translate_article("T", (), "en", "uk").note == "no engine for en→uk"
