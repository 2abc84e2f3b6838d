"""Docs checked by tests: every setting and every CLI command is documented."""

from __future__ import annotations

import re

import typer.main
from tests.support import ROOT

from presswatch.cli.config_cmd import settings_markdown
from presswatch.cli.main import app

BEGIN, END = "<!-- settings:begin -->", "<!-- settings:end -->"


def test_configuration_doc_has_the_generated_settings_table():
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    table = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert table == settings_markdown().strip(), (
        "docs/configuration.md is stale: regenerate with `presswatch config docs`"
    )


def command_paths(group, prefix: str = "") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}".strip()
        if hasattr(command, "commands"):
            paths.extend(command_paths(command, path))
        else:
            paths.append(path)
    return paths


def test_every_cli_command_is_documented():
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`presswatch ([a-z][a-z -]*?)(?: [A-Z\[-].*?)?`", text))
    missing = [p for p in command_paths(typer.main.get_command(app)) if p not in documented]
    assert not missing, f"commands missing from docs/cli.md: {missing}"
