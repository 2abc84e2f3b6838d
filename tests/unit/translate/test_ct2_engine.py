"""The CTranslate2 engine on tiny random-weight models built by scripts/build_tiny_ct2_model.py.

Output quality is noise by construction; these tests check what the engine does around the
model: loading, SentencePiece, sentence splitting and rejoining, batching, language tokens,
length limits, determinism and the reasons a model cannot run.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from presswatch.errors import TranslationError
from presswatch.models import Block
from presswatch.translate.ctranslate import CTranslate2Engine, installed_engines
from presswatch.translate.service import Translator

pytest.importorskip("ctranslate2", reason="the optional extra 'mt' is not installed")
pytest.importorskip("sentencepiece", reason="the optional extra 'mt' is not installed")

from scripts.build_tiny_ct2_model import build_tiny_model  # noqa: E402

SEGMENTS = [
    "Der Bürgermeister eröffnete die Brücke. Die Zeitung berichtet!",
    "",
    "  Im Hafen warten Schiffe.\nNach dem Sturm blieben Schulen geschlossen.  ",
    "Am 12. Februar spielte das Orchester.",
]


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three tiny models in one models dir: OPUS-style de→en and en→uk, M2M-style multi."""
    root = tmp_path_factory.mktemp("models")
    started = time.perf_counter()
    models = {
        "opus-mt-de-en": build_tiny_model(root / "opus-mt-de-en", pairs=[("de", "en")]),
        "opus-mt-en-uk": build_tiny_model(root / "opus-mt-en-uk", pairs=[("en", "uk")], seed=8),
        "m2m-tiny": build_tiny_model(root / "m2m-tiny", scheme="m2m",
                                     pairs=[("de", "uk"), ("ru", "uk")], seed=9),
    }
    assert time.perf_counter() - started < 30, "building the tiny models took too long"
    return models


def engine(path: Path, **options) -> CTranslate2Engine:
    return CTranslate2Engine(path, **{"device": "cpu", "beam_size": 1,
                                      "max_decoding_length": 24, **options})


class Recorder:
    """Wraps the loaded ``ctranslate2.Translator`` and records what it is given."""

    def __init__(self, translator) -> None:
        self.translator = translator
        self.batches: list[tuple[list[list[str]], object, dict]] = []

    def translate_batch(self, tokens, target_prefix=None, **options):
        self.batches.append((tokens, target_prefix, options))
        return self.translator.translate_batch(tokens, target_prefix=target_prefix, **options)


def recording(e: CTranslate2Engine) -> Recorder:
    translator, source, target = e.load()
    recorder = Recorder(translator)
    e._loaded = (recorder, source, target)
    return recorder


def test_an_installed_model_loads_and_reports_its_pairs(tiny_models):
    found = {e.name: e for e in installed_engines(tiny_models["m2m-tiny"].parent)}
    assert sorted(found) == ["m2m-tiny", "opus-mt-de-en", "opus-mt-en-uk"]
    assert all(e.available() for e in found.values())
    assert found["opus-mt-de-en"].pairs() == {("de", "en")}
    assert found["m2m-tiny"].pairs() == {("de", "uk"), ("ru", "uk")}
    assert found["opus-mt-de-en"].kind == "ctranslate2"


def test_one_output_per_segment_with_the_layout_of_the_source(tiny_models):
    out = engine(tiny_models["opus-mt-de-en"]).translate_segments(SEGMENTS, "de", "en")
    assert len(out) == len(SEGMENTS)
    assert out[1] == ""
    assert all(text.strip() for i, text in enumerate(out) if i != 1)
    assert out[2].startswith("  ") and out[2].endswith("  ") and out[2].count("\n") == 1
    assert "\n" not in out[0] and "\n" not in out[3]


def test_each_sentence_is_translated_on_its_own_in_one_batch(tiny_models):
    e = engine(tiny_models["opus-mt-de-en"])
    recorder = recording(e)
    e.translate_segments(SEGMENTS, "de", "en")
    assert len(recorder.batches) == 1
    tokens, prefix, _options = recorder.batches[0]
    # 2 + 0 + 2 + 1 sentences; the German ordinal "12." does not end a sentence
    assert len(tokens) == 5
    assert prefix is None
    assert all(t[-1] == "</s>" for t in tokens)
    _, source_spm, _ = e.load()
    assert source_spm.decode(tokens[4][:-1]) == "Am 12. Februar spielte das Orchester."


def test_sentencepiece_round_trips_the_text(tiny_models):
    _, source_spm, _ = engine(tiny_models["opus-mt-de-en"]).load()
    for text in ["Die Regierung will die Steuern nicht erhöhen.", "Газета пише про ціни."]:
        assert source_spm.decode(source_spm.encode(text, out_type=str)) == text


def test_batch_size_does_not_change_the_output_and_beam_1_is_deterministic(tiny_models):
    many = [f"Die Zeitung berichtet über {n} Schiffe. Der Hafen ist voll." for n in range(7)]
    one_by_one = engine(tiny_models["opus-mt-de-en"], batch_size=1)
    together = engine(tiny_models["opus-mt-de-en"], batch_size=16)
    first = one_by_one.translate_segments(many, "de", "en")
    assert first == together.translate_segments(many, "de", "en")
    assert first == one_by_one.translate_segments(many, "de", "en")


def test_the_decoding_length_limit_holds(tiny_models):
    e = engine(tiny_models["opus-mt-de-en"], max_decoding_length=5)
    _, _, target_spm = e.load()
    for text in e.translate_sentences(["Der Bürgermeister eröffnete die neue Brücke."] * 3,
                                      "de", "en"):
        assert 0 < len(target_spm.encode(text)) <= 5


def test_a_sentence_longer_than_the_input_limit_is_cut_not_truncated(tiny_models):
    e = engine(tiny_models["opus-mt-de-en"], max_input_tokens=12)
    recorder = recording(e)
    long = " ".join(["Die Regierung will die Steuern im nächsten Jahr nicht erhöhen"] * 4)
    out = e.translate_segments([long], "de", "en")
    tokens = recorder.batches[0][0]
    assert len(tokens) > 1 and all(len(t) <= 12 for t in tokens)
    _, source_spm, _ = e.load()
    assert source_spm.decode([p for t in tokens for p in t[:-1]]) == long
    assert len(out) == 1 and out[0].strip()


def test_language_tokens_go_before_the_source_and_into_the_target_prefix(tiny_models):
    e = engine(tiny_models["m2m-tiny"])
    recorder = recording(e)
    out = e.translate_segments(["Мэр города открыл мост.", "Газета пишет."], "ru", "uk")
    tokens, prefix, _ = recorder.batches[0]
    assert [t[0] for t in tokens] == ["__ru__", "__ru__"] and tokens[0][-1] == "</s>"
    assert prefix == [["__uk__"], ["__uk__"]]
    assert all(text.strip() and "__uk__" not in text for text in out)


def test_a_pair_the_model_lacks_is_an_error(tiny_models):
    with pytest.raises(TranslationError, match="model opus-mt-de-en has no en→de"):
        engine(tiny_models["opus-mt-de-en"]).translate_segments(["Hello"], "en", "de")


def test_a_broken_model_directory_says_what_is_missing(tiny_models, tmp_path):
    broken = tmp_path / "opus-mt-xx-yy"
    shutil.copytree(tiny_models["opus-mt-de-en"], broken)
    (broken / "model.bin").unlink()
    assert engine(broken).unavailable_reason() == f"model.bin missing in {broken}"
    assert engine(broken).pairs() == set()
    (broken / "presswatch-model.json").write_text("{not json", encoding="utf-8")
    assert engine(broken).unavailable_reason().startswith("cannot read ")


def test_without_ctranslate2_installed_models_are_unavailable(tiny_models, monkeypatch):
    monkeypatch.setitem(sys.modules, "ctranslate2", None)
    e = engine(tiny_models["opus-mt-de-en"])
    assert e.unavailable_reason() == \
        "ctranslate2 is not installed (pip install 'presswatch[mt]')"
    with pytest.raises(TranslationError, match="ctranslate2 is not installed"):
        e.translate_segments(["Hallo."], "de", "en")


def test_the_translator_pivots_through_two_installed_models(tiny_models, settings):
    models_dir = tiny_models["opus-mt-de-en"].parent
    configured = settings.model_copy(update={"models_dir": models_dir, "mt_device": "cpu",
                                             "mt_beam_size": 1, "mt_engines": ("ctranslate2",)})
    translator = Translator(configured)
    blocks = (Block("h2", "Im Hafen"), Block("p", "Die Schiffe warten. Es regnet."))
    result = translator.translate_article("Die Brücke", blocks, "de", "en")
    assert result.status == "machine" and result.engine == "opus-mt-de-en"
    result = translator.translate_article("Die Brücke", blocks, "de-DE", "uk")
    assert result.status == "machine" and result.engine == "m2m-tiny"
    pivot = translator.translate_text("Die Schiffe warten.", "de", "uk",
                                      engine="opus-mt-de-en+opus-mt-en-uk")
    assert pivot.strip() and "\n" not in pivot
    again = Translator(configured).translate_article("Die Brücke", blocks, "de", "uk")
    assert again.blocks == result.blocks and again.extra["cached"] == "3/3"
