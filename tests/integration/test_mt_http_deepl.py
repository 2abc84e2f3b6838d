"""DeepL's protocol against a local fake server: translation, keys, rate limits, quota, budget."""

from __future__ import annotations

import time

import pytest

from presswatch.models import Block
from presswatch.settings import Settings
from presswatch.translate.service import Translator
from tests.fakes.deepl import FakeDeepL
from tests.fakes.libretranslate import FakeLibreTranslate

pytestmark = pytest.mark.integration

BLOCKS = (Block("h2", "Lage in Charkiw"), Block("p", "Die Stadt meldet neue Angriffe."),
          Block("li", "Strom fällt aus."))


@pytest.fixture
def deepl():
    with FakeDeepL(key="secret:fx") as server:
        yield server


def settings_for(tmp_path, server: FakeDeepL, **extra) -> Settings:
    values = {"deepl_api_key": server.key, "deepl_base_url": server.url, "mt_engines": ("deepl",),
              "mt_backoff": 0.01, **extra}
    return Settings(data_dir=tmp_path / "var", glossary_file=None).model_copy(update=values)


def test_an_article_through_deepl_keeps_its_blocks(tmp_path, deepl):
    result = Translator(settings_for(tmp_path, deepl)).translate_article(
        "Angriffe auf Kiew", BLOCKS, "de", "uk")
    assert result.status == "machine" and result.engine == "deepl"
    assert result.title == "[UK] Angriffe auf Kiew"
    assert [(b.kind, b.text) for b in result.blocks] == [
        ("h2", "[UK] Lage in Charkiw"), ("p", "[UK] Die Stadt meldet neue Angriffe."),
        ("li", "[UK] Strom fällt aus.")]
    (request,) = deepl.translate_requests("/v2/translate")
    assert request.headers["authorization"] == "DeepL-Auth-Key secret:fx"
    assert request.json()["source_lang"] == "DE" and request.json()["target_lang"] == "UK"


def test_english_goes_out_as_a_variant(tmp_path, deepl):
    out = Translator(settings_for(tmp_path, deepl)).translate_text("Hallo", "de", "en")
    assert out == "[EN-GB] Hallo"


def test_a_wrong_key_leaves_the_article_untranslated_with_the_reason(tmp_path, deepl):
    settings = settings_for(tmp_path, deepl).model_copy(update={"deepl_api_key": "stolen:fx"})
    result = Translator(settings).translate_article("Titel", BLOCKS, "de", "uk")
    assert result.status == "untranslated"
    assert result.note == ("deepl failed: the API key was refused (403): "
                           "Wrong endpoint or invalid auth key")


def test_429_is_retried_after_the_time_the_server_asks(tmp_path, deepl):
    deepl.rate_limit_after, deepl.rate_limited_for, deepl.retry_after = 0, 1, "1"
    started = time.monotonic()
    out = Translator(settings_for(tmp_path, deepl)).translate_text("Hallo", "de", "uk")
    assert out == "[UK] Hallo"
    assert time.monotonic() - started >= 1.0
    assert len(deepl.translate_requests("/v2/translate")) == 2


def test_a_rate_limit_that_does_not_lift_fails_after_the_retries(tmp_path, deepl):
    deepl.rate_limit_after, deepl.rate_limited_for = 0, 10
    result = Translator(settings_for(tmp_path, deepl, mt_retries=3)).translate_article(
        "Titel", BLOCKS, "de", "uk")
    assert result.note == "deepl failed: rate limited (429) after 3 attempts"
    assert len(deepl.translate_requests("/v2/translate")) == 3


def test_a_passing_server_error_is_retried(tmp_path, deepl):
    deepl.fail_next = [503, 500]
    out = Translator(settings_for(tmp_path, deepl)).translate_text("Hallo", "de", "uk")
    assert out == "[UK] Hallo" and len(deepl.translate_requests("/v2/translate")) == 3


def test_quota_exceeded_falls_back_to_the_next_engine_and_says_why(tmp_path, deepl):
    deepl.character_limit = 10
    with FakeLibreTranslate(languages={"de": ["uk"]}) as libre:
        settings = settings_for(tmp_path, deepl, libretranslate_url=libre.url,
                                mt_engines=("deepl", "libretranslate"))
        result = Translator(settings).translate_article("Titel", BLOCKS, "de", "uk")
    assert result.status == "machine" and result.engine == "libretranslate"
    assert result.note == ("deepl failed: quota exceeded (456): the account's character limit "
                           "is used up: Quota exceeded")
    assert len(deepl.translate_requests("/v2/translate")) == 1


def test_the_budget_stops_sending_and_the_cache_makes_repeats_free(tmp_path, deepl):
    settings = settings_for(tmp_path, deepl, mt_char_budgets={"deepl": 80})
    first = Translator(settings).translate_article("Titel", BLOCKS, "de", "uk")
    assert first.status == "machine" and deepl.character_count == 67
    repeat = Translator(settings).translate_article("Titel", BLOCKS, "de", "uk")
    assert repeat.blocks == first.blocks and repeat.extra["cached"] == "4/4"
    more = Translator(settings).translate_article("Ein neuer Titel", BLOCKS, "de", "uk")
    assert more.status == "untranslated"
    assert more.note == ("budget exhausted for deepl: 67 of 80 characters used in "
                         f"{time.strftime('%Y-%m', time.gmtime())}, 15 more needed")
    assert len(deepl.translate_requests("/v2/translate")) == 1


def test_more_than_50_segments_go_in_several_requests(tmp_path, deepl):
    blocks = tuple(Block("li", f"Punkt {n}") for n in range(120))
    result = Translator(settings_for(tmp_path, deepl)).translate_article(
        "Liste", blocks, "de", "uk")
    assert [b.text for b in result.blocks] == [f"[UK] Punkt {n}" for n in range(120)]
    assert [len(r.json()["text"]) for r in deepl.translate_requests("/v2/translate")] == \
        [50, 50, 21]
