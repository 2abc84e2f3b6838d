"""Crawling now and following the work to its end (``crawl --once --process``, the demo)."""

from __future__ import annotations

import time
from collections.abc import Callable

from presswatch.errors import TransientError
from presswatch.pipeline import CrawlResult
from presswatch.store import articles as store_articles
from presswatch.tasks.queue import Tasks

Progress = Callable[[int, int, dict[str, int]], None]


def crawl_now(tasks: Tasks, feed_ids: list[int]) -> CrawlResult:
    """Crawl the feeds in this process and enqueue a task for every new article."""
    result = tasks.pipeline.crawl(feed_ids)
    tasks.enqueue_articles([(article_id, "discovered") for article_id in result.new_articles])
    return result


def wait_for(
    tasks: Tasks,
    article_ids: list[int],
    *,
    timeout: float,
    on_progress: Progress | None = None,
    poll: float = 0.2,
) -> dict[str, int]:
    """Block until every article reached a final stage; return the count per stage."""
    deadline = time.monotonic() + timeout
    total = len(article_ids)
    while True:
        with tasks.database.session() as s:
            counts = store_articles.stage_counts(s, article_ids)
        finished = sum(counts.get(stage, 0) for stage in store_articles.DONE_STAGES)
        if on_progress:
            on_progress(finished, total, counts)
        if finished >= total:
            return counts
        if time.monotonic() > deadline:
            raise TransientError(
                f"{total - finished} of {total} articles still open after {timeout:.0f} s: {counts}"
            )
        time.sleep(poll)
