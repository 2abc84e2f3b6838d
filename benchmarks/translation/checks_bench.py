"""The checks' recall and precision on NTREX paragraphs corrupted on purpose.

For every direction in ``PAIRS``, the paragraphs of the odd-numbered documents (the even ones
calibrated the length ratios) are checked clean and after each corruption of ``corrupt.py``.

* **recall** of a corruption: the share of corrupted paragraphs with a finding of the expected
  kind, over the paragraphs whose clean version has no finding of that kind (where it already
  had one, a hit would prove nothing);
* **precision**: each corrupted paragraph is matched by its clean version, and a clean
  paragraph with any finding at all (any kind, any severity) is a false alarm:
  precision = hits / (hits + false alarms), per corruption and pooled. The human references
  do disagree at times (a converted unit rounded differently, a name left out), and those
  findings count against precision here.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from typing import Any

from benchmarks.translation.corpus import Corpus
from benchmarks.translation.corrupt import CORRUPTIONS, Pair, clean_has, term_sentences

PAIRS = (("ru", "uk"), ("uk", "ru"), ("en", "uk"), ("de", "uk"), ("en", "ru"))


def run_checks(corpus: Corpus, limit: int | None = None) -> dict[str, Any]:
    from presswatch.translate.checks import Checker
    from presswatch.translate.glossary import Glossary

    glossary = Glossary.load()
    tally: dict[str, Counter[str]] = {}
    clean_fires: Counter[str] = Counter()
    clean_total = 0
    start = time.perf_counter()
    for source, target in PAIRS:
        checker = Checker(source, target, glossary)
        pairs = _sample(_pairs(corpus, source, target), limit)
        clean_total += len(pairs)
        for index, pair in enumerate(pairs):
            clean = checker.check_pair(index, pair.source_text, pair.target_text)
            clean_fires.update({f.kind for f in clean})
            _corrupt_one(checker, index, pair, {f.kind for f in clean}, tally)
        _term_corruptions(checker, glossary, pairs, tally)
    return {"corruptions": {name: _scores(counts) for name, counts in tally.items()},
            **_pooled(tally), "clean_paragraphs": clean_total, "sampled": limit is not None,
            "clean_fire_rate": {kind: n / clean_total for kind, n in clean_fires.items()},
            "seconds": time.perf_counter() - start}


def _sample(pairs: list[Pair], limit: int | None) -> list[Pair]:
    """``limit`` paragraphs spread evenly over the documents (the first ones are one story)."""
    if limit is None or limit >= len(pairs):
        return pairs
    step = len(pairs) / limit
    return [pairs[int(i * step)] for i in range(limit)]


def _pairs(corpus: Corpus, source: str, target: str) -> list[Pair]:
    return [Pair(tuple(corpus.lines[source][i] for i in group),
                 tuple(corpus.lines[target][i] for i in group), source, target)
            for group in corpus.groups("odd")]


def _corrupt_one(checker: Any, index: int, pair: Pair, clean_kinds: set[str],
                 tally: dict[str, Counter[str]]) -> None:
    for name, (expected, corrupt) in CORRUPTIONS.items():
        rng = random.Random(f"{name}:{pair.source}:{pair.target}:{index}")
        corrupted = corrupt(pair, rng)
        if corrupted is None or clean_has(expected, pair, clean_kinds):
            continue
        found = checker.check_pair(index, *corrupted)
        counts = tally.setdefault(name, Counter())
        counts["n"] += 1
        counts["hits"] += any(f.kind == expected for f in found)
        counts["false_alarms"] += bool(clean_kinds)


def _term_corruptions(checker: Any, glossary: Any, pairs: list[Pair],
                      tally: dict[str, Counter[str]]) -> None:
    """A sentence with a glossary term added to both sides; the target's in a wrong form."""
    sentences = term_sentences(glossary, checker.source, checker.target)
    if not sentences:
        return
    counts = tally.setdefault("term_wrong_form", Counter())
    for index, pair in enumerate(pairs):
        case = sentences[index % len(sentences)]
        source = f"{pair.source_text} {case.source}"
        clean = checker.check_pair(index, source, f"{pair.target_text} {case.right}")
        if any(f.kind == "term" for f in clean):
            continue
        found = checker.check_pair(index, source, f"{pair.target_text} {case.wrong}")
        counts["n"] += 1
        counts["hits"] += any(f.kind == "term" for f in found)
        counts["false_alarms"] += bool(clean)


def _scores(counts: Counter[str]) -> dict[str, Any]:
    n, hits, alarms = counts["n"], counts["hits"], counts["false_alarms"]
    return {"n": n, "hits": hits, "false_alarms": alarms,
            "recall": hits / n if n else 0.0,
            "precision": hits / (hits + alarms) if hits + alarms else 0.0}


def _pooled(tally: dict[str, Counter[str]]) -> dict[str, float]:
    total: Counter[str] = Counter()
    for counts in tally.values():
        total.update(counts)
    scores = _scores(total)
    return {"checks_recall": scores["recall"], "checks_precision": scores["precision"],
            "checks_min_recall": min((_scores(c)["recall"] for c in tally.values()),
                                     default=0.0)}
