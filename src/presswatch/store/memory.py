"""Translation memory units: one accepted translation per source text and language pair.

The caller hashes the normalized source text (``presswatch.translate.memory.segment_hash``);
this module only stores, finds and counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from presswatch.store.base import utcnow
from presswatch.store.tables import MemoryUnit

CANDIDATE_LIMIT = 2000


def find_exact(
    session: Session, source: str, target: str, hashes: Iterable[str]
) -> dict[str, MemoryUnit]:
    """The units of the pair whose source hash is one of ``hashes``, by hash."""
    wanted = sorted(set(hashes))
    if not wanted:
        return {}
    rows = session.scalars(
        select(MemoryUnit).where(
            MemoryUnit.source_language == source, MemoryUnit.target_language == target,
            MemoryUnit.source_hash.in_(wanted),
        )
    )
    return {row.source_hash: row for row in rows}


def candidates(
    session: Session, source: str, target: str, min_length: int, max_length: int,
    limit: int = CANDIDATE_LIMIT,
) -> list[tuple[int, str, str, str]]:
    """(id, source text, target text, origin) of the pair's units whose source length lies in
    the window, most recently updated first."""
    length = func.length(MemoryUnit.source_text)
    rows = session.execute(
        select(MemoryUnit.id, MemoryUnit.source_text, MemoryUnit.target_text, MemoryUnit.origin)
        .where(MemoryUnit.source_language == source, MemoryUnit.target_language == target)
        .where(length >= min_length, length <= max_length)
        .order_by(MemoryUnit.updated_at.desc(), MemoryUnit.id.desc())
        .limit(limit)
    )
    return [(r.id, r.source_text, r.target_text, r.origin) for r in rows]


def upsert_unit(
    session: Session, *, source: str, target: str, source_hash: str, source_text: str,
    target_text: str, origin: str, created_by: str | None = None,
    created_at: datetime | None = None, use_count: int = 0,
) -> tuple[MemoryUnit, bool]:
    """Insert the unit, or give the existing one of the same source its new translation;
    returns the unit and whether it is new."""
    unit = session.scalar(
        select(MemoryUnit).where(
            MemoryUnit.source_language == source, MemoryUnit.target_language == target,
            MemoryUnit.source_hash == source_hash,
        )
    )
    now = utcnow()
    created = unit is None
    if unit is None:
        unit = MemoryUnit(source_language=source, target_language=target,
                          source_hash=source_hash, created_at=created_at or now,
                          use_count=use_count, created_by=created_by)
        session.add(unit)
    unit.source_text = source_text
    unit.target_text = target_text
    unit.origin = origin
    unit.updated_at = now
    session.flush()
    return unit, created


def record_use(session: Session, unit_ids: Iterable[int]) -> None:
    ids = list(unit_ids)
    if ids:
        session.execute(update(MemoryUnit).where(MemoryUnit.id.in_(ids))
                        .values(use_count=MemoryUnit.use_count + 1))


def iter_units(
    session: Session, source: str | None = None, target: str | None = None
) -> Iterator[MemoryUnit]:
    """Every unit (of a pair, when given), oldest first."""
    query = select(MemoryUnit).order_by(MemoryUnit.id)
    if source:
        query = query.where(MemoryUnit.source_language == source)
    if target:
        query = query.where(MemoryUnit.target_language == target)
    yield from session.scalars(query)


def count_units(session: Session) -> dict[tuple[str, str], int]:
    rows = session.execute(
        select(MemoryUnit.source_language, MemoryUnit.target_language, func.count())
        .group_by(MemoryUnit.source_language, MemoryUnit.target_language)
    )
    return {(s, t): n for s, t, n in rows}
