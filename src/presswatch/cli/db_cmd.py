"""``presswatch db upgrade|current``."""

from __future__ import annotations

import typer

from presswatch.cli.context import cli_context, console
from presswatch.store import migrate

app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)


@app.command("upgrade")
def upgrade(ctx: typer.Context, revision: str = typer.Argument("head")) -> None:
    """Create or migrate the database to REVISION (default: the latest)."""
    settings = cli_context(ctx).settings
    settings.ensure_dirs()
    migrate.upgrade(settings.db_url, revision)
    console.print(f"database at revision {migrate.current(settings.db_url)}")


@app.command("current")
def current(ctx: typer.Context) -> None:
    """Print the database's current revision."""
    print(migrate.current(cli_context(ctx).settings.db_url) or "none")
