"""``presswatch translate --from ru --to uk``: translate stdin with the house glossary applied."""

from __future__ import annotations

import sys

import typer

from presswatch.cli.check_cmd import with_check_mode
from presswatch.cli.context import cli_context
from presswatch.errors import TranslationError
from presswatch.translate import routing
from presswatch.translate.service import Translator


def translate(
    ctx: typer.Context,
    source: str = typer.Option("", "--from", help="Language of the input (BCP-47), e.g. ru."),
    target: str = typer.Option("", "--to", help="Language to translate into, e.g. uk."),
    engine: str | None = typer.Option(
        None, "--engine",
        help="Use this engine (deepl, apertium, an installed model such as opus-mt-de-en) or "
        "this pivot route (opus-mt-de-en+opus-mt-en-uk); see --list-engines."),
    list_engines: bool = typer.Option(
        False, "--list-engines",
        help="Print the engines, their pairs, whether they run, and the pivot routes."
    ),
) -> None:
    """Translate text read on stdin (paragraphs separated by blank lines) and print it."""
    translator = Translator(cli_context(ctx).settings)
    try:
        if list_engines:
            for line in engine_lines(translator):
                typer.echo(line)
            return
        if not source or not target:
            typer.echo("error: give both --from and --to (or --list-engines)", err=True)
            raise typer.Exit(2)
        text = sys.stdin.read()
        try:
            result = translator.translate_text(text, source, target, engine)
        except TranslationError as err:
            typer.echo(f"error: {err}", err=True)
            raise typer.Exit(2) from err
        typer.echo(result)
    finally:
        translator.close()


def engine_lines(translator: Translator) -> list[str]:
    """One line per engine (name, pairs, "available" or why not), then one per pivot route."""
    lines = []
    for engine in translator.engines:
        reason = engine.unavailable_reason()
        pairs = ", ".join(f"{s}→{t}" for s, t in sorted(engine.pairs())) or "-"
        state = "available" if not reason else f"unavailable: {reason}"
        lines.append(f"{engine.name}\t{pairs}\t{state}")
    if not any(e.kind == "ctranslate2" for e in translator.engines):
        where = routing.models_dir(translator.settings)
        lines.append(f"ctranslate2\t-\tunavailable: no model installed in {where} "
                     "(presswatch models install NAME)")
    direct = {p for e in translator.engines if e.available() for p in e.pairs()}
    for source, target in sorted(routing.pivot_pairs(direct, translator.pivot) - direct):
        for route in translator.routes(source, target):
            lines.append(f"{route.name}\t{route.path}\tpivot route")
    return lines


translate = with_check_mode(translate)  # --check SOURCE TARGET: presswatch.cli.check_cmd
