"""chrF++ and BLEU of every engine available here, on every NTREX direction it covers.

Each engine's own pairs among en, de, ru, uk are scored sentence by sentence against the
NTREX references (sacrebleu ``CHRF(word_order=2)`` and ``BLEU()``, defaults otherwise) in
three variants: ``raw`` (the engine alone), ``glossary`` (what presswatch publishes: terms
injected before a rule-based engine and the house forms applied after, through
``Translator.translate_segments``) and ``glossary+conventions`` (numbers and dates then put in
the target's conventions). NTREX (2019 news) has none of the house terms, so the glossary
cannot move its scores; ``terms`` is therefore measured apart: the share of sentences with a
house term (``corrupt.term_sentences``: "Об этом сообщили в Киеве.") whose translation has the
term's house form of the right case ("у Києві"). ``copy`` (the source unchanged) is the
floor an engine must clear: ru and uk share many words. A slow engine is scored on the
sentences it finished within its time budget (the count is reported).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.translation.corpus import Corpus

LANGUAGES = ("en", "de", "ru", "uk")
BATCH = 200


def score(hypotheses: list[str], references: list[str]) -> dict[str, float]:
    from sacrebleu.metrics import BLEU, CHRF

    return {"chrf": CHRF(word_order=2).corpus_score(hypotheses, [references]).score,
            "bleu": BLEU().corpus_score(hypotheses, [references]).score}


def translator_here(data_dir: Path) -> Any:
    """presswatch's Translator with its default engines, no cache, data under ``data_dir``."""
    from presswatch.settings import Settings
    from presswatch.translate.service import Translator

    settings = Settings(_env_file=None, data_dir=data_dir, apertium_dir=None,
                        glossary_file=None)
    translator = Translator(settings)
    translator.use_cache = False
    return translator


def engine_pairs(translator: Any) -> list[tuple[Any, str, str]]:
    """(engine, source, target) for every available engine and its pairs among the corpus's
    languages, in the engines' order of preference."""
    found = []
    for engine in translator.engines:
        if not engine.available():
            continue
        for source, target in sorted(engine.pairs()):
            if source in LANGUAGES and target in LANGUAGES:
                found.append((engine, source, target))
    return found


def run_mt(corpus: Corpus, limit: int | None = None, budget_s: float = 30.0) -> dict[str, Any]:
    """Scores per engine, pair and variant, with the copy baseline for each pair scored."""
    with tempfile.TemporaryDirectory(prefix="presswatch-bench-") as tmp:
        translator = translator_here(Path(tmp))
        rows = []
        unavailable = [f"{e.name}: {e.unavailable_reason()}" for e in translator.engines
                       if not e.available()]
        for engine, source, target in engine_pairs(translator):
            rows += _engine_rows(translator, engine, corpus, source, target, limit, budget_s)
        translator.close()
    pairs = sorted({(r["source"], r["target"]) for r in rows})
    for source, target in pairs:
        sources = corpus.sentences(source)[:limit]
        rows.append({"engine": "copy", "variant": "baseline", "source": source,
                     "target": target, "lines": len(sources), "seconds": 0.0,
                     **score(sources, corpus.sentences(target)[:len(sources)])})
    return {"rows": rows, "unavailable": unavailable}


def _engine_rows(translator: Any, engine: Any, corpus: Corpus, source: str, target: str,
                 limit: int | None, budget_s: float) -> list[dict[str, Any]]:
    from presswatch.errors import TranslationError
    from presswatch.translate.conventions import apply_conventions

    sources = corpus.sentences(source)[:limit]
    base = {"engine": engine.name, "source": source, "target": target}
    try:
        raw, seconds = _translate(engine.translate_segments, sources, source, target, budget_s)
        done = sources[:len(raw)]
        if engine.copies_unknown_words:
            glossed, _ = _translate(
                lambda s, a, b: translator.translate_segments(s, a, b, engine), done, source,
                target, budget_s * 2)
        else:
            glossed = [translator.glossary.apply(text, target) for text in raw]
    except TranslationError as err:
        return [{**base, "variant": "raw", "error": str(err)}]
    refs = corpus.sentences(target)[:len(raw)]
    conventions = [apply_conventions(t, target, source_text=s, source_lang=source)
                   for s, t in zip(done, glossed, strict=True)]
    common = {**base, "lines": len(raw), "seconds": seconds}
    raw_terms, glossary_terms = _term_accuracy(translator, engine, source, target)
    return [{**common, "variant": "raw", **score(raw, refs), "terms": raw_terms},
            {**common, "variant": "glossary", **score(glossed, refs), "terms": glossary_terms},
            {**common, "variant": "glossary+conventions", **score(conventions, refs),
             "terms": glossary_terms}]


def _term_accuracy(translator: Any, engine: Any, source: str,
                   target: str) -> tuple[float | None, float | None]:
    """Share of house-term sentences translated with the house form, without and with the
    glossary; None where the glossary has no such sentence for the pair."""
    from benchmarks.translation.corrupt import term_sentences

    cases = term_sentences(translator.glossary, source, target)
    if not cases:
        return None, None
    sentences = [case.source for case in cases]
    raw = engine.translate_segments(sentences, source, target)
    glossed = translator.translate_segments(sentences, source, target, engine)

    def share(outputs: list[str]) -> float:
        return sum(case.house in out for case, out in zip(cases, outputs, strict=True)) / len(
            cases)

    return share(raw), share(glossed)


def _translate(call: Any, sources: list[str], source: str, target: str,
               budget_s: float) -> tuple[list[str], float]:
    """Translations batch by batch until all are done or the time budget is spent."""
    out: list[str] = []
    start = time.perf_counter()
    for first in range(0, len(sources), BATCH):
        out += call(sources[first:first + BATCH], source, target)
        if time.perf_counter() - start > budget_s:
            break
    return out, time.perf_counter() - start
