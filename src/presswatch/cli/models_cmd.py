"""``presswatch models``: install CTranslate2 translation models and list the installed ones."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from presswatch.cli.context import cli_context
from presswatch.errors import TranslationError
from presswatch.translate import routing
from presswatch.translate.ctranslate import installed_engines
from presswatch.translate.engines import configured_languages
from presswatch.translate.model_install import ModelInstallError, install_model, model_size

app = typer.Typer(help="Machine-translation models (CTranslate2).", no_args_is_help=True)


@app.command("install")
def install(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="opus-mt-SRC-TGT, nllb-200-distilled-600M, "
                               "m2m100_418M, madlad400-3b-mt, ..."),
    from_dir: Annotated[Path | None, typer.Option(
        "--from", help="Install this converted model directory instead of downloading.")] = None,
    quantization: str = typer.Option("int8", help="CTranslate2 quantization when converting."),
) -> None:
    """Download and convert NAME (needs the internet), or install a converted copy."""
    settings = cli_context(ctx).settings
    try:
        path = install_model(name, routing.models_dir(settings), configured_languages(settings),
                             from_dir=from_dir, quantization=quantization)
    except ModelInstallError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from err
    typer.echo(f"installed {name} in {path}")


@app.command("list")
def list_models(ctx: typer.Context) -> None:
    """The installed models: name, pairs, size and whether they can run here."""
    settings = cli_context(ctx).settings
    where = routing.models_dir(settings)
    engines = installed_engines(where)
    if not engines:
        typer.echo(f"no model installed in {where} (presswatch models install NAME)")
        return
    for engine in engines:
        reason = engine.unavailable_reason()
        try:
            pairs = _pairs(engine.description.pairs)
        except TranslationError:
            pairs = "-"
        size = f"{model_size(engine.model_dir) / 1e6:.1f} MB"
        state = "available" if not reason else f"unavailable: {reason}"
        typer.echo(f"{engine.name}\t{pairs}\t{size}\t{state}")


def _pairs(pairs: frozenset[tuple[str, str]]) -> str:
    if len(pairs) <= 6:
        return ", ".join(f"{s}→{t}" for s, t in sorted(pairs))
    languages = sorted({lang for pair in pairs for lang in pair})
    return f"{len(pairs)} pairs among {', '.join(languages)}"
