"""``presswatch translate --check --from ru --to uk SOURCE TARGET``: the per-paragraph checks.

SOURCE and TARGET are text files, paragraphs separated by blank lines, the n-th paragraph of
TARGET being the translation of the n-th of SOURCE. Each finding is printed as one JSON object
per line (``presswatch.translate.checks.Finding.to_dict()`` plus ``text``, the flagged part of
the translation, and ``source_text``). Exit status: 0 without findings, 1 with findings, 2 for
a usage error (a missing file, paragraph counts that differ).

The mode is added to the ``translate`` command by ``with_check_mode`` (one line in
``translate_cmd``), so that ``translate`` keeps one set of options.
"""

from __future__ import annotations

import functools
import inspect
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from presswatch.cli.context import cli_context
from presswatch.errors import ConfigError
from presswatch.translate.checks import check_segments
from presswatch.translate.glossary import Glossary

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text file: blocks separated by blank lines, stripped."""
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]


def check_files(source_file: Path, target_file: Path, source: str, target: str,
                glossary: Glossary | None) -> list[dict[str, Any]]:
    """The findings for two aligned files, as JSON-ready dicts; ``typer.Exit(2)`` on bad
    input."""
    texts = []
    for path in (source_file, target_file):
        try:
            texts.append(split_paragraphs(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as err:
            typer.echo(f"error: cannot read {path}: {err}", err=True)
            raise typer.Exit(2) from err
    sources, targets = texts
    if len(sources) != len(targets):
        typer.echo(f"error: {source_file} has {len(sources)} paragraphs but {target_file} has "
                   f"{len(targets)}; they must be aligned one to one", err=True)
        raise typer.Exit(2)
    rows = []
    for finding in check_segments(sources, targets, source, target, glossary=glossary):
        row = finding.to_dict()
        src, tgt = sources[finding.index], targets[finding.index]
        row["text"] = tgt[slice(*finding.span)] if finding.span else None
        row["source_text"] = src[slice(*finding.source_span)] if finding.source_span else None
        rows.append(row)
    return rows


def run_check(ctx: typer.Context, source: str, target: str, files: list[Path] | None) -> None:
    """The ``--check`` mode: print the findings as JSON lines and exit 0, 1 or 2."""
    if not source or not target:
        typer.echo("error: --check needs both --from and --to", err=True)
        raise typer.Exit(2)
    if not files or len(files) != 2:
        typer.echo("error: --check needs two files: SOURCE TARGET", err=True)
        raise typer.Exit(2)
    settings = cli_context(ctx).settings
    try:
        glossary = Glossary.load(settings.glossary_file)
    except ConfigError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from err
    rows = check_files(files[0], files[1], source, target, glossary)
    for row in rows:
        typer.echo(json.dumps(row, ensure_ascii=False))
    raise typer.Exit(1 if rows else 0)


def with_check_mode(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` (``translate``) with a ``--check`` flag and SOURCE TARGET arguments; with
    ``--check`` the checks run instead of the command."""
    extra = {
        "check": inspect.Parameter(
            "check", inspect.Parameter.KEYWORD_ONLY, annotation=bool,
            default=typer.Option(False, "--check", help="Check TARGET against SOURCE (two "
                                 "files, paragraphs separated by blank lines) and print the "
                                 "findings as JSON lines.")),
        "files": inspect.Parameter(
            "files", inspect.Parameter.KEYWORD_ONLY, annotation=list[Path] | None,
            default=typer.Argument(None, metavar="SOURCE TARGET", show_default=False,
                                   help="With --check: the original and its translation.")),
    }

    @functools.wraps(command)
    def wrapper(*args: Any, check: bool = False, files: list[Path] | None = None,
                **kwargs: Any) -> None:
        ctx = kwargs.get("ctx", args[0] if args else None)
        if check:
            run_check(ctx, kwargs.get("source", ""), kwargs.get("target", ""), files)
        if files:
            typer.echo("error: SOURCE TARGET files are only for --check", err=True)
            raise typer.Exit(2)
        command(*args, **kwargs)

    wrapper.__doc__ = (f"{(command.__doc__ or '').rstrip()}\n\nWith --check, check the "
                       "translation TARGET of SOURCE paragraph by paragraph instead and print "
                       "the findings as JSON lines (exit 1 when there are any).")
    signature = inspect.signature(command)
    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*signature.parameters.values(), *extra.values()])
    wrapper.__annotations__ = {**command.__annotations__,
                               **{name: p.annotation for name, p in extra.items()}}
    return wrapper
