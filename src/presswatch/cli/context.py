"""What every sub-command gets: the settings and, on demand, the database."""

from __future__ import annotations

import sys
from functools import cached_property
from pathlib import Path

import typer
from rich.console import Console

from presswatch.errors import InputError
from presswatch.settings import Settings
from presswatch.store.base import Database

console = Console(stderr=True)


class CliContext:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def db(self) -> Database:
        self.settings.ensure_dirs()
        return Database(self.settings.db_url)


def cli_context(ctx: typer.Context) -> CliContext:
    obj = ctx.find_root().obj
    if not isinstance(obj, CliContext):
        obj = CliContext(Settings())
        ctx.find_root().obj = obj
    return obj


def write_output(data: bytes, file: Path | None, written: str) -> None:
    """``data`` to ``file``, or to standard output when there is none; ``written`` (e.g.
    "12 term(s)") is reported on standard error after a file was written."""
    if file is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        file.write_bytes(data)
    except OSError as err:
        raise InputError(f"{file}: cannot write it ({err.strerror or err})") from err
    console.print(f"wrote {written} to {file}", markup=False)
