"""``presswatch serve``: the public site and the desk under uvicorn."""

from __future__ import annotations

import typer

from presswatch.cli.context import cli_context, console
from presswatch.store import migrate


def serve(
    ctx: typer.Context,
    host: str | None = typer.Option(None, help="Address to listen on (default: settings.host)."),
    port: int | None = typer.Option(None, help="Port to listen on (default: settings.port)."),
) -> None:
    """Serve the public site and the desk (the database schema is brought up to date first)."""
    import uvicorn

    from presswatch.web.app import create_app

    context = cli_context(ctx)
    settings = context.settings
    settings.ensure_dirs()
    migrate.upgrade(settings.db_url)
    host = host or settings.host
    port = port or settings.port
    console.print(f"serving on http://{host}:{port}/  (desk: /desk/)")
    uvicorn.run(create_app(settings, context.db), host=host, port=port, log_level="warning")
