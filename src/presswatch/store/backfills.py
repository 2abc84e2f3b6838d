"""Backfills: an outlet's archive walked over a date range, with the cursor to resume it.

A job is ``running`` while a process walks it (or was killed while walking it), ``paused``
when it was interrupted on purpose, ``failed`` when a step raised, ``done`` at the end. Every
state but ``done`` resumes from ``cursor``; ``record_step`` writes the cursor in the same
transaction as the articles the step found, so a step is either wholly done or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from presswatch.errors import InputError
from presswatch.store.tables import Backfill, Outlet

__all__ = [
    "BackfillRow",
    "OPEN_STATES",
    "create_backfill",
    "find_open",
    "get_backfill",
    "latest_open",
    "list_backfills",
    "record_step",
    "set_status",
]

OPEN_STATES = ("running", "paused", "failed")
MAX_ERROR_CHARS = 2000


@dataclass(frozen=True, slots=True)
class BackfillRow:
    """A job as ``backfill --list`` shows it."""

    id: int
    outlet: str
    start: date
    end: date
    status: str
    pages_done: int
    articles_found: int
    last_error: str | None
    updated_at: datetime


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def create_backfill(session: Session, outlet_id: int, start: date, end: date, cursor: dict, *,
                    now: datetime) -> Backfill:
    """A new ``running`` job for ``outlet_id`` from ``start`` to ``end`` (days, inclusive)."""
    job = Backfill(outlet_id=outlet_id, start_date=_midnight(start), end_date=_midnight(end),
                   status="running", cursor=cursor, created_at=now, updated_at=now)
    session.add(job)
    session.flush()
    return job


def get_backfill(session: Session, backfill_id: int) -> Backfill:
    job = session.get(Backfill, backfill_id)
    if job is None:
        raise InputError(f"no backfill with id {backfill_id}")
    return job


def find_open(session: Session, outlet_id: int, start: date, end: date) -> Backfill | None:
    """The latest unfinished job of the outlet over exactly this range."""
    query = (
        select(Backfill)
        .where(Backfill.outlet_id == outlet_id, Backfill.status.in_(OPEN_STATES))
        .where(Backfill.start_date == _midnight(start), Backfill.end_date == _midnight(end))
        .order_by(Backfill.id.desc())
    )
    return session.scalars(query).first()


def latest_open(session: Session, outlet_id: int) -> Backfill | None:
    """The latest unfinished job of the outlet, whatever its range."""
    query = (
        select(Backfill)
        .where(Backfill.outlet_id == outlet_id, Backfill.status.in_(OPEN_STATES))
        .order_by(Backfill.id.desc())
    )
    return session.scalars(query).first()


def record_step(session: Session, backfill_id: int, *, cursor: dict, articles: int,
                note: str | None, now: datetime) -> Backfill:
    """One finished step: the new cursor, one more page, the articles it found, its note."""
    job = get_backfill(session, backfill_id)
    job.cursor = cursor
    job.pages_done += 1
    job.articles_found += max(0, articles)
    if note:
        job.last_error = note[:MAX_ERROR_CHARS]
    job.updated_at = now
    session.flush()
    return job


def set_status(session: Session, backfill_id: int, status: str, *, now: datetime,
               error: str | None = None) -> Backfill:
    """Move a job to ``status`` (running, paused, failed, done), keeping ``error`` if given;
    a job running again starts with no error."""
    job = get_backfill(session, backfill_id)
    job.status = status
    if error:
        job.last_error = error[:MAX_ERROR_CHARS]
    elif status == "running":
        job.last_error = None
    job.updated_at = now
    session.flush()
    return job


def list_backfills(session: Session, limit: int = 200) -> list[BackfillRow]:
    """The latest jobs first, with their outlet's name."""
    query = (
        select(Backfill, Outlet.name)
        .join(Outlet, Outlet.id == Backfill.outlet_id)
        .order_by(Backfill.id.desc())
        .limit(limit)
    )
    return [
        BackfillRow(job.id, name, job.start_date.date(), job.end_date.date(), job.status,
                    job.pages_done, job.articles_found, job.last_error, job.updated_at)
        for job, name in session.execute(query)
    ]
