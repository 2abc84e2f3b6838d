"""``presswatch review list|candidate|publish|reject``: the editorial states from the shell."""

from __future__ import annotations

import getpass

import typer
from rich.console import Console
from rich.table import Table

from presswatch.cli.context import cli_context, console
from presswatch.editorial import CANDIDATE, PUBLISHED, REJECTED, STATES
from presswatch.store import review as store_review

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


def _move(ctx: typer.Context, doc_id: int, status: str) -> None:
    with cli_context(ctx).db.session() as session:
        doc = store_review.set_status(session, doc_id, status, by=_by())
        console.print(f"document {doc.id} is now {doc.status}: {doc.title}")


@app.command("candidate")
def candidate(ctx: typer.Context, doc_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Propose document ID for publication (from new or rejected)."""
    _move(ctx, doc_id, CANDIDATE)


@app.command("publish")
def publish(ctx: typer.Context, doc_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Publish candidate ID on the public site."""
    _move(ctx, doc_id, PUBLISHED)


@app.command("reject")
def reject(ctx: typer.Context, doc_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Reject document ID (a published one is taken off the site)."""
    _move(ctx, doc_id, REJECTED)
