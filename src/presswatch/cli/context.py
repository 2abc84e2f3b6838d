"""What every sub-command gets: the settings and, on demand, the database."""

from __future__ import annotations

from functools import cached_property

import typer
from rich.console import Console

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
