"""Revisiting articles: reading a stored page again, and fetching a page again for edits.

Part of the pipeline (it composes the same stages over the same database); ``Pipeline``
exposes it as ``reprocess_article``, ``refetch_article`` and ``due_refetches``, and as
``Pipeline.revisits`` (``reanalyze_document``).

* **Reprocess** reads each revision's stored page from the WARC files and extracts it again
  (after an extractor change), with no network access. It is the same page, so a changed
  text corrects that revision in place rather than adding one; the translations, and the
  mentions, figures and quotes, are redone only where the current text changed.
* **Refetch** fetches a finished article again, conditionally (the validators of its stored
  page); a changed text or headline becomes the document's next revision and is translated
  and analysed again, and a headline changed after publication marks the document a stealth
  edit.
* **Re-analyse** (``reanalyze_document``) finds a document's mentions, figures and quotes in
  its current text again (after a recognizer improved), replacing the old ones; nothing is
  read or fetched. Entity keys resolve to the entities editors merged them into.

A document whose text changed keeps its story: editors may have merged or split stories by
hand, and a corrected extraction or recognizer rarely moves an article to another event
(``presswatch stories split`` moves one by hand when it does).

Only the article a document's text came from (its latest revision's URL) revises it: a
republished copy on another outlet is the same story, not the document's source.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from presswatch.enrich import duplicates
from presswatch.errors import SourceError, TransientError
from presswatch.extract.article import extract_article
from presswatch.fetch.warc import ArchiveError, read_capture
from presswatch.models import Article as ExtractedArticle
from presswatch.models import Rejected
from presswatch.store import articles as store_articles
from presswatch.store import captures as store_captures
from presswatch.store import reanalysis as store_reanalysis
from presswatch.store import revisions as store_revisions
from presswatch.store.base import utcnow
from presswatch.store.captures import CaptureRef
from presswatch.store.reanalysis import AnalysisCounts
from presswatch.store.tables import Article, Document

if TYPE_CHECKING:
    from presswatch.pipeline import Pipeline

log = logging.getLogger(__name__)

#: What ``reprocess_article`` may answer, in the order the CLI reports them.
REPROCESS_OUTCOMES = ("updated", "new", "unchanged", "rejected", "copy", "busy", "no_capture",
                      "unreadable")
#: What ``refetch_article`` may answer.
REFETCH_OUTCOMES = ("revised", "unchanged", "rejected", "error", "copy", "skipped")


class Revisits:
    """Re-reading and re-fetching over one ``Pipeline`` (its database, fetcher, archive)."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.db = pipeline.db
        self.settings = pipeline.settings

    # -- stored pages ---------------------------------------------------------------------

    def _read_stored(self, ref: CaptureRef) -> ExtractedArticle | Rejected | None:
        """A stored page extracted again; None when its WARC record cannot be read."""
        try:
            page = read_capture(self.pipeline.archive.directory, ref.warc_file, ref.offset,
                                fetched_at=ref.fetched_at)
        except ArchiveError as err:
            log.warning("stored page unreadable: %s", err, extra={"url": ref.url})
            return None
        return extract_article(page.body, page.final_url, self.settings,
                               content_type=page.content_type)

    def _validators(self, ref: CaptureRef | None) -> tuple[str | None, str | None]:
        if ref is None:
            return None, None
        try:
            page = read_capture(self.pipeline.archive.directory, ref.warc_file, ref.offset)
        except ArchiveError:
            return None, None
        return page.etag, page.last_modified

    @staticmethod
    def _text_update(article: ExtractedArticle, url: str,
                     fetched_at: datetime) -> store_revisions.TextUpdate:
        return store_revisions.TextUpdate(
            article, duplicates.content_hash(article.text),
            duplicates.minhash_signature(article.text), url, fetched_at,
        )

    # -- reprocess ------------------------------------------------------------------------

    def reprocess_article(self, article_id: int) -> str:
        """Extract an article again from its stored pages, without any network access.

        ``updated`` (the current text changed; translations redone), ``unchanged``, ``new`` (a
        page rejected before is now a document), ``rejected`` (the extractor rejects it now;
        a stored document is kept), ``copy`` (another article is the document's source),
        ``busy`` (in the pipeline now), ``no_capture`` or ``unreadable``.
        """
        with self.db.session() as s:
            row = s.get(Article, article_id)
            if row is None or row.stage in store_articles.OPEN_STAGES:
                return "busy"
            url, doc_id, stage = row.url, row.document_id, row.stage
            language = row.outlet.language if row.outlet else ""
            latest = store_captures.latest_capture(s, article_id)
            pages: list[tuple[int, CaptureRef | None]] = []
            if doc_id is not None:
                store_revisions.ensure_first(s, s.get(Document, doc_id))
                if store_revisions.source_url(s, doc_id) != url:
                    return "copy"
                pages = store_revisions.revision_captures(s, article_id, doc_id)
        if latest is None:
            return "no_capture"
        if doc_id is None:
            return self._reprocess_rejected(article_id, url, latest, language, stage)
        outcome = self._reread_revisions(doc_id, url, pages)
        if outcome == "updated":
            self.reanalyze_document(doc_id)
            self._retranslate(doc_id)
        return outcome

    def _reread_revisions(self, doc_id: int, url: str,
                          pages: list[tuple[int, CaptureRef | None]]) -> str:
        """Each revision corrected from its own stored page; the outcome for the current one."""
        outcome = "unchanged"
        current = pages[-1][0] if pages else 0
        for number, ref in pages:
            result = self._read_stored(ref) if ref is not None else None
            if not isinstance(result, ExtractedArticle):
                if number == current:
                    outcome = "unreadable" if result is None else "rejected"
                continue
            update = self._text_update(result, url, ref.fetched_at)
            with self.db.session() as s:
                if store_revisions.reread(s, doc_id, number, update):
                    outcome = "updated"
        with self.db.session() as s:
            store_revisions.refresh_flags(s, doc_id)
        return outcome

    def _reprocess_rejected(self, article_id: int, url: str, ref: CaptureRef, language: str,
                            stage: str) -> str:
        """An article without a document: rejected again (its reason refreshed) or new."""
        result = self._read_stored(ref)
        if result is None:
            return "unreadable"
        if isinstance(result, Rejected):
            if stage == "rejected":
                self.pipeline._advance(article_id, "rejected", reject_reason=result.reason,
                                       last_error=result.detail or None)
            return "rejected"
        doc_id = self.pipeline._store_document(url, result, language, fetched_at=ref.fetched_at)
        self.pipeline._advance(article_id, "extracted", document_id=doc_id, reject_reason=None,
                               last_error=None)
        self.pipeline.translate_article(article_id)
        return "new"

    # -- refetch --------------------------------------------------------------------------

    def refetch_article(self, article_id: int) -> str:
        """Fetch a finished article again; ``revised``, ``unchanged`` (304 or the same text
        and headline), ``rejected`` (no longer extracts; the document is kept), ``error``,
        ``copy`` or ``skipped`` (not finished, or no document)."""
        with self.db.session() as s:
            row = s.get(Article, article_id)
            if row is None or row.stage != "done" or row.document_id is None:
                return "skipped"
            url, doc_id = row.url, row.document_id
            if store_revisions.source_url(s, doc_id) != url:
                return "copy"
            etag, modified = self._validators(store_captures.latest_capture(s, article_id))
        try:
            with self.pipeline.archive.labels(article_id=article_id):
                response = self.pipeline.fetcher.fetch(url, etag=etag, last_modified=modified)
        except (TransientError, SourceError) as err:
            with self.db.session() as s:
                store_revisions.record_check(s, article_id, utcnow(), error=str(err))
            return "error"
        with self.db.session() as s:
            store_revisions.record_check(s, article_id, utcnow())
        if response.not_modified:
            return "unchanged"
        result = extract_article(response.body, response.final_url, self.settings,
                                 content_type=response.content_type)
        if isinstance(result, Rejected):
            return "rejected"
        with self.db.session() as s:
            revision = store_revisions.revise(
                s, doc_id, self._text_update(result, url, response.fetched_at))
        if revision is None:
            return "unchanged"
        log.info("document %d: revision %d", doc_id, revision.number, extra={"url": url})
        self.reanalyze_document(doc_id)
        self._retranslate(doc_id)
        return "revised"

    def due_refetches(self, limit: int = 200) -> list[int]:
        """Articles first seen within ``recheck_window_hours`` and not fetched for
        ``recheck_interval_hours``; none when the window is 0."""
        window = self.settings.recheck_window_hours
        interval = self.settings.recheck_interval_hours
        if window <= 0:
            return []
        now = utcnow()
        with self.db.session() as s:
            return store_revisions.due_rechecks(
                s, seen_after=now - timedelta(hours=window),
                checked_before=now - timedelta(hours=interval), limit=limit,
            )

    # -- mentions, figures, quotes --------------------------------------------------------

    def reanalyze_document(self, doc_id: int) -> tuple[AnalysisCounts, AnalysisCounts] | None:
        """Find the document's mentions, figures and quotes in its current text again; the
        old ones are replaced (a second run changes nothing). The counts before and after;
        None when the document is gone or has no text, or ``extract_entities`` is off
        (nothing touched)."""
        with self.db.session() as s:
            doc = s.get(Document, doc_id)
            if doc is None:
                return None
            article = ExtractedArticle(
                url=doc.canonical_url or "", title=doc.title,
                blocks=store_articles.blocks_from_json(doc.blocks or ()), language=doc.language,
            )
            before = store_reanalysis.analysis_counts(s, doc_id)
        analysis = self.pipeline._analyze(article)
        if analysis is None:
            return None
        with self.db.session() as s:
            self.pipeline._store_analysis(s, doc_id, analysis)
            return before, store_reanalysis.analysis_counts(s, doc_id)

    # -- translations ---------------------------------------------------------------------

    def _retranslate(self, doc_id: int) -> None:
        """The document's current text in every site language again."""
        with self.db.session() as s:
            doc = s.get(Document, doc_id)
            title, blocks = doc.title, store_articles.blocks_from_json(doc.blocks)
            source = doc.language or ""
        for language in self.settings.site_languages:
            translation = self.pipeline.translator.translate_article(title, blocks, source,
                                                                     language)
            with self.db.session() as s:
                store_articles.save_translation(s, doc_id, translation)
