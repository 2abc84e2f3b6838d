"""``presswatch glossary``: the house glossary (built-in file plus desk terms) in and out of
CSV and TBX files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from presswatch.cli.context import cli_context, console, write_output
from presswatch.errors import InputError
from presswatch.translate.glossary import Glossary
from presswatch.translate.house_glossary import (
    FORMATS,
    DatabaseTerms,
    read_glossary_file,
    write_glossary_file,
)

app = typer.Typer(help="The house glossary: CSV and TBX import and export.",
                  no_args_is_help=True)


@app.command("import")
def import_terms(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A .csv or .tbx file.")],
    by: Annotated[str, typer.Option("--by", help="Recorded as the editor of the terms.")
                  ] = "import",
) -> None:
    """Store the terms of FILE in the database; they override the built-in glossary."""
    context = cli_context(ctx)
    try:
        data = file.read_bytes()
    except OSError as err:
        raise InputError(f"{file}: cannot read it ({err.strerror or err})") from err
    records = read_glossary_file(data, file.name)
    if not records:
        raise InputError(f"{file.name}: no terms")
    base = Glossary.load(context.settings.glossary_file)
    count = DatabaseTerms(context.db).import_records(base, records, by)
    console.print(f"{file.name}: {count} term(s) stored", markup=False)


@app.command("export")
def export_terms(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Argument(
        help="Where to write; standard output if absent.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="csv or tbx.")] = "csv",
) -> None:
    """Write the glossary in force (built-in terms and the desk's) as CSV or TBX."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; use {' or '.join(FORMATS)}")
    context = cli_context(ctx)
    base = Glossary.load(context.settings.glossary_file)
    records = DatabaseTerms(context.db).effective_records(base)
    data = write_glossary_file(records, fmt)
    write_output(data, file, f"{len(records)} term(s)")
