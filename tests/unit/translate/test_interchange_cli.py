"""``presswatch memory`` and ``presswatch glossary`` through the real typer app."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from presswatch.cli.main import app
from presswatch.errors import InputError
from presswatch.store import migrate
from presswatch.translate.interchange import UnitRecord, read_tmx, write_tmx
from presswatch.translate.tbx import read_tbx


@pytest.fixture
def env(tmp_path, monkeypatch):
    for name in list(os.environ):
        if name.startswith("PRESSWATCH_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env file
    migrate.upgrade(f"sqlite:///{tmp_path / 'presswatch.db'}")
    return {"PRESSWATCH_DATA_DIR": str(tmp_path)}


def run(env, *args: str):
    return CliRunner().invoke(app, list(args), env=env)


def test_tmx_import_then_export_gives_the_same_units(env, tmp_path):
    units = [UnitRecord("ru", "uk", "Поезд прибыл.", "Потяг прибув.", origin="editor:alice",
                        created_by="alice"),
             UnitRecord("ru", "en", "Поезд прибыл.", "The train arrived.")]
    (tmp_path / "in.tmx").write_bytes(write_tmx(units))
    result = run(env, "memory", "import-tmx", str(tmp_path / "in.tmx"))
    assert result.exit_code == 0, result.output
    assert "2 new unit(s), 0 replaced" in result.output
    assert "ru→en\t1" in run(env, "memory", "stats").output
    assert run(env, "memory", "export-tmx", str(tmp_path / "out.tmx"), "--to", "uk"
               ).exit_code == 0
    back = read_tmx((tmp_path / "out.tmx").read_bytes()).units
    assert [(u.target_text, u.origin, u.created_by) for u in back] == [
        ("Потяг прибув.", "editor:alice", "alice")]
    again = run(env, "memory", "import-tmx", str(tmp_path / "in.tmx"))
    assert "0 new unit(s), 2 replaced" in again.output


def test_a_bad_tmx_file_is_refused_with_its_name(env, tmp_path):
    (tmp_path / "bad.tmx").write_text("<tmx><body>", encoding="utf-8")
    result = run(env, "memory", "import-tmx", str(tmp_path / "bad.tmx"))
    assert isinstance(result.exception, InputError)
    assert "bad.tmx: not well-formed XML" in str(result.exception)


def test_glossary_import_overrides_the_built_in_term_and_export_shows_it(env, tmp_path):
    (tmp_path / "terms.csv").write_text(
        "concept,language,term,forms,variants,note\n"
        "kyiv,en,Kyiv,,Kiev; Kiyv,house style since 2019\n"
        "chisinau,uk,Кишинів,loc=Кишиневі,loc=Кишиневе,\n", encoding="utf-8")
    result = run(env, "glossary", "import", str(tmp_path / "terms.csv"), "--by", "alice")
    assert result.exit_code == 0, result.output
    assert "2 term(s) stored" in result.output
    out = run(env, "glossary", "export", "--format", "csv").stdout
    assert "kyiv,en,Kyiv,,Kiev; Kiyv,house style since 2019" in out
    assert "chisinau,uk,Кишинів," in out
    assert "kharkiv,uk,Харків," in out  # built-in terms are part of the export
    assert run(env, "glossary", "export", str(tmp_path / "g.tbx"), "--format", "tbx"
               ).exit_code == 0
    records = read_tbx((tmp_path / "g.tbx").read_bytes())
    assert any(r.concept == "chisinau" and r.term == "Кишинів" for r in records)


def test_glossary_export_refuses_an_unknown_format(env):
    result = run(env, "glossary", "export", "--format", "xlsx")
    assert isinstance(result.exception, InputError)
    assert "use csv or tbx" in str(result.exception)
