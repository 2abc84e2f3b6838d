"""Builds the Huey instance and registers presswatch's tasks on it."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass

from huey import Huey, RedisHuey, SqliteHuey, crontab

from presswatch.errors import ConfigError
from presswatch.pipeline import Pipeline
from presswatch.settings import Settings
from presswatch.store.base import Database

log = logging.getLogger(__name__)


def make_huey(settings: Settings) -> Huey:
    if settings.queue_backend == "redis":
        try:
            return RedisHuey("presswatch", url=settings.redis_url, utc=True)
        except ImportError as err:
            raise ConfigError("queue_backend=redis needs the redis extra installed") from err
    settings.ensure_dirs()
    return SqliteHuey("presswatch", filename=str(settings.queue_path), utc=True)


@dataclass
class Tasks:
    """The task functions bound to one Huey instance and one lazily built Pipeline."""

    huey: Huey
    settings: Settings

    def __post_init__(self) -> None:
        self._local = threading.local()
        self._db: Database | None = None
        self._db_lock = threading.Lock()
        self.crawl_feed = self.huey.task(name="crawl_feed")(self._crawl_feed)
        self.process_article = self.huey.task(name="process_article")(self._process_article)
        self.translate_article = self.huey.task(name="translate_article")(self._translate_article)
        self.refetch_article = self.huey.task(name="refetch_article")(self._refetch_article)
        self.crawl_due = self.huey.periodic_task(crontab(minute="*/5"), name="crawl_due")(
            self._crawl_due
        )

    # One Pipeline per worker thread (its HTTP client is not shared between threads).
    @property
    def pipeline(self) -> Pipeline:
        pipeline = getattr(self._local, "pipeline", None)
        if pipeline is None:
            pipeline = self._local.pipeline = Pipeline(self.settings, self.database)
        return pipeline

    @property
    def database(self) -> Database:
        with self._db_lock:
            if self._db is None:
                self._db = Database(self.settings.db_url)
            return self._db

    def _crawl_feed(self, feed_id: int) -> int:
        new_ids, _error = self.pipeline.crawl_feed(feed_id)
        self.enqueue_articles([(article_id, "discovered") for article_id in new_ids])
        return len(new_ids)

    def _process_article(self, article_id: int) -> str | None:
        stage = self.pipeline.process_article(article_id)
        log.info("article %d: %s (process %d)", article_id, stage, os.getpid())
        if stage == "extracted":
            self.enqueue_articles([(article_id, stage)])
        return stage

    def _translate_article(self, article_id: int) -> str | None:
        return self.pipeline.translate_article(article_id)

    def reap_now(self) -> int:
        """Re-enqueue every open article nobody owns (killed worker, lost message)."""
        work = self.pipeline.orphaned_work()
        self.enqueue_articles(work)
        if work:
            log.info("re-enqueued %d articles", len(work))
        return len(work)

    def enqueue_articles(self, work: list[tuple[int, str]]) -> None:
        """Record that each article is queued, then enqueue the task for its stage."""
        self.pipeline.mark_queued([article_id for article_id, _ in work])
        for article_id, stage in work:
            if stage == "discovered":
                self.process_article(article_id)
            elif stage == "extracted":
                self.translate_article(article_id)

    def _refetch_article(self, article_id: int) -> str:
        """Re-fetch a young article to catch edits (a new revision when its text changed)."""
        return self.pipeline.refetch_article(article_id)

    def _crawl_due(self) -> int:
        """The scheduler's round: due feeds and pages, and young articles due a re-check."""
        feed_ids = self.pipeline.due_feeds()
        for feed_id in feed_ids:
            self.crawl_feed(feed_id)
        for article_id in self.pipeline.due_refetches():
            self.refetch_article(article_id)
        return len(feed_ids)

    def enqueue_crawl(self, feed_ids: list[int]) -> None:
        for feed_id in feed_ids:
            self.crawl_feed(feed_id)


def build_tasks(settings: Settings) -> Tasks:
    return Tasks(make_huey(settings), settings)
