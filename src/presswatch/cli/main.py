"""Entry point: ``presswatch`` with its sub-commands."""

from __future__ import annotations

import logging

import typer

from presswatch.cli import (
    backfill_cmd,
    config_cmd,
    crawl_cmd,
    db_cmd,
    demo_cmd,
    entities_cmd,
    extract_cmd,
    glossary_cmd,
    memory_cmd,
    models_cmd,
    reprocess_cmd,
    review_cmd,
    serve_cmd,
    sources_cmd,
    stories_cmd,
    translate_cmd,
    users_cmd,
)
from presswatch.cli.context import CliContext, console
from presswatch.errors import PresswatchError
from presswatch.settings import Settings

app = typer.Typer(help="Watch the foreign press and publish a reviewed trilingual digest.",
                  no_args_is_help=True, pretty_exceptions_enable=False)


@app.callback()
def _root(ctx: typer.Context, verbose: bool = typer.Option(False, "--verbose", "-v")) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = CliContext(Settings())


app.add_typer(db_cmd.app, name="db")
app.add_typer(config_cmd.app, name="config")
app.add_typer(sources_cmd.app, name="sources")
app.command("translate")(translate_cmd.translate)
app.add_typer(models_cmd.app, name="models")
app.command("extract")(extract_cmd.extract)
app.command("crawl")(crawl_cmd.crawl)
app.command("worker")(crawl_cmd.worker)
app.command("backfill")(backfill_cmd.backfill)
app.command("demo")(demo_cmd.demo)
app.command("serve")(serve_cmd.serve)
app.add_typer(users_cmd.app, name="users")
app.add_typer(review_cmd.app, name="review")
app.add_typer(memory_cmd.app, name="memory")
app.add_typer(glossary_cmd.app, name="glossary")
app.command("reprocess")(reprocess_cmd.reprocess)
app.add_typer(stories_cmd.app, name="stories")
app.command("entities")(entities_cmd.entities)


def main() -> None:
    try:
        app()
    except PresswatchError as err:
        console.print(f"[red]error:[/red] {err}")
        raise SystemExit(2) from err
