"""B-cubed precision, recall and F1 of a clustering against a gold partition."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bcubed(predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> BCubed:
    """Per item: the share of its predicted cluster that is in its gold cluster (precision)
    and of its gold cluster that is in its predicted cluster (recall), averaged over items."""
    items = list(gold)
    if not items:
        return BCubed(0.0, 0.0)
    clusters: dict[Hashable, set] = defaultdict(set)
    classes: dict[Hashable, set] = defaultdict(set)
    for item in items:
        clusters[predicted[item]].add(item)
        classes[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        cluster, klass = clusters[predicted[item]], classes[gold[item]]
        shared = len(cluster & klass)
        precision += shared / len(cluster)
        recall += shared / len(klass)
    return BCubed(precision / len(items), recall / len(items))
