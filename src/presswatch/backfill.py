"""Backfills: an outlet's archive over a date range, one step at a time, resumable.

Part of the pipeline (it composes the sources stage, the fetcher and the store over the
pipeline's database); ``Pipeline`` exposes it as ``open_backfill``, ``resume_backfill``,
``backfill_step`` and ``pause_backfill``.

A job walks the outlet's sitemaps (from ``--sitemap``, else the outlet's sitemap sources and
the ``Sitemap:`` lines of its robots.txt, else ``/sitemap.xml``) and its day pages (from an
archive URL template). Each step fetches one sitemap or one day through the pipeline's polite
``Fetcher``, adds the article URLs it finds, and saves the cursor in the same transaction: a
job killed at any moment resumes after its last finished step and finds the same articles.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from presswatch.errors import InputError, PresswatchError, SourceError
from presswatch.sources.archive import (
    ArchiveCursor,
    ArchiveWalk,
    check_archive_template,
    robots_sitemaps,
)
from presswatch.store import articles as store_articles
from presswatch.store import backfills as store_backfills
from presswatch.store import sources as store_sources
from presswatch.store.base import utcnow
from presswatch.store.tables import Backfill, Outlet

if TYPE_CHECKING:
    from presswatch.pipeline import Pipeline

log = logging.getLogger(__name__)

__all__ = ["BackfillJob", "BackfillStep", "Backfills"]


@dataclass(frozen=True, slots=True)
class BackfillJob:
    """A job as the CLI shows it before it walks: which outlet, which days, how far."""

    id: int
    outlet_id: int
    outlet: str
    start: date
    end: date
    resumed: bool
    done: int
    total: int
    articles_found: int


@dataclass(frozen=True, slots=True)
class BackfillStep:
    """One finished step: what it was, how far the job is, the new article ids."""

    label: str
    done: int
    total: int
    new_ids: list[int] = field(default_factory=list)
    note: str | None = None


def _site_root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


class Backfills:
    """Backfill jobs over one ``Pipeline`` (its database and fetcher)."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.db = pipeline.db

    # -- jobs -----------------------------------------------------------------------------

    def open(self, outlet_ref: str, start: date, end: date, *, archive_url: str = "",
             sitemaps: tuple[str, ...] = (), restart: bool = False) -> BackfillJob:
        """The unfinished job of the outlet over this range (resumed), or a new one."""
        if end < start:
            raise InputError(f"--to {end} is before --from {start}")
        with self.db.session() as s:
            outlet = store_sources.resolve_outlet(s, outlet_ref)
            existing = None if restart else store_backfills.find_open(s, outlet.id, start, end)
            if existing is not None:
                store_backfills.set_status(s, existing.id, "running", now=utcnow())
                return self._job(existing, outlet, resumed=True)
            homepage = outlet.homepage
            template = archive_url or outlet.archive_url or ""
            known_sitemaps = [f.url for f in outlet.feeds if f.kind == "sitemap"]
            outlet_id = outlet.id
        if template:
            template = check_archive_template(template)
        seeds = list(sitemaps) or known_sitemaps + self._robots_sitemaps(homepage)
        if not seeds and not template:
            seeds = [_site_root(homepage) + "sitemap.xml"]
        cursor = ArchiveCursor(archive_url=template, sitemaps_todo=list(dict.fromkeys(seeds)))
        ArchiveWalk(homepage, start, end, cursor, self.pipeline.fetcher.fetch)  # checks range
        with self.db.session() as s:
            job = store_backfills.create_backfill(s, outlet_id, start, end, cursor.to_json(),
                                                  now=utcnow())
            return self._job(job, s.get(Outlet, outlet_id), resumed=False)

    def resume(self, outlet_ref: str) -> BackfillJob:
        """The outlet's latest unfinished job, whatever its range."""
        with self.db.session() as s:
            outlet = store_sources.resolve_outlet(s, outlet_ref)
            job = store_backfills.latest_open(s, outlet.id)
            if job is None:
                raise InputError(f"{outlet.name} has no unfinished backfill: start one with "
                                 "--from and --to")
            store_backfills.set_status(s, job.id, "running", now=utcnow())
            return self._job(job, outlet, resumed=True)

    def pause(self, backfill_id: int, reason: str) -> None:
        with self.db.session() as s:
            store_backfills.set_status(s, backfill_id, "paused", now=utcnow(), error=reason)

    def _job(self, job: Backfill, outlet: Outlet, *, resumed: bool) -> BackfillJob:
        walk = self._walk(job, outlet.homepage)
        return BackfillJob(job.id, outlet.id, outlet.name, walk.start, walk.end, resumed,
                           walk.done, walk.total, job.articles_found)

    def _walk(self, job: Backfill, homepage: str) -> ArchiveWalk:
        return ArchiveWalk(homepage, job.start_date.date(), job.end_date.date(),
                           ArchiveCursor.from_json(job.cursor), self.pipeline.fetcher.fetch)

    def _robots_sitemaps(self, homepage: str) -> list[str]:
        """The ``Sitemap:`` lines of the site's robots.txt; none when it cannot be read."""
        url = _site_root(homepage) + "robots.txt"
        try:
            response = self.pipeline.fetcher.fetch(url)
        except SourceError as err:
            log.info("no robots.txt sitemaps: %s", err, extra={"url": url, "stage": "backfill"})
            return []
        return robots_sitemaps(response.body, response.final_url)

    # -- steps ----------------------------------------------------------------------------

    def step(self, backfill_id: int) -> BackfillStep | None:
        """Walk one sitemap or one day; None when the job is done (and marked so).

        A step that fails marks the job ``failed`` with the reason and raises: the cursor
        still points at the step, so running the job again retries it.
        """
        with self.db.session() as s:
            job = store_backfills.get_backfill(s, backfill_id)
            outlet = s.get(Outlet, job.outlet_id)
            walk, outlet_id = self._walk(job, outlet.homepage), outlet.id
        step = walk.next_step()
        if step is None:
            with self.db.session() as s:
                store_backfills.set_status(s, backfill_id, "done", now=utcnow())
            return None
        try:
            result = walk.run(step)
        except PresswatchError as err:
            with self.db.session() as s:
                store_backfills.set_status(s, backfill_id, "failed", now=utcnow(),
                                           error=f"{step.label}: {err}")
            raise
        walk.finish(step, result)
        with self.db.session() as s:
            new_ids = store_articles.add_discovered(s, result.items, outlet_id=outlet_id,
                                                    feed_id=None)
            store_backfills.record_step(s, backfill_id, cursor=walk.cursor.to_json(),
                                        articles=len(new_ids), note=result.note, now=utcnow())
        return BackfillStep(step.label, walk.done, walk.total, new_ids, result.note)
