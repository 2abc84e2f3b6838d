"""``presswatch extract``: one JSON object per input, in order, failures reported inline."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime

from typer.testing import CliRunner

from presswatch.cli.main import app
from presswatch.models import Response

runner = CliRunner()
ENV = {"PRESSWATCH_ALLOW_PRIVATE_URLS": "false", "PRESSWATCH_SOURCE_LANGUAGES": "uk,en,ru,de"}


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_files_and_gzipped_files_in_input_order(tmp_path, make_page, paragraphs):
    head = '<meta property="article:published_time" content="2026-03-05T09:30:00Z">'
    en = tmp_path / "en.html"
    en.write_text(make_page(paragraphs["en"], head=head), encoding="utf-8")
    uk = tmp_path / "uk.html.gz"
    uk.write_bytes(gzip.compress(make_page(paragraphs["uk"], title="Пакет ППО погоджено",
                                           lang="uk").encode("utf-8")))
    result = runner.invoke(app, ["extract", str(uk), str(en), "--format", "jsonl"], env=ENV)
    assert result.exit_code == 0, result.output
    first, second = _lines(result.stdout)
    assert first["input"] == str(uk)
    assert first["title"] == "Пакет ППО погоджено"
    assert first["language"] == "uk"
    assert first["text"].split("\n\n") == list(paragraphs["uk"])
    assert second["published"] == "2026-03-05T09:30:00+00:00"
    assert set(second) == {"input", "title", "text", "author", "authors", "published",
                           "modified", "image", "section", "language", "canonical_url",
                           "paywalled"}
    assert second["paywalled"] is False and second["authors"] == []


def test_a_failed_input_is_reported_and_the_rest_continue(tmp_path, make_page, paragraphs):
    good = tmp_path / "good.html"
    good.write_text(make_page(paragraphs["en"]), encoding="utf-8")
    short = tmp_path / "short.html"
    short.write_text(make_page(("Only one line here.",)), encoding="utf-8")
    missing = tmp_path / "missing.html"
    blocked = "http://127.0.0.1:9/article"
    result = runner.invoke(app, ["extract", str(missing), blocked, str(short), str(good)],
                           env=ENV)
    assert result.exit_code == 1
    records = _lines(result.stdout)
    assert [r["input"] for r in records] == [str(missing), blocked, str(short), str(good)]
    assert "cannot read" in records[0]["error"]
    assert records[1]["error"] and "title" not in records[1]
    assert records[2]["error"].startswith("too_short")
    assert records[3]["title"] == "Allies agree on new air defence package"


def test_urls_are_fetched_with_the_fetcher(monkeypatch, make_page, paragraphs):
    page = make_page(paragraphs["ru"], title="Пакет ПВО согласован", lang="ru")
    fetched = []

    class FakeFetcher:
        def __init__(self, settings):
            self.settings = settings

        def fetch(self, url, **_):
            fetched.append(url)
            return Response(url=url, final_url=url + "?from=redirect", status=200,
                            headers={"content-type": "text/html; charset=koi8-r"},
                            body=page.encode("koi8-r"), fetched_at=datetime.now(UTC))

        def close(self):
            fetched.append("closed")

    monkeypatch.setattr("presswatch.fetch.client.Fetcher", FakeFetcher)
    result = runner.invoke(app, ["extract", "https://news.example/ru/1"], env=ENV)
    assert result.exit_code == 0, result.output
    (record,) = _lines(result.stdout)
    assert record["title"] == "Пакет ПВО согласован"
    assert record["language"] == "ru"
    assert fetched == ["https://news.example/ru/1", "closed"]
