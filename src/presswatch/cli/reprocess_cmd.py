"""``presswatch reprocess``: extract articles again from their stored pages, or fetch them again.

Without ``--refetch`` nothing is fetched: every article's pages are read back from the WARC
files (after an extractor change, say), documents whose text changed are updated and only
those are translated and analysed (mentions, figures, quotes) again. With ``--refetch`` the
articles are fetched again (conditional GET) and a changed text or headline becomes a new
revision. With ``--analysis-only`` nothing is read or fetched: the stored documents' mentions,
figures and quotes are found again in their current text (after a recognizer improved).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import typer

from presswatch.cli.context import CliContext, cli_context, console
from presswatch.cli.crawl_cmd import progress_bar
from presswatch.errors import InputError
from presswatch.store import captures as store_captures
from presswatch.store import reanalysis as store_reanalysis
from presswatch.store import revisions as store_revisions
from presswatch.store.reanalysis import AnalysisCounts

#: Outcomes that mean an article could not be done; any of them makes the exit code 1.
FAILED = ("unreadable", "error")


def parse_since(value: str | None) -> datetime | None:
    """``2026-01-14`` or an ISO date-time; a time without a zone is UTC."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError as err:
        raise InputError(f"--since: not a date: {value!r} (use YYYY-MM-DD)") from err
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _select(db, *, since: datetime | None, outlet: str | None, limit: int | None,
            refetch: bool) -> list[int]:
    with db.session() as s:
        if outlet and not store_captures.outlet_exists(s, outlet):
            raise InputError(f"--outlet: no outlet named or numbered {outlet!r}")
        if refetch:
            return store_revisions.finished_articles(s, since=since, outlet=outlet, limit=limit)
        return store_captures.articles_with_captures(s, since=since, outlet=outlet, limit=limit)


def _counts(before: AnalysisCounts, after: AnalysisCounts) -> str:
    return (f"mentions {before.mentions} → {after.mentions}, "
            f"figures {before.figures} → {after.figures}, "
            f"quotes {before.quotes} → {after.quotes}")


def reanalyze(context: CliContext, *, since: datetime | None, outlet: str | None,
              limit: int | None) -> None:
    """Every selected document's mentions, figures and quotes found again, with a progress
    bar and a summary; a second run changes nothing, so an interrupted one is run again."""
    from presswatch.pipeline import Pipeline

    if not context.settings.extract_entities:
        raise InputError("--analysis-only: entity extraction is off (extract_entities)")
    with context.db.session() as s:
        if outlet and not store_captures.outlet_exists(s, outlet):
            raise InputError(f"--outlet: no outlet named or numbered {outlet!r}")
        doc_ids = store_reanalysis.documents_for_analysis(s, since=since, outlet=outlet,
                                                          limit=limit)
    pipeline = Pipeline(context.settings, context.db)
    before = after = AnalysisCounts()
    changed = 0
    try:
        with progress_bar() as bar:
            job = bar.add_task("analysis", total=len(doc_ids), stages="")
            for doc_id in doc_ids:
                counts = pipeline.revisits.reanalyze_document(doc_id)
                if counts is not None:
                    before, after = before + counts[0], after + counts[1]
                    changed += counts[0] != counts[1]
                bar.update(job, advance=1,
                           stages=f"mentions {before.mentions} → {after.mentions}")
    finally:
        pipeline.close()
    console.print(f"{len(doc_ids)} documents analysed again: {_counts(before, after)} "
                  f"(counts changed in {changed})", soft_wrap=True)


def reprocess(
    ctx: typer.Context,
    since: str = typer.Option(None, "--since", metavar="DATE",
                              help="Only articles stored (with --refetch: first seen) on or "
                                   "after DATE (YYYY-MM-DD, UTC)."),
    outlet: str = typer.Option(None, "--outlet", help="Only this outlet (its name or id)."),
    limit: int = typer.Option(None, "--limit", min=1, help="At most N articles."),
    refetch: bool = typer.Option(False, "--refetch",
                                 help="Fetch the articles again and keep a new revision where "
                                      "the text or headline changed."),
    analysis_only: bool = typer.Option(
        False, "--analysis-only",
        help="Only find the documents' mentions, figures and quotes again in their current "
             "text (--since: documents stored on or after DATE)."),
) -> None:
    """Extract articles again from their stored pages (no network), fetch them again, or
    analyse the stored documents again."""
    from presswatch.pipeline import Pipeline

    context = cli_context(ctx)
    if analysis_only:
        if refetch:
            raise typer.BadParameter("--analysis-only reads no page; leave out --refetch",
                                     param_hint="--analysis-only")
        reanalyze(context, since=parse_since(since), outlet=outlet, limit=limit)
        return
    article_ids = _select(context.db, since=parse_since(since), outlet=outlet, limit=limit,
                          refetch=refetch)
    pipeline = Pipeline(context.settings, context.db)
    step = pipeline.refetch_article if refetch else pipeline.reprocess_article
    counts: Counter[str] = Counter()
    try:
        with progress_bar() as bar:
            job = bar.add_task("refetch" if refetch else "reprocess", total=len(article_ids),
                               stages="")
            for article_id in article_ids:
                counts[step(article_id)] += 1
                bar.update(job, advance=1,
                           stages=" ".join(f"{k}:{v}" for k, v in sorted(counts.items())))
    finally:
        pipeline.close()
    summary = ", ".join(f"{count} {outcome}" for outcome, count in counts.most_common())
    console.print(f"{len(article_ids)} articles: {summary or 'nothing to do'}")
    if any(counts[outcome] for outcome in FAILED):
        raise typer.Exit(1)
