"""``presswatch entities``: mentions with offsets, type and entity per input; ``seed``."""

from __future__ import annotations

import json

from sqlalchemy import func, select
from typer.testing import CliRunner

from presswatch.cli.main import app
from presswatch.store.base import Database
from presswatch.store.tables import Entity

runner = CliRunner()


def test_one_json_object_per_text_with_offsets_types_and_entities(tmp_path):
    uk = tmp_path / "uk.txt"
    uk.write_text("Зеленський прибув до Харкова, де зустрівся з Олафом Шольцем.",
                  encoding="utf-8")
    de = tmp_path / "de.txt"
    de.write_text("Selenskyj reiste nach Charkiw und traf dort Olaf Scholz.", encoding="utf-8")
    result = runner.invoke(app, ["entities", str(uk), str(de), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert [r["language"] for r in records] == ["uk", "de"]
    for record, path in zip(records, (uk, de), strict=True):
        text = path.read_text(encoding="utf-8")
        assert all(text[m["start"]:m["end"]] == m["surface"] for m in record["mentions"])
        assert [(m["type"], m["entity"]) for m in record["mentions"]] == [
            ("PER", "person/zelenskyy"), ("LOC", "city/kharkiv"), ("PER", "person/scholz")]


def test_an_unreadable_input_is_reported_and_the_rest_goes_on(tmp_path):
    good = tmp_path / "en.txt"
    good.write_text("NATO met in Brussels.", encoding="utf-8")
    result = runner.invoke(app, ["entities", str(tmp_path / "missing.txt"), str(good),
                                 "--language", "en"])
    assert result.exit_code == 1
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert {m["entity"] for m in record["mentions"]} == {"org/nato", "city/brussels"}


def test_seed_writes_the_entity_base_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    env = {"PRESSWATCH_DATA_DIR": str(tmp_path / "var")}
    assert runner.invoke(app, ["db", "upgrade"], env=env).exit_code == 0
    first = runner.invoke(app, ["entities", "seed"], env=env)
    second = runner.invoke(app, ["entities", "seed"], env=env)
    assert first.exit_code == 0 and second.exit_code == 0, first.output
    assert " 0 new" in second.output and " 0 new" not in first.output
    db = Database(f"sqlite:///{tmp_path / 'var' / 'presswatch.db'}")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Entity)) > 1000
    db.dispose()
