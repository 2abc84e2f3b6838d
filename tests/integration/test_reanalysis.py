"""Mentions, figures and quotes follow a document's text: ``presswatch reprocess`` finds them
again where an extractor change altered the text, and ``reprocess --analysis-only`` finds
them again in every stored document (a recognizer changed) without reading or fetching."""

from __future__ import annotations

import subprocess
from collections import Counter

import pytest
from sqlalchemy import delete, select
from typer.testing import CliRunner

from presswatch.cli.main import app
from presswatch.enrich.entities import analyze_text
from presswatch.models import Block, blocks_to_text
from presswatch.store import entities as store_entities
from presswatch.store.tables import Document, Entity, Figure, Mention, Quote
from tests.integration.conftest import change_cleanup, crawled_then_stopped
from tests.support import PRESSWATCH, ROOT

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory):
    with crawled_then_stopped(tmp_path_factory.mktemp("reanalysis")) as deployed:
        yield deployed


def stored(db) -> dict[int, list[tuple]]:
    """Each document's mentions as (start, end, type, surface, entity key), in text order."""
    found: dict[int, list[tuple]] = {}
    with db.session() as s:
        for doc_id in s.scalars(select(Document.id)):
            found[doc_id] = sorted((m.start, m.end, m.type, m.surface, key)
                                   for m, key in store_entities.document_mentions(s, doc_id))
    return found


def expected(db, doc_id: int) -> list[tuple]:
    """What the recognizers find in the document's current text, keys as stored."""
    with db.session() as s:
        doc = s.get(Document, doc_id)
        text = blocks_to_text([Block(b["kind"], b["text"]) for b in doc.blocks])
        analysis = analyze_text(text, doc.language or "en")
        keys = store_entities.entity_ids(s, {m.entity for m in analysis.mentions if m.entity})
        by_id = {row.id: row.key for row in s.scalars(select(Entity))}
    return sorted((m.start, m.end, m.type, m.surface[:300], by_id[keys[m.entity]]
                   if m.entity in keys else None) for m in analysis.mentions)


def table_size(db, table) -> int:
    with db.session() as s:
        return len(list(s.scalars(select(table.id))))


def invoke(env: dict[str, str], monkeypatch, *args: str):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(app, ["reprocess", *args])
    assert result.exit_code == 0, result.output
    return result


def test_analysis_only_restores_what_an_old_recognizer_missed_and_is_idempotent(
        crawled, monkeypatch):
    press, env, db = crawled
    requests = len(press.requests)
    before = stored(db)
    assert sum(len(m) for m in before.values()) >= 20
    victim = max(before, key=lambda doc_id: len(before[doc_id]))
    with db.session() as s:  # an older recognizer found nothing in this document
        for table in (Mention, Figure, Quote):
            s.execute(delete(table).where(table.document_id == victim))
    total = sum(len(m) for m in before.values())
    missing = len(before[victim])

    result = invoke(env, monkeypatch, "--analysis-only")
    assert f"{len(before)} documents analysed again" in result.output
    assert f"mentions {total - missing} → {total}" in result.output
    assert "(counts changed in 1)" in result.output
    assert stored(db) == before
    assert len(press.requests) == requests

    sizes = {table: table_size(db, table) for table in (Mention, Figure, Quote)}
    again = invoke(env, monkeypatch, "--analysis-only")
    assert f"mentions {total} → {total}" in again.output
    assert "(counts changed in 0)" in again.output
    assert {table: table_size(db, table) for table in sizes} == sizes  # replaced, not added
    assert stored(db) == before


def test_an_extractor_change_gives_the_changed_documents_mentions_of_their_new_text(
        crawled, monkeypatch, no_network):
    press, env, db = crawled
    requests = len(press.requests)
    change_cleanup(monkeypatch, lambda blocks: blocks[:2])  # a stricter rule: two paragraphs
    before = stored(db)
    with db.session() as s:
        texts = {d.id: d.blocks for d in s.scalars(select(Document))}
    invoke(env, monkeypatch)
    assert no_network == [] and len(press.requests) == requests

    after = stored(db)
    with db.session() as s:
        changed = [d.id for d in s.scalars(select(Document)) if d.blocks != texts[d.id]]
        lengths = {d.id: len(blocks_to_text([Block(b["kind"], b["text"]) for b in d.blocks]))
                   for d in s.scalars(select(Document))}
    assert len(changed) >= 5
    shrunk = [doc_id for doc_id in changed if len(after[doc_id]) < len(before[doc_id])]
    assert shrunk  # mentions of the paragraphs that left are gone
    for doc_id in changed:
        assert after[doc_id] == expected(db, doc_id)
        assert all(end <= lengths[doc_id] for _start, end, *_r in after[doc_id])
    for doc_id in set(after) - set(changed):
        assert after[doc_id] == before[doc_id]


def test_analysis_only_keeps_an_editors_merge(crawled, monkeypatch):
    _press, env, db = crawled
    counts = Counter(key for mentions in stored(db).values() for *_rest, key in mentions if key)
    (source_key, _n), (target_key, _m) = counts.most_common(2)
    with db.session() as s:
        ids = store_entities.entity_ids(s, [source_key, target_key])
        store_entities.merge_entities(s, ids[source_key], ids[target_key])
    merged = stored(db)
    assert all(key != source_key for mentions in merged.values() for *_r, key in mentions)

    invoke(env, monkeypatch, "--analysis-only", "--outlet", "northgate wire", "--limit", "3")
    invoke(env, monkeypatch, "--analysis-only")
    assert stored(db) == merged  # the recognizer's key resolves to the surviving entity


def test_analysis_only_refuses_what_it_cannot_do(crawled):
    _press, env, _db = crawled
    both = subprocess.run([PRESSWATCH, "reprocess", "--analysis-only", "--refetch"], env=env,
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    message = " ".join(both.stderr.replace("│", " ").split())  # rich draws a box
    assert both.returncode == 2 and "reads no page; leave out --refetch" in message
    off = subprocess.run([PRESSWATCH, "reprocess", "--analysis-only"], cwd=ROOT, timeout=120,
                         env={**env, "PRESSWATCH_EXTRACT_ENTITIES": "false"},
                         capture_output=True, text=True)
    assert off.returncode == 2 and "entity extraction is off" in off.stderr
    unknown = subprocess.run([PRESSWATCH, "reprocess", "--analysis-only", "--outlet", "Nobody"],
                             env=env, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert unknown.returncode == 2 and "Nobody" in unknown.stderr
