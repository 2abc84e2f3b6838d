"""The stories benchmark's parts: B-cubed, timelines, the corpus reader, the skip."""

from __future__ import annotations

from datetime import timedelta

import pytest
from benchmarks.stories import run as bench
from benchmarks.stories.corpus import Version, dev_documents, event_of, load_versions, timeline
from benchmarks.stories.score import bcubed
from tests.support import shared_dataset


def test_bcubed_of_a_perfect_a_merged_and_a_split_clustering():
    gold = {"a1": "A", "a2": "A", "b1": "B", "b2": "B"}
    assert bcubed(gold, gold).f1 == 1.0
    merged = bcubed(dict.fromkeys(gold, 1), gold)
    assert (merged.precision, merged.recall) == (0.5, 1.0)
    split = bcubed({k: k for k in gold}, gold)
    assert (split.precision, split.recall) == (1.0, 0.5)


def versions(documents: int) -> list[Version]:
    return [Version(f"doc.{d}", lang, f"title {d}", "") for d in range(documents)
            for lang in ("en", "de", "ru", "uk")]


def test_a_documents_versions_arrive_within_a_day_in_time_order():
    timed = timeline(versions(30), seed=3, days=10, by_event=False)
    times = [when for _, when in timed]
    assert times == sorted(times) and len(timed) == 120
    for d in range(30):
        mine = [when for v, when in timed if v.document == f"doc.{d}"]
        assert max(mine) - min(mine) <= timedelta(hours=24)


def test_without_the_corpus_the_benchmark_says_it_skipped(tmp_path):
    result = bench.run(root=tmp_path)
    assert "skipped" in result and "ntrex-128 not found" in bench.report(result)
    assert bench.check(result) == []


def test_the_corpus_has_123_documents_in_four_languages_and_the_events_are_its_own():
    versions_ = load_versions(shared_dataset("ntrex-128"))
    documents = {v.document for v in versions_}
    assert len(versions_) == 492 and len(documents) == 123
    assert set(event_of()) <= documents and len(dev_documents(versions_)) == 41
    same_event = timeline(versions_, seed=1, days=30, by_event=True)
    when = {v.key: t for v, t in same_event}
    sulawesi = [when[f"{d}/en"] for d, e in event_of().items()
                if e == "sulawesi-earthquake-and-tsunami"]
    assert max(sulawesi) - min(sulawesi) <= timedelta(hours=48)


@pytest.mark.parametrize("threshold", [bench.TFIDF_THRESHOLD])
def test_tfidf_keeps_same_language_copies_together_and_strangers_apart(threshold):
    items = [Version("x", "en", "Geneva talks end without breakthrough", ""),
             Version("x", "de", "Geneva talks end without breakthrough", ""),
             Version("y", "en", "Floods close roads in Bavaria after heavy rain", "")]
    vectors = bench.tfidf(items)
    found = bench.cluster(items, vectors, threshold, baseline=True, seed=1, timing=None)
    assert found["x/en"] == found["x/de"] != found["y/en"]
