"""The one place that chains the stages: feed → article URL → page → text → document → pages.

Every step is idempotent and claims its article through a lease on the ``articles`` row, so a
task that runs twice, or a worker killed mid-task, neither loses nor duplicates anything.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError

from presswatch.backfill import BackfillJob, Backfills, BackfillStep
from presswatch.enrich import duplicates, enrich_article
from presswatch.enrich.entities import TextAnalysis, analyze_text
from presswatch.errors import PresswatchError, SourceError, TransientError
from presswatch.extract.article import extract_article
from presswatch.fetch.client import Fetcher
from presswatch.fetch.warc import ArchivedResponse, FetchArchive
from presswatch.live_entities import LiveEntityBase
from presswatch.models import Article as ExtractedArticle
from presswatch.models import Rejected, Response
from presswatch.revisits import Revisits
from presswatch.settings import Settings
from presswatch.sources.feeds import parse_feed
from presswatch.sources.links import page_items
from presswatch.store import articles as store_articles
from presswatch.store import captures as store_captures
from presswatch.store import entities as store_entities
from presswatch.store import review as store_review
from presswatch.store import revisions as store_revisions
from presswatch.store import sources as store_sources
from presswatch.store.base import Database, utcnow
from presswatch.store.tables import Document
from presswatch.stories.assigner import place_document, retitle_story_of
from presswatch.translate.house_glossary import DatabaseTerms
from presswatch.translate.memory import DatabaseMemory
from presswatch.translate.service import Translator
from presswatch.urls import canonicalize_url

if TYPE_CHECKING:
    from datetime import date

log = logging.getLogger(__name__)

NEAR_DUPLICATE_WINDOW = timedelta(days=14)


@dataclass
class CrawlResult:
    feeds: int = 0
    new_articles: list[int] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)


class Pipeline:
    """The stages composed over one database; the task layer calls these methods."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        *,
        fetcher: Fetcher | None = None,
        translator: Translator | None = None,
    ) -> None:
        self.settings = settings
        self.db = db
        self.entity_base = LiveEntityBase(db)  # the packaged base + the editors' changes
        if fetcher is not None:
            self.fetcher = fetcher
        if translator is not None:
            self.translator = translator

    @cached_property
    def fetcher(self) -> Fetcher:
        return Fetcher(self.settings, transport=self.archive.transport())

    @cached_property
    def translator(self) -> Translator:
        """Engines behind the memory of editors' accepted segments and the desk's terms."""
        return Translator(
            self.settings,
            memory=DatabaseMemory.from_settings(self.db, self.settings),
            house_terms=DatabaseTerms(self.db),
        )

    def close(self) -> None:
        for name in ("fetcher", "archive", "translator"):
            if name in self.__dict__:
                self.__dict__[name].close()

    # -- feeds ---------------------------------------------------------------------------

    def due_feeds(self, *, all_feeds: bool = False) -> list[int]:
        with self.db.session() as s:
            if all_feeds:
                return [f.id for f in store_sources.list_feeds(s)]
            return [f.id for f in store_sources.due_feeds(s, utcnow())]

    def crawl(self, feed_ids: list[int]) -> CrawlResult:
        result = CrawlResult()
        for feed_id in feed_ids:
            result.feeds += 1
            new_ids, error = self.crawl_feed(feed_id)
            result.new_articles.extend(new_ids)
            if error:
                result.errors[feed_id] = error
        return result

    def crawl_feed(self, feed_id: int) -> tuple[list[int], str | None]:
        """Fetch one feed (conditionally), record its health, add the new article URLs."""
        interval = self.settings.feed_interval_minutes
        with self.db.session() as s:
            feed = store_sources.get_feed(s, feed_id)
            url, etag, modified, outlet_id = feed.url, feed.etag, feed.last_modified, feed.outlet_id
            kind = feed.kind
        if kind == "page":
            return self.crawl_page(feed_id)
        response = self._fetch_source(feed_id, url, etag, modified)
        if isinstance(response, str):
            return [], response
        if response.not_modified:
            with self.db.session() as s:
                store_sources.record_feed_fetch(
                    s, feed_id, status=304, etag=response.etag or etag,
                    last_modified=response.last_modified or modified, items_new=0,
                    now=utcnow(), interval_minutes=interval,
                )
            return [], None
        parsed = parse_feed(response.body, response.final_url)
        # A broken body's validators are not kept: the next check re-reads and re-judges it.
        keep = parsed.error is None
        with self.db.session() as s:
            new_ids = store_articles.add_discovered(
                s, parsed.items, outlet_id=outlet_id, feed_id=feed_id
            )
            store_sources.record_feed_fetch(
                s, feed_id, status=response.status, etag=response.etag if keep else None,
                last_modified=response.last_modified if keep else None, items_new=len(new_ids),
                now=utcnow(), interval_minutes=interval,
            )
            if parsed.error:
                store_sources.record_feed_error(
                    s, feed_id, parsed.error, now=utcnow(), interval_minutes=interval
                )
        return new_ids, parsed.error

    def _fetch_source(
        self, feed_id: int, url: str, etag: str | None, modified: str | None
    ) -> Response | str:
        """Fetch a feed or page conditionally; a failure is recorded on its row and returned."""
        try:
            with self.archive.labels(feed_id=feed_id):
                return self.fetcher.fetch(url, etag=etag, last_modified=modified)
        except PresswatchError as err:
            log.warning("source fetch failed",
                        extra={"feed": feed_id, "url": url, "stage": "fetch"})
            with self.db.session() as s:
                store_sources.record_feed_error(
                    s, feed_id, str(err), now=utcnow(),
                    interval_minutes=self.settings.feed_interval_minutes,
                )
            return str(err)

    # -- articles ------------------------------------------------------------------------

    def process_article(self, article_id: int) -> str | None:
        """discovered → extracted (or rejected/failed). None when another worker owns it."""
        with self.db.session() as s:
            row = store_articles.claim(
                s, article_id, "discovered", now=utcnow(), lease_seconds=self.settings.lease_seconds
            )
            if row is None:
                return None
            url, attempts = row.url, row.attempts
            outlet_language = row.outlet.language if row.outlet else ""
        try:
            with self.archive.labels(article_id=article_id):
                response = self.fetcher.fetch(url)
        except TransientError as err:
            return self._postpone(article_id, err, attempts)
        except SourceError as err:
            return self._advance(article_id, "failed", last_error=str(err))
        result = extract_article(
            response.body, response.final_url, self.settings, content_type=response.content_type
        )
        if isinstance(result, Rejected):
            return self._advance(
                article_id, "rejected", reject_reason=result.reason,
                last_error=result.detail or None,
            )
        doc_id = self._store_document(url, result, outlet_language, fetched_at=response.fetched_at)
        place_document(self.settings, self.db, doc_id)  # in its story within seconds
        return self._advance(article_id, "extracted", document_id=doc_id, fetched_at=utcnow())

    def _postpone(self, article_id: int, err: Exception, attempts: int) -> str:
        if attempts >= self.settings.fetch_retries + 2:
            return self._advance(article_id, "failed", last_error=f"gave up: {err}")
        delay = timedelta(seconds=self.settings.fetch_backoff * 60 * 2 ** min(attempts, 6))
        with self.db.session() as s:
            store_articles.postpone(s, article_id, str(err), until=utcnow() + delay)
        return "discovered"

    def _advance(self, article_id: int, stage: str, **fields: object) -> str:
        with self.db.session() as s:
            store_articles.advance(s, article_id, stage, **fields)
        return stage

    def _store_document(self, url: str, article: ExtractedArticle, outlet_language: str, *,
                        fetched_at: datetime | None = None) -> int:
        """The document for this text: the one already stored (URL, hash, MinHash) or a new one."""
        if not article.language and outlet_language:
            article = replace(article, language=outlet_language)
        if not article.canonical_url:
            article = replace(article, canonical_url=canonicalize_url(url))
        text = article.text
        digest = duplicates.content_hash(text)
        signature = duplicates.minhash_signature(text)
        for _ in range(3):
            with self.db.session() as s:
                doc = self._find_copy(s, url, article, digest, signature)
                if doc is not None:
                    return doc.id
            enrichment = enrich_article(article, self.settings)
            analysis = self._analyze(article)
            try:
                with self.db.session() as s:
                    doc = store_articles.create_document(
                        s, article, enrichment, content_hash=digest, minhash=signature
                    )
                    store_revisions.add_first(s, doc, url=url, fetched_at=fetched_at)
                    self._store_analysis(s, doc.id, analysis)
                    return doc.id
            except IntegrityError:
                continue  # another worker stored the same text a moment ago: link to it
        raise TransientError(f"could not store the document for {url}")

    # -- entities, figures, quotes --------------------------------------------------------

    def _analyze(self, article: ExtractedArticle) -> TextAnalysis | None:
        """Mentions, figures and quotes of the document's text (None when switched off)."""
        if not self.settings.extract_entities or not article.text:
            return None
        return analyze_text(article.text, article.language or "en", self.entity_base.current())

    def _store_analysis(self, s: object, doc_id: int, analysis: TextAnalysis | None) -> None:
        if analysis is not None:
            store_entities.store_analysis(s, doc_id, analysis, self.entity_base.describe)

    def _find_copy(
        self, s: object, url: str, article: ExtractedArticle, digest: str, signature: bytes
    ) -> Document | None:
        canonical = article.canonical_url
        doc = None
        if canonical and canonical != url:
            doc = store_articles.document_for_url(s, canonical)
        doc = doc or store_articles.document_by_hash(s, digest)
        return doc or store_articles.near_duplicate(
            s, signature, duplicates.similarity,
            threshold=self.settings.duplicate_threshold,
            since=utcnow() - NEAR_DUPLICATE_WINDOW,
        )

    def translate_article(self, article_id: int) -> str | None:
        """extracted → done: the document in every site language, then proposed or published."""
        with self.db.session() as s:
            row = store_articles.claim(
                s, article_id, "extracted", now=utcnow(), lease_seconds=self.settings.lease_seconds
            )
            if row is None:
                return None
            doc = row.document
            languages = store_articles.missing_languages(s, doc.id, self.settings.site_languages)
            title, blocks = doc.title, store_articles.blocks_from_json(doc.blocks)
            source = doc.language or ""
            doc_id = doc.id
        for language in languages:
            translation = self.translator.translate_article(title, blocks, source, language)
            with self.db.session() as s:
                store_articles.save_translation(s, doc_id, translation)
        retitle_story_of(self.settings, self.db, doc_id)  # titles follow the translations
        with self.db.session() as s:
            self._propose(s, doc_id)
            store_articles.advance(s, article_id, "done")
        return "done"

    def _propose(self, s: object, doc_id: int) -> None:
        """A relevant new document becomes a candidate, or is published when auto-publish is on."""
        doc = s.get(Document, doc_id)
        if doc.status != "new" or not doc.relevant:
            return
        store_review.set_status(s, doc_id, "candidate", by="pipeline")
        if self.settings.auto_publish:
            store_review.set_status(s, doc_id, "published", by="auto-publish")

    # -- recovery ------------------------------------------------------------------------

    def orphaned_work(self) -> list[tuple[int, str]]:
        """Open articles whose lease expired, or queued long ago and never claimed."""
        with self.db.session() as s:
            return store_articles.orphaned(
                s, now=utcnow(), grace_seconds=self.settings.lease_seconds
            )

    def mark_queued(self, article_ids: list[int]) -> None:
        with self.db.session() as s:
            store_articles.mark_queued(s, article_ids, now=utcnow())

    # -- raw pages and revisions -----------------------------------------------------------
    # Every response crosses ``archive``'s transport (WARC files, a ``captures`` row each);
    # reprocessing and re-fetching for edits live in ``presswatch.revisits``.

    @cached_property
    def archive(self) -> FetchArchive:
        return FetchArchive(
            self.settings.data_dir / "warc", on_capture=self._record_capture,
            max_bytes=self.settings.warc_max_bytes,
        )

    def _record_capture(self, captured: ArchivedResponse) -> None:
        with self.db.session() as s:
            store_captures.add_capture(
                s, url=captured.url, status=captured.status, content_type=captured.content_type,
                warc_file=captured.warc_file, offset=captured.offset, length=captured.length,
                fetched_at=captured.fetched_at, **captured.labels,
            )

    @cached_property
    def revisits(self) -> Revisits:
        return Revisits(self)

    def reprocess_article(self, article_id: int) -> str:
        """Extract an article again from its stored pages, without network access."""
        return self.revisits.reprocess_article(article_id)

    def refetch_article(self, article_id: int) -> str:
        """Fetch a finished article again; a changed text becomes a new revision."""
        return self.revisits.refetch_article(article_id)

    def due_refetches(self, limit: int = 200) -> list[int]:
        """Articles young enough to be re-checked for edits and not checked lately."""
        return self.revisits.due_refetches(limit)

    # -- pages without feeds, and archives ----------------------------------------------------
    # A ``page`` source's article links are crawled like a feed's items (``crawl_feed`` hands
    # it here); backfills over a date range live in ``presswatch.backfill``.

    def crawl_page(self, feed_id: int) -> tuple[list[int], str | None]:
        """Fetch a front or section page (conditionally), add its new article links and record
        the page's health as a feed's: a page that links no article counts as an error."""
        interval = self.settings.feed_interval_minutes
        with self.db.session() as s:
            feed = store_sources.get_feed(s, feed_id)
            url, etag, modified, outlet_id = feed.url, feed.etag, feed.last_modified, feed.outlet_id
            known = {f.url for f in feed.outlet.feeds} | {feed.outlet.homepage}
        response = self._fetch_source(feed_id, url, etag, modified)
        if isinstance(response, str):
            return [], response
        items = () if response.not_modified else page_items(
            response.body, response.final_url, known=known)
        error = None if items or response.not_modified else "the page links no article"
        with self.db.session() as s:
            new_ids = store_articles.add_discovered(s, items, outlet_id=outlet_id, feed_id=feed_id)
            store_sources.record_feed_fetch(
                s, feed_id, status=response.status, etag=None if error else response.etag or etag,
                last_modified=None if error else response.last_modified or modified,
                items_new=len(new_ids), now=utcnow(), interval_minutes=interval,
            )
            if error:
                store_sources.record_feed_error(
                    s, feed_id, error, now=utcnow(), interval_minutes=interval
                )
        return new_ids, error

    @cached_property
    def backfills(self) -> Backfills:
        return Backfills(self)

    def open_backfill(self, outlet: str, start: date, end: date, *, archive_url: str = "",
                      sitemaps: tuple[str, ...] = (), restart: bool = False) -> BackfillJob:
        """The outlet's unfinished backfill over this range, or a new one (see ``backfill``)."""
        return self.backfills.open(outlet, start, end, archive_url=archive_url,
                                   sitemaps=sitemaps, restart=restart)

    def resume_backfill(self, outlet: str) -> BackfillJob:
        return self.backfills.resume(outlet)

    def backfill_step(self, backfill_id: int) -> BackfillStep | None:
        """One sitemap or one day of a backfill; None when it is done."""
        return self.backfills.step(backfill_id)

    def pause_backfill(self, backfill_id: int, reason: str) -> None:
        self.backfills.pause(backfill_id, reason)
