"""``presswatch sources ...`` against a temporary SQLite database, with HTTP mocked."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from presswatch.cli import sources_cmd
from presswatch.cli.main import app
from presswatch.errors import ConfigError, InputError
from presswatch.fetch.client import Fetcher
from presswatch.settings import Settings
from presswatch.store import migrate
from presswatch.store import sources as store
from presswatch.store.base import Database, utcnow

CATALOG = """
[[outlet]]
name = "Berliner Morgenblatt"
country = "DE"
language = "de"
homepage = "https://morgenblatt.example/"
feeds = ["https://morgenblatt.example/rss.xml"]

[[outlet]]
name = "Kharkiv Courier"
country = "UA"
language = "uk"
homepage = "https://courier.example/"
feeds = ["https://courier.example/atom.xml", "https://courier.example/feed.json"]
"""

HOME = b"""<html lang="pl"><head><title>Warsaw Ledger</title>
<link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body></body></html>"""
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger Wire</title>
<item><title>t</title><link>https://ledger.example/a</link></item></channel></rss>"""
PAGES = {"/": HOME, "/rss.xml": FEED, "/nofeed": b"<html><head><title>x</title></head></html>"}


def serve(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/robots.txt":
        return httpx.Response(404)
    body = PAGES.get(request.url.path)
    return httpx.Response(200, content=body) if body is not None else httpx.Response(404)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("PRESSWATCH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PRESSWATCH_MIN_HOST_INTERVAL", "0")
    monkeypatch.setenv("COLUMNS", "250")
    migrate.upgrade(Settings().db_url)

    def fetcher(settings: Settings) -> Fetcher:
        public = lambda *a, **k: [(2, 1, 6, "", ("93.184.216.34", 443))]  # noqa: E731
        return Fetcher(settings, httpx.MockTransport(serve), resolver=public)

    monkeypatch.setattr(sources_cmd, "Fetcher", fetcher)
    return CliRunner()


def run(cli: CliRunner, *args: str):
    result = cli.invoke(app, ["sources", *args])
    if result.exception and not isinstance(result.exception, (InputError, ConfigError)):
        raise result.exception
    return result


def test_import_twice_counts_then_changes_nothing(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "catalog.toml"
    path.write_text(CATALOG, encoding="utf-8")
    first = run(cli, "import", str(path))
    assert first.exit_code == 0, first.output
    assert "2 outlet(s): 2 new, 0 already known; 3 new feed(s)" in first.output
    second = run(cli, "import", str(path))
    assert "0 new, 2 already known; 0 new feed(s)" in second.output


def test_import_of_a_bad_catalog_names_the_problem(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "catalog.toml"
    path.write_text('[[outlet]]\nname = "No homepage"\n', encoding="utf-8")
    result = run(cli, "import", str(path))
    assert result.exit_code != 0
    assert isinstance(result.exception, InputError)
    assert "outlet #1 (No homepage): homepage is missing" in str(result.exception)


def test_list_shows_feed_health(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "catalog.toml"
    path.write_text(CATALOG, encoding="utf-8")
    run(cli, "import", str(path))
    db = Database(Settings().db_url)
    with db.session() as s:
        feeds = {f.url: f.id for f in store.list_feeds(s)}
        store.record_feed_fetch(s, feeds["https://morgenblatt.example/rss.xml"], status=200,
                                etag=None, last_modified=None, items_new=12, now=utcnow(),
                                interval_minutes=30)
        store.record_feed_error(s, feeds["https://courier.example/atom.xml"],
                                "https://courier.example/atom.xml: HTTP 503 after 3 attempt(s)",
                                now=utcnow(), interval_minutes=30)
    db.dispose()
    result = run(cli, "list")
    assert result.exit_code == 0, result.output
    morgenblatt = table_row(result.output, "https://morgenblatt.example/rss.xml")
    assert "Berliner Morgenblatt" in morgenblatt and "HTTP 200" in morgenblatt
    assert "│ 12 │" in morgenblatt
    courier = table_row(result.output, "https://courier.example/atom.xml")
    assert "Kharkiv Courier" in courier and "HTTP 503 after 3 attempt(s)" in courier
    assert "never" in table_row(result.output, "https://courier.example/feed.json")


def table_row(output: str, url: str) -> str:
    """The cells of the table row that mentions ``url``, each cell's lines joined."""
    blocks, block = [], []
    for line in output.splitlines():
        if line.startswith(("├", "└", "┡")):
            blocks.append(block)
            block = []
        elif line.startswith("│"):
            block.append(line)
    for lines in blocks:
        cells = zip(*(line.strip("│").split("│") for line in lines), strict=True)
        text = "│ " + " │ ".join(" ".join("".join(c.strip() for c in cell).split())
                                  for cell in cells) + " │"
        if url in text:
            return text
    raise AssertionError(f"no row for {url} in:\n{output}")


def test_list_on_an_empty_database_says_what_to_do(cli: CliRunner) -> None:
    result = run(cli, "list")
    assert "no outlets yet" in result.output


def test_add_discovers_the_feed_of_a_homepage(cli: CliRunner) -> None:
    result = run(cli, "add", "https://ledger.example/", "--country", "PL")
    assert result.exit_code == 0, result.output
    assert "Warsaw Ledger (https://ledger.example/): added" in result.output
    assert "https://ledger.example/rss.xml" in result.output
    entries = run(cli, "export-opml").output
    assert 'xmlUrl="https://ledger.example/rss.xml"' in entries
    assert 'language="pl"' in entries and 'country="PL"' in entries


def test_add_on_a_known_outlet_keeps_its_catalog_name(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "catalog.toml"
    path.write_text('[[outlet]]\nname = "Ledger"\nlanguage = "pl-PL"\n'
                    'homepage = "https://ledger.example/"\n', encoding="utf-8")
    run(cli, "import", str(path))
    result = run(cli, "add", "https://ledger.example/")
    assert "Ledger (https://ledger.example/): already known;" in result.output
    assert "1 new feed(s)" in result.output
    opml = run(cli, "export-opml").output
    assert 'text="Ledger"' in opml and 'language="pl-PL"' in opml


def test_add_accepts_a_feed_url(cli: CliRunner) -> None:
    result = run(cli, "add", "https://ledger.example/rss.xml", "--name", "Ledger")
    assert result.exit_code == 0, result.output
    assert "Ledger (https://ledger.example/): added; the URL is a feed" in result.output


def test_add_without_a_feed_is_a_clear_error(cli: CliRunner) -> None:
    result = run(cli, "add", "https://ledger.example/nofeed")
    assert isinstance(result.exception, InputError)
    assert "no feed found at https://ledger.example/nofeed" in str(result.exception)


def test_opml_export_then_import_into_a_fresh_database(cli: CliRunner, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = tmp_path / "catalog.toml"
    catalog.write_text(CATALOG, encoding="utf-8")
    run(cli, "import", str(catalog))
    opml = tmp_path / "out.opml"
    assert run(cli, "export-opml", str(opml)).exit_code == 0
    monkeypatch.setenv("PRESSWATCH_DATA_DIR", str(tmp_path / "fresh"))
    migrate.upgrade(Settings().db_url)
    result = run(cli, "import-opml", str(opml))
    assert "2 outlet(s): 2 new, 0 already known; 3 new feed(s)" in result.output
    exported_again = run(cli, "export-opml").output
    assert exported_again == opml.read_text(encoding="utf-8")


def test_an_unmigrated_database_says_to_upgrade(cli: CliRunner, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSWATCH_DATA_DIR", str(tmp_path / "empty"))
    result = run(cli, "list")
    assert isinstance(result.exception, ConfigError)
    assert "presswatch db upgrade" in str(result.exception)
