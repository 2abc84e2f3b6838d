"""The entity base the pipeline analyses with: the packaged one plus the editors' work.

Editors add entities and names, merge and split entities in the desk (``store.entities``);
the next article a worker analyses must know what they did. ``LiveEntityBase.current()``
returns the packaged base (``enrich.entity_base.default_entity_base``) with the database's
edits applied (``entity_edits``/``edited_base``). It looks at ``entities_version`` at most
every ``CHECK_SECONDS``, reads the entities only when that changed, and builds a new base only
when the edits did (a row the pipeline creates for a packaged entity is no edit).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from presswatch.enrich.entity_base import (
    EntityBase,
    EntityEdits,
    EntityRecord,
    default_entity_base,
    edited_base,
    entity_edits,
)
from presswatch.store import entities as store_entities
from presswatch.store.base import Database

__all__ = ["CHECK_SECONDS", "LiveEntityBase"]

#: How stale the base may be: an editor's change reaches the analyzer within this many seconds.
CHECK_SECONDS = 10.0


class LiveEntityBase:
    """One per pipeline (per worker thread); ``current()`` before each analysis."""

    def __init__(self, db: Database, packaged: EntityBase | None = None, *,
                 check_seconds: float = CHECK_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.db = db
        self.check_seconds = check_seconds
        self._packaged = packaged
        self._clock = clock
        self._checked: float | None = None
        self._version: tuple[object, ...] | None = None
        self._edits = EntityEdits()
        self._base: EntityBase | None = None

    @property
    def packaged(self) -> EntityBase:
        if self._packaged is None:
            self._packaged = default_entity_base()
        return self._packaged

    def current(self) -> EntityBase:
        """The base with the editors' changes, at most ``check_seconds`` old."""
        now = self._clock()
        if self._base is not None and self._checked is not None and (
                now - self._checked < self.check_seconds):
            return self._base
        self._checked = now
        with self.db.session() as session:
            version = store_entities.entities_version(session)
            if self._base is not None and version == self._version:
                return self._base
            stored = store_entities.stored_entities(session)
        self._version = version
        edits = entity_edits(
            self.packaged,
            (EntityRecord(s.key, s.type, s.names, s.variants, s.description, s.source)
             for s in stored),
            (s.key for s in stored if s.merged_into),
        )
        if self._base is None or edits != self._edits:
            self._edits, self._base = edits, edited_base(self.packaged, edits)
        return self._base

    def describe(self, key: str) -> EntityRecord | None:
        """The record of ``key`` in the base last returned (for rows created on demand)."""
        return (self._base or self.packaged).get(key)
