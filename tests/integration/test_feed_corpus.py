"""Every ill-formed feed of feedparser's test corpus goes through the feed stage: no exception
escapes, and the reason is recorded on the feed's row (../shared must be present)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from sqlalchemy import select

from presswatch.models import OutletEntry, ParsedFeed
from presswatch.sources.feeds import parse_feed
from presswatch.store import migrate
from presswatch.store import sources as store
from presswatch.store.base import Database
from presswatch.store.tables import Feed

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / \
    "feedparser-testcorpus"
ILLFORMED = CORPUS / "illformed"
NOW = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
ABSENT = ("../shared/datasets/feedparser-testcorpus is absent; the ill-formed feed corpus test "
          "needs it")


def corpus_files(folder: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file()) if folder.is_dir() else []


def feed_url(path: Path) -> str:
    return f"https://corpus.invalid/{path.relative_to(CORPUS).as_posix()}"


ILLFORMED_FILES = corpus_files(ILLFORMED)
# bozo_http_* expect HTTP headers (text/plain) that a file alone cannot carry.
BOZO_FILES = [p for p in corpus_files(CORPUS / "encoding", "bozo_*")
              if not p.name.startswith("bozo_http_")]


def params(files: list[Path]) -> list[object]:
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason=ABSENT), id="corpus-absent")]
    return [pytest.param(p, id=p.relative_to(CORPUS).as_posix()) for p in files]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database,
                                                                          dict[str, ParsedFeed]]]:
    """Every ill-formed file parsed and, when it failed, recorded on its own feed row."""
    if not ILLFORMED_FILES:
        pytest.skip(ABSENT)
    url = f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'corpus.db'}"
    migrate.upgrade(url)
    db = Database(url)
    entry = OutletEntry(name="feedparser corpus", homepage="https://corpus.invalid/",
                        feeds=tuple(feed_url(p) for p in ILLFORMED_FILES))
    results: dict[str, ParsedFeed] = {}
    with db.session() as s:
        store.upsert_outlet(s, entry)
        ids = {f.url: f.id for f in store.list_feeds(s)}
    for path in ILLFORMED_FILES:
        url = feed_url(path)
        parsed = parse_feed(path.read_bytes(), url)
        results[url] = parsed
        if parsed.error:
            with db.session() as s:
                store.record_feed_error(s, ids[url], parsed.error, now=NOW, interval_minutes=30)
    yield db, results
    db.dispose()


def test_the_corpus_is_complete() -> None:
    if not ILLFORMED_FILES:
        pytest.skip(ABSENT)
    assert len(ILLFORMED_FILES) >= 19


@pytest.mark.parametrize("path", params(ILLFORMED_FILES))
def test_illformed_feed_has_its_error_on_its_row(
        recorded: tuple[Database, dict[str, ParsedFeed]], path: Path) -> None:
    db, results = recorded
    url = feed_url(path)
    parsed = results[url]
    assert parsed.error, f"{path.name}: parsed without an error: {parsed}"
    with db.session() as s:
        row = s.scalars(select(Feed).where(Feed.url == url)).one()
        assert row.last_error == parsed.error
        assert row.error_count == 1
        assert row.next_check_at is not None and row.next_check_at > NOW
    # Where feedparser itself calls the document bozo, the error leads with that fault.
    if feedparser.parse(io.BytesIO(path.read_bytes())).bozo:
        assert parsed.error.startswith(("not well-formed XML", "character encoding problem"))


def test_recoverable_items_are_kept_with_the_error(
        recorded: tuple[Database, dict[str, ParsedFeed]]) -> None:
    _, results = recorded
    parsed = results["https://corpus.invalid/illformed/rss_item_link_corrupted_ampersands.xml"]
    assert [item.url for item in parsed.items] == ["http://link/get?a=1&b=2"]
    assert "not well-formed XML" in (parsed.error or "")


@pytest.mark.parametrize("path", params(BOZO_FILES))
def test_bozo_encoding_files_are_flagged(path: Path) -> None:
    parsed = parse_feed(path.read_bytes(), feed_url(path))
    assert parsed.error, f"{path.name}: parsed without an error: {parsed}"
