"""``presswatch reprocess``: extract articles again from their stored pages, or fetch them again.

Without ``--refetch`` nothing is fetched: every article's pages are read back from the WARC
files (after an extractor change, say), documents whose text changed are updated and only
those are translated again. With ``--refetch`` the articles are fetched again (conditional
GET) and a changed text or headline becomes a new revision.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import typer

from presswatch.cli.context import cli_context, console
from presswatch.cli.crawl_cmd import progress_bar
from presswatch.errors import InputError
from presswatch.store import captures as store_captures
from presswatch.store import revisions as store_revisions

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
) -> None:
    """Extract articles again from their stored pages (no network), or fetch them again."""
    from presswatch.pipeline import Pipeline

    context = cli_context(ctx)
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
