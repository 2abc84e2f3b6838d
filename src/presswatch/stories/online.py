"""Online story assignment: each arriving document joins the best story or starts one.

A document's score against a story is the cosine between its centred vector and the
story's centroid (the normalised sum of its members' centred vectors), plus
``entity_weight`` times the overlap of their entities, weighted by rarity (an entity named
in every document, such as Ukraine in this coverage, counts for nothing). Only stories seen
within ``window`` of the document's publication time are candidates. The document joins
the best candidate when the score reaches ``threshold``; otherwise it starts a story.

The same rules run over the database (``assigner``) and in memory (``OnlineStories``, for
``presswatch stories assign --input`` and the benchmark).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from presswatch.settings import Settings
from presswatch.stories.encoder import Encoder
from presswatch.stories.space import LanguageMeans, unit

#: Calibrated on the ntrex-128 dev split (benchmarks/stories/calibrate.py): the threshold
#: with the best B-cubed F1 there, rounded to the grid step.
THRESHOLD = 0.425
WINDOW = timedelta(hours=72)
ENTITY_WEIGHT = 0.1


@dataclass(frozen=True, slots=True)
class StoryRules:
    threshold: float = THRESHOLD
    window: timedelta = WINDOW
    entity_weight: float = ENTITY_WEIGHT

    @classmethod
    def from_settings(cls, settings: Settings) -> StoryRules:
        """The rules from settings ``story_threshold``, ``story_window_hours`` and
        ``story_entity_weight`` (their defaults are the calibrated values)."""
        return cls(
            threshold=settings.story_threshold,
            window=timedelta(hours=settings.story_window_hours),
            entity_weight=settings.story_entity_weight,
        )


@dataclass(slots=True)
class StoryState:
    """What assignment needs of a story: centroid sum, time span, size, entities."""

    id: int
    vector_sum: np.ndarray
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    size: int = 0
    entities: Counter = field(default_factory=Counter)

    def in_window(self, when: datetime | None, window: timedelta) -> bool:
        if when is None or self.first_seen is None or self.last_seen is None:
            return True
        return self.first_seen - window <= when <= self.last_seen + window

    def add(self, vector: np.ndarray, when: datetime | None,
            entities: Iterable[Hashable] = ()) -> None:
        self.vector_sum = self.vector_sum + vector
        self.size += 1
        self.entities.update(set(entities))
        if when is not None:
            self.first_seen = when if self.first_seen is None else min(self.first_seen, when)
            self.last_seen = when if self.last_seen is None else max(self.last_seen, when)


@dataclass(frozen=True, slots=True)
class Match:
    """The best story for a document (None: start a new one) and how it scored."""

    story_id: int | None
    score: float
    similarity: float
    entity_overlap: float


class EntityRarity:
    """Document frequencies of entities, for inverse-frequency weights."""

    def __init__(self, documents: int = 0, frequencies: Counter | None = None) -> None:
        self.documents = documents
        self.frequencies = frequencies or Counter()

    def observe(self, entities: Iterable[Hashable]) -> None:
        self.documents += 1
        self.frequencies.update(set(entities))

    def weight(self, entity: Hashable) -> float:
        return math.log((self.documents + 1) / (self.frequencies[entity] + 1))

    def overlap(self, ours: frozenset, theirs: Counter) -> float:
        """Weighted cosine of two entity sets (0 when either is empty or common)."""
        if not ours or not theirs:
            return 0.0
        shared = sum(self.weight(e) ** 2 for e in ours if e in theirs)
        if shared == 0:
            return 0.0
        mine = sum(self.weight(e) ** 2 for e in ours)
        other = sum(self.weight(e) ** 2 for e in theirs)
        return shared / math.sqrt(mine * other)


def best_match(vector: np.ndarray, when: datetime | None, entities: frozenset,
               stories: Sequence[StoryState], rules: StoryRules,
               rarity: EntityRarity | None = None) -> Match:
    """The story this document joins, or ``Match(None, ...)`` when none scores enough."""
    candidates = [s for s in stories if s.size and s.in_window(when, rules.window)]
    if not candidates:
        return Match(None, 0.0, 0.0, 0.0)
    centroids = np.stack([unit(s.vector_sum) for s in candidates])
    similarities = centroids @ vector
    scores = similarities.astype(np.float64)
    overlaps = np.zeros(len(candidates))
    if entities and rules.entity_weight and rarity is not None:
        overlaps = np.array([rarity.overlap(entities, s.entities) for s in candidates])
        scores = scores + rules.entity_weight * overlaps
    best = int(np.argmax(scores))
    if scores[best] < rules.threshold:
        return Match(None, float(scores[best]), float(similarities[best]), float(overlaps[best]))
    return Match(candidates[best].id, float(scores[best]), float(similarities[best]),
                 float(overlaps[best]))


@dataclass(frozen=True, slots=True)
class StoryDoc:
    """A document to assign: its id as given, its story text, language, time, entities."""

    key: Hashable
    text: str
    language: str
    published: datetime | None = None
    entities: frozenset = frozenset()


class OnlineStories:
    """Stories kept in memory, numbered 1, 2, ... in order of creation."""

    def __init__(self, rules: StoryRules | None = None, means: LanguageMeans | None = None
                 ) -> None:
        self.rules = rules or StoryRules()
        self.means = means or LanguageMeans()
        self.rarity = EntityRarity()
        self.stories: list[StoryState] = []

    def assign(self, doc: StoryDoc, raw: np.ndarray) -> Match:
        """Place one document, given its raw e5 vector; returns the story it is now in."""
        self.means.observe(doc.language, raw)
        vector = self.means.center(doc.language, raw)
        self.rarity.observe(doc.entities)
        match = best_match(vector, doc.published, doc.entities, self.stories, self.rules,
                           self.rarity)
        if match.story_id is None:
            story = StoryState(id=len(self.stories) + 1, vector_sum=np.zeros_like(vector))
            self.stories.append(story)
            match = Match(story.id, 1.0, 1.0, 0.0)
        self.stories[match.story_id - 1].add(vector, doc.published, doc.entities)
        return match


def assign_stream(docs: Iterable[StoryDoc], encoder: Encoder, stories: OnlineStories,
                  batch: int = 64) -> Iterator[tuple[Hashable, Match]]:
    """(key, match) per document in arrival order, embedding ``batch`` documents at a time."""
    chunk: list[StoryDoc] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= batch:
            yield from _assign_chunk(chunk, encoder, stories)
            chunk = []
    if chunk:
        yield from _assign_chunk(chunk, encoder, stories)


def _assign_chunk(chunk: list[StoryDoc], encoder: Encoder, stories: OnlineStories
                  ) -> Iterator[tuple[Hashable, Match]]:
    raws = encoder.encode([doc.text for doc in chunk])
    for doc, raw in zip(chunk, raws, strict=True):
        yield doc.key, stories.assign(doc, raw)
