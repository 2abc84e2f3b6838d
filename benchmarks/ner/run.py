"""Exact-span NER F1 (PER, LOC, ORG) per test set, against a dictionary baseline in the same run.

presswatch is ``enrich.entities.link_mentions`` as the pipeline runs it (entity base +
natasha for ru, entity base + rules for uk and de); the baseline is the entity base alone
(names it knows, nothing else), scored on the same texts. A mention counts when its start,
end and type equal a gold span's (micro-averaged over the set). UNIT mentions count as ORG;
EVT mentions are not scored. Enrichment throughput (mentions + figures + quotes) is measured
on the 123 NTREX-128 news documents in each of en, de, ru and uk, after a warm-up, in one
process: wall-clock articles/s and articles per CPU-second (the figure that holds on a
machine shared with other work; a pipeline with one worker per core multiplies it).

``run(limit)`` reads at most ``limit`` documents (sentences for GermEval) per set.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.ner.corpus import CORPORA, DATASETS, TYPES, NerDoc

BASELINE = Path(__file__).with_name("baseline.json")
NTREX = DATASETS / "ntrex-128"
NTREX_FILES = {"en": "newstest2019-src.eng.txt", "de": "newstest2019-ref.deu.txt",
               "ru": "newstest2019-ref.rus.txt", "uk": "newstest2019-ref.ukr.txt"}


def _scores(counts: Counter) -> dict[str, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _count(found: set, gold: frozenset, counts: dict[str, Counter]) -> None:
    for kind in ("all", *TYPES):
        f = {s for s in found if kind in ("all", s[2])}
        g = {s for s in gold if kind in ("all", s[2])}
        counts[kind].update(tp=len(f & g), fp=len(f - g), fn=len(g - f))


def _systems() -> dict[str, Any]:
    from presswatch.enrich.entities import link_mentions
    from presswatch.enrich.entity_base import default_entity_base
    from presswatch.enrich.textforms import tokenize

    base = default_entity_base()

    def presswatch(text: str, language: str) -> set:
        return {(m.start, m.end, m.type) for m in link_mentions(text, language, base)
                if m.type in TYPES}

    def dictionary(text: str, language: str) -> set:
        tokens = tokenize(text)
        spans = set()
        for m in base.match(tokens, text, language):
            kind = base.records[m.key].type
            kind = "ORG" if kind == "UNIT" else kind
            if kind in TYPES:
                spans.add((tokens[m.first].start, tokens[m.last].end, kind))
        return spans

    return {"presswatch": presswatch, "dictionary": dictionary}


def _score_corpus(docs: list[NerDoc], language: str, systems: dict) -> dict[str, Any]:
    result: dict[str, Any] = {"documents": len(docs), "gold": sum(len(d.gold) for d in docs)}
    for name, system in systems.items():
        counts = {kind: Counter() for kind in ("all", *TYPES)}
        start = time.perf_counter()
        for doc in docs:
            _count(system(doc.text, language), doc.gold, counts)
        seconds = time.perf_counter() - start
        result[name] = {**_scores(counts["all"]), "seconds": seconds,
                        "per_type": {k: _scores(counts[k])["f1"] for k in TYPES}}
    return result


def _throughput() -> dict[str, Any]:
    from presswatch.enrich.entities import analyze_text

    ids = (NTREX / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    result: dict[str, Any] = {}
    total_docs, total_seconds, total_cpu = 0, 0.0, 0.0
    for language, name in NTREX_FILES.items():
        lines = (NTREX / name).read_text(encoding="utf-8").splitlines()
        docs: dict[str, list[str]] = {}
        for doc_id, line in zip(ids, lines, strict=False):
            docs.setdefault(doc_id, []).append(line)
        texts = ["\n\n".join(paragraphs) for paragraphs in docs.values()]
        analyze_text(texts[0], language)  # load models outside the timed part
        start, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            analyze_text(text, language)
        seconds = time.perf_counter() - start
        result[language] = len(texts) / seconds
        total_docs, total_seconds = total_docs + len(texts), total_seconds + seconds
        total_cpu += time.process_time() - cpu
    result["all"] = total_docs / total_seconds
    result["per_cpu_second"] = total_docs / total_cpu
    return result


def run(limit: int | None = None) -> dict[str, Any]:
    """Scores per test set (``{"skipped": why}`` for a missing one) and throughput."""
    systems = _systems()
    result: dict[str, Any] = {"limit": limit, "sets": {}}
    for name, (language, reader, path) in CORPORA.items():
        if not path.exists():
            result["sets"][name] = {"skipped": f"{name} not found at {path}"}
            continue
        docs = []
        for doc in reader():
            docs.append(doc)
            if limit is not None and len(docs) >= limit:
                break
        result["sets"][name] = {"language": language,
                                **_score_corpus(docs, language, systems)}
    if (NTREX / "DOCUMENT_IDS.tsv").is_file():
        result["articles_per_s"] = _throughput()
    for name, r in result["sets"].items():  # flat figures, the keys of baseline.json's floors
        if "skipped" not in r:
            margin = r["presswatch"]["f1"] - r["dictionary"]["f1"]
            result[f"{name}_margin_over_dictionary"] = margin
            if limit is None:
                result[f"{name}_f1"] = r["presswatch"]["f1"]
    return result


def report(result: dict[str, Any]) -> str:
    """F1 per set for presswatch and the dictionary baseline, then throughput."""
    lines = ["NER, exact spans, PER/LOC/ORG (baseline: the entity base alone, same texts)"]
    for name, r in result["sets"].items():
        if "skipped" in r:
            lines.append(f"  {name}: skipped ({r['skipped']})")
            continue
        lines.append(f"  {name} ({r['language']}, {r['documents']} texts, {r['gold']} names)")
        for system in ("presswatch", "dictionary"):
            s = r[system]
            per = "  ".join(f"{k} {v:.3f}" for k, v in s["per_type"].items())
            lines.append(f"    {system:<11} F1 {s['f1']:.3f}  P {s['precision']:.3f}  "
                         f"R {s['recall']:.3f}  [{per}]  {s['seconds']:.1f} s")
    if "articles_per_s" in result:
        speeds = result["articles_per_s"]
        split = "  ".join(f"{k} {v:.1f}" for k, v in speeds.items() if len(k) == 2)
        lines.append(f"  enrichment (mentions+figures+quotes), NTREX-128 documents, one process: "
                     f"{speeds['all']:.1f} articles/s wall [{split}], "
                     f"{speeds['per_cpu_second']:.1f} articles per CPU-second")
    else:
        lines.append("  enrichment throughput skipped: ntrex-128 not found")
    return "\n".join(lines)


def check(result: dict[str, Any], baseline_path: Path = BASELINE) -> list[str]:
    """Figures below their floor in baseline.json; F1 floors hold for full runs only (a
    sampled run has no ``<set>_f1`` key), margins over the dictionary for any run."""
    floors = json.loads(baseline_path.read_text(encoding="utf-8"))["floors"]
    return [f"{key} = {result[key]:.4f} < floor {floor}"
            for key, floor in floors.items() if key in result and result[key] < floor]
