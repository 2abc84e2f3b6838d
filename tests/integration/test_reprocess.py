"""Raw pages kept: a crawl of the sample press lands in WARC files, and ``presswatch reprocess``
reads the articles back from them, with the sample press stopped, after an extractor change."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from presswatch.cli.main import app
from presswatch.fetch.warc import read_capture
from presswatch.store.tables import (
    Article,
    Capture,
    Document,
    Feed,
    Revision,
    TranslationRow,
)
from tests.integration.conftest import change_cleanup, crawled_then_stopped
from tests.support import PRESSWATCH, ROOT, run_cli

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory):
    data_dir = tmp_path_factory.mktemp("reprocess")
    with crawled_then_stopped(data_dir) as (press, env, db):
        yield press, env, db, data_dir


def rows(db, table) -> list:
    with db.session() as s:
        return list(s.scalars(select(table)))


def snapshot(db) -> dict[int, tuple]:
    return {d.id: (d.title, d.content_hash, d.blocks, d.revision) for d in rows(db, Document)}


def response_records(data_dir: Path) -> list[tuple[str, int]]:
    found = []
    for path in sorted((data_dir / "warc").glob("*.warc.gz")):
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type == "response":
                    found.append((record.rec_headers.get_header("WARC-Target-URI"),
                                  int(record.http_headers.get_statuscode())))
    return found


def test_every_response_the_press_sent_is_in_the_warc_files(crawled):
    press, _env, db, data_dir = crawled
    stored = response_records(data_dir)
    sent = Counter((outlet, status) for outlet, _path, status in press.requests)
    assert len(stored) == len(press.requests) == sum(sent.values())
    assert Counter(status for _url, status in stored) == Counter(
        status for _o, _p, status in press.requests)
    captures = rows(db, Capture)
    assert len(captures) == len(stored)
    assert any(c.url.endswith("/robots.txt") and c.article_id is None for c in captures)
    assert {c.feed_id for c in captures if c.feed_id} == {f.id for f in rows(db, Feed)}


def test_every_finished_article_has_its_page_stored_and_readable_by_offset(crawled):
    _press, _env, db, data_dir = crawled
    pages = {c.article_id: c for c in rows(db, Capture) if c.article_id and c.status == 200}
    finished = [a for a in rows(db, Article) if a.stage in ("done", "rejected")]
    assert finished and {a.id for a in finished} <= set(pages)
    for article in finished:
        capture = pages[article.id]
        page = read_capture(data_dir / "warc", capture.warc_file, capture.offset)
        assert page.url == article.url
        assert b"<html" in page.body.lower()
        assert page.headers["content-type"] == capture.content_type


def test_the_warc_files_pass_warcio_check(crawled):
    warcio = Path(PRESSWATCH).with_name("warcio")
    files = sorted(str(p) for p in (crawled[3] / "warc").glob("*.warc.gz"))
    done = subprocess.run([str(warcio), "check", *files], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_reprocess_with_the_press_stopped_and_nothing_changed_changes_nothing(crawled):
    press, env, db, _data_dir = crawled
    before, requests = snapshot(db), len(press.requests)
    done = run_cli("reprocess", env=env)
    assert "updated" not in done.stderr
    assert "unchanged" in done.stderr
    assert snapshot(db) == before
    assert len(press.requests) == requests


def test_reprocess_options_select_articles(crawled):
    _press, env, _db, _data_dir = crawled
    done = run_cli("reprocess", "--outlet", "northgate wire", "--limit", "2", env=env)
    assert "2 articles:" in done.stderr
    done = run_cli("reprocess", "--since", "2999-01-01", env=env)
    assert "0 articles: nothing to do" in done.stderr
    refused = subprocess.run([PRESSWATCH, "reprocess", "--outlet", "No Such Paper"], env=env,
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert refused.returncode == 2 and "No Such Paper" in refused.stdout + refused.stderr


def test_an_extractor_change_updates_documents_and_translations_without_a_request(
        crawled, monkeypatch, no_network):
    press, env, db, _data_dir = crawled
    requests = len(press.requests)
    change_cleanup(monkeypatch, lambda blocks: blocks[:-1])  # the last paragraph dropped
    before = {d.id: d for d in rows(db, Document)}
    translations = {(t.document_id, t.language): t.blocks for t in rows(db, TranslationRow)}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(app, ["reprocess"])
    assert result.exit_code == 0, result.output
    assert no_network == [] and len(press.requests) == requests

    after = {d.id: d for d in rows(db, Document)}
    updated = [i for i in after if after[i].blocks != before[i].blocks]
    assert f"{len(updated)} updated" in result.output
    assert len(updated) >= 5
    for doc_id in updated:
        assert after[doc_id].blocks == before[doc_id].blocks[:-1]
        assert after[doc_id].revision == 1 and not after[doc_id].stealth_edit
        assert after[doc_id].status == before[doc_id].status
    revisions = {r.document_id: r for r in rows(db, Revision)}
    assert all(revisions[i].blocks == after[i].blocks for i in updated)
    redone = [key for key, blocks in translations.items()
              if key[0] in updated and len(blocks) == len(before[key[0]].blocks)]
    for key in redone:
        new = next(t for t in rows(db, TranslationRow)
                   if (t.document_id, t.language) == key)
        assert len(new.blocks) == len(translations[key]) - 1, key
    assert redone
