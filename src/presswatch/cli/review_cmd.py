"""``presswatch review list|candidate|publish|reject``: the editorial states from the shell.

``publish`` is held to the desk's rule (``TranslationEditor.publication_blockers``): a wrong
form of a house term in a machine translation and, with ``publish_requires_approval``, a
machine translation nobody approved stop it; each reason is printed and the exit code is 1.
``--override-reason TEXT`` publishes anyway: the reason is kept with who published
(``status_note``, shown on the desk's document page, whole) and logged with every blocker.
"""

from __future__ import annotations

import getpass
import logging

import typer
from rich.console import Console
from rich.table import Table

from presswatch.cli.context import cli_context, console
from presswatch.editorial import CANDIDATE, PUBLISHED, REJECTED, STATES
from presswatch.store import review as store_review

log = logging.getLogger(__name__)

app = typer.Typer(help="Review documents: propose, publish, reject.", no_args_is_help=True)


def _by() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


@app.command("list")
def list_(
    ctx: typer.Context,
    status: str | None = typer.Option(None, help=f"Only this state ({', '.join(STATES)})."),
    limit: int = typer.Option(50, help="Most documents shown."),
) -> None:
    """Documents newest first, with state, language, section, outlet and translation notes."""
    if status is not None and status not in STATES:
        raise typer.BadParameter(f"expected one of {', '.join(STATES)}", param_hint="--status")
    with cli_context(ctx).db.session() as session:
        rows = store_review.list_documents(session, status, limit)
    table = Table("id", "status", "lang", "section", "relevant", "outlet", "title", "notes")
    for row in rows:
        table.add_row(str(row.id), row.status, row.language or "", row.section or "",
                      "yes" if row.relevant else "no", row.outlet or "", row.title[:70],
                      "; ".join(row.notes))
    Console(width=200).print(table)


def _move(ctx: typer.Context, doc_id: int, status: str, note: str | None = None) -> None:
    with cli_context(ctx).db.session() as session:
        doc = store_review.set_status(session, doc_id, status, by=_by(), note=note)
        console.print(f"document {doc.id} is now {doc.status}: {doc.title}")


def publication_blockers(ctx: typer.Context, doc_id: int) -> list[str]:
    """What stops the desk from publishing ``doc_id`` (the same editor, glossary and
    settings as the desk)."""
    from presswatch.translate.editing import TranslationEditor
    from presswatch.translate.glossary import Glossary
    from presswatch.translate.house_glossary import DatabaseTerms

    context = cli_context(ctx)
    glossary = DatabaseTerms(context.db).house(Glossary.load(context.settings.glossary_file))
    editor = TranslationEditor.from_settings(context.db, context.settings, glossary)
    return editor.publication_blockers(doc_id)


@app.command("candidate")
def candidate(ctx: typer.Context, doc_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Propose document ID for publication (from new or rejected)."""
    _move(ctx, doc_id, CANDIDATE)


@app.command("publish")
def publish(
    ctx: typer.Context,
    doc_id: int = typer.Argument(..., metavar="ID"),
    override_reason: str = typer.Option(
        "", "--override-reason", metavar="TEXT",
        help="Publish although the desk would refuse (wrong house terms, translations not "
             "approved); TEXT is kept with who published."),
) -> None:
    """Publish candidate ID on the public site, if the desk would (see --override-reason)."""
    reason = " ".join(override_reason.split())
    blockers = publication_blockers(ctx, doc_id)
    if blockers and not reason:
        console.print(f"[red]document {doc_id} cannot be published yet:[/red]")
        for blocker in blockers:
            console.print(f"  - {blocker}", markup=False)
        console.print("Fix it in the desk, or publish anyway with --override-reason TEXT.")
        raise typer.Exit(1)
    note = f"published over: {'; '.join(blockers)}. Reason: {reason}" if blockers else None
    _move(ctx, doc_id, PUBLISHED, note)
    if blockers:
        log.warning("document %d published over %d blocker(s) by %s: %s (reason: %s)",
                    doc_id, len(blockers), _by(), "; ".join(blockers), reason)
        console.print(f"published over {len(blockers)} blocker(s); reason kept: {reason}",
                      markup=False)


@app.command("reject")
def reject(ctx: typer.Context, doc_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Reject document ID (a published one is taken off the site)."""
    _move(ctx, doc_id, REJECTED)
