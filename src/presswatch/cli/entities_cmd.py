"""``presswatch entities PATH... --format jsonl``: the named entities of each text.

Each PATH is a UTF-8 text file (``-`` reads standard input). One JSON object is printed per
input: ``{"input", "language", "mentions": [{"start", "end", "type", "surface", "entity"}],
"figures": [...], "quotes": [...]}``; ``start``/``end`` are character offsets into the text,
``type`` is PER, ORG, LOC or EVT and ``entity`` the key of the linked entity (or null).
The language is detected (uk, ru, en, de) unless ``--language`` names it.

``presswatch entities seed`` writes the entity base (curated file, countries, regions and
cities) into the database; it is idempotent.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from presswatch.cli.context import cli_context, console
from presswatch.enrich.entities import TextAnalysis, analyze_text
from presswatch.enrich.entity_base import LANGUAGES, default_entity_base
from presswatch.enrich.ner import recognizers
from presswatch.errors import PresswatchError
from presswatch.extract.language import detect_language
from presswatch.store import entities as store_entities


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    text = "text"


def analysis_record(value: str, language: str, analysis: TextAnalysis) -> dict[str, Any]:
    """The JSON object printed for one input."""
    return {
        "input": value,
        "language": language,
        "mentions": [{"start": m.start, "end": m.end, "type": m.type, "surface": m.surface,
                      "entity": m.entity} for m in analysis.mentions],
        "figures": [{"start": f.start, "end": f.end, "surface": f.surface, "value": f.value,
                     "unit": f.unit, "qualifier": f.qualifier, "subject": f.subject,
                     "entity": f.entity} for f in analysis.figures],
        "quotes": [{"start": q.start, "end": q.end, "text": q.text, "kind": q.kind,
                    "speaker": q.speaker, "entity": q.entity} for q in analysis.quotes],
    }


def _read(value: str) -> str:
    if value == "-":
        return sys.stdin.read()
    try:
        return Path(value).read_text(encoding="utf-8")
    except OSError as err:
        raise PresswatchError(f"cannot read {value}: {err.strerror or err}") from err
    except UnicodeDecodeError as err:
        raise PresswatchError(f"{value} is not UTF-8 text: {err}") from err


def _seed(ctx: typer.Context) -> None:
    context = cli_context(ctx)
    base = default_entity_base()
    with context.db.session() as session:
        created = store_entities.seed_entities(session, base)
    console.print(f"entity base: {len(base)} entities, {created} new in the database")


def _print_text(record: dict[str, Any]) -> None:
    typer.echo(f"{record['input']} ({record['language']})")
    for m in record["mentions"]:
        typer.echo(f"  {m['start']:>6}-{m['end']:<6} {m['type']:<4} {m['surface']}"
                   f"  → {m['entity'] or '(unknown)'}")
    for f in record["figures"]:
        typer.echo(f"  figure {f['surface']!r}: {f['value']:g} {f['unit']} ({f['qualifier']})")
    for q in record["quotes"]:
        typer.echo(f"  {q['kind']} quote by {q['speaker'] or '?'}: {q['text'][:80]}")


def entities(
    ctx: typer.Context,
    inputs: Annotated[list[str], typer.Argument(
        help="Text files ('-' for stdin), or the single word 'seed' to seed the database.")],
    output: Annotated[OutputFormat, typer.Option("--format", help="jsonl or text")] = (
        OutputFormat.jsonl),
    language: Annotated[str | None, typer.Option(
        "--language", "-l", help="uk, ru, en or de; detected when left out")] = None,
) -> None:
    """Named entities (with offsets, type and entity key), figures and quotes of texts."""
    if inputs == ["seed"] and not Path("seed").exists():
        _seed(ctx)
        return
    if language is not None and language not in LANGUAGES:
        raise PresswatchError(f"--language must be one of {', '.join(LANGUAGES)}")
    failed = 0
    for value in inputs:
        try:
            text = _read(value)
        except PresswatchError as err:
            console.print(f"[red]{err}[/red]")
            failed += 1
            continue
        lang = language or detect_language(text, LANGUAGES) or "en"
        record = analysis_record(value, lang, analyze_text(text, lang))
        if output is OutputFormat.jsonl:
            typer.echo(json.dumps(record, ensure_ascii=False))
        else:
            _print_text(record)
    if output is OutputFormat.text:
        for lang, what in recognizers().items():
            console.print(f"[dim]{lang}: {what}[/dim]")
    if failed:
        raise typer.Exit(1)
