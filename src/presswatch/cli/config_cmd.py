"""``presswatch config show``: every setting, secrets masked."""

from __future__ import annotations

import typer
from pydantic import SecretStr
from rich.table import Table

from presswatch.cli.context import cli_context
from presswatch.settings import Settings

app = typer.Typer(help="Configuration.", no_args_is_help=True)


def settings_rows(settings: Settings) -> list[tuple[str, str, str]]:
    """(env var, value, description) per setting; secrets print as ****."""
    rows = []
    for name, field in Settings.model_fields.items():
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            shown = "****" if value.get_secret_value() else ""
        elif isinstance(value, tuple):
            shown = ",".join(value)
        else:
            shown = "" if value is None else str(value)
        rows.append((f"PRESSWATCH_{name.upper()}", shown, field.description or ""))
    return rows


def settings_markdown() -> str:
    """The settings table of docs/configuration.md (defaults, not this machine's values)."""
    lines = ["| variable | default | description |", "| --- | --- | --- |"]
    defaults = Settings.model_construct()
    for env, value, description in settings_rows(defaults):
        shown = f"`{value}`" if value else "(empty)"
        lines.append(f"| `{env}` | {shown} | {description} |")
    return "\n".join(lines) + "\n"


@app.command("docs")
def docs() -> None:
    """Print the settings table in Markdown (docs/configuration.md is made from it)."""
    print(settings_markdown(), end="")


@app.command("show")
def show(ctx: typer.Context) -> None:
    """Print every setting with its value and description."""
    table = Table("setting", "value", "description")
    for row in settings_rows(cli_context(ctx).settings):
        table.add_row(*row)
    from rich.console import Console

    Console().print(table)
