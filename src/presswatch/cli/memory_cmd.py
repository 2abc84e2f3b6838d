"""``presswatch memory``: the translation memory in and out of TMX 1.4 files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from presswatch.cli.context import cli_context, console, write_output
from presswatch.errors import InputError
from presswatch.store import memory as store_memory
from presswatch.translate.interchange import read_tmx, write_tmx
from presswatch.translate.memory import export_units, import_units, language_key

app = typer.Typer(help="The translation memory: TMX import and export, counts.",
                  no_args_is_help=True)


@app.command("import-tmx")
def import_tmx(
    ctx: typer.Context, file: Annotated[Path, typer.Argument(help="A TMX 1.4 file.")]
) -> None:
    """Add the units of a TMX FILE (a unit with the same source text replaces the old one)."""
    try:
        data = file.read_bytes()
    except OSError as err:
        raise InputError(f"{file}: cannot read it ({err.strerror or err})") from err
    content = read_tmx(data, file.name)
    if not content.units:
        raise InputError(f"{file.name}: no translation unit with a source and a target text")
    added, replaced = import_units(cli_context(ctx).db, content.units)
    console.print(f"{file.name}: {added} new unit(s), {replaced} replaced, "
                  f"{len(content.skipped)} <tu> skipped", markup=False)
    for reason in content.skipped[:10]:
        console.print(f"  skipped {reason}", markup=False)


@app.command("export-tmx")
def export_tmx(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Argument(
        help="Where to write; standard output if absent.")] = None,
    source: Annotated[str | None, typer.Option("--from", help="Only this source language.")
                      ] = None,
    target: Annotated[str | None, typer.Option("--to", help="Only this target language.")
                      ] = None,
) -> None:
    """Write the memory (or one language pair of it) as TMX 1.4."""
    units = export_units(cli_context(ctx).db, source and language_key(source),
                         target and language_key(target))
    data = write_tmx(units)
    write_output(data, file, f"{len(units)} unit(s)")


@app.command("stats")
def stats(ctx: typer.Context) -> None:
    """Units per language pair."""
    with cli_context(ctx).db.session() as session:
        counts = store_memory.count_units(session)
    if not counts:
        print("the translation memory is empty")
    for (src, dst), count in sorted(counts.items()):
        print(f"{src}\u2192{dst}\t{count}")
