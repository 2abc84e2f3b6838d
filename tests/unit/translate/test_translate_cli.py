"""``presswatch translate``: stdin in, the translation with house terms out."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from presswatch.cli.main import app


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSWATCH_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("PRESSWATCH_APERTIUM_DIR", raising=False)
    monkeypatch.delenv("PRESSWATCH_GLOSSARY_FILE", raising=False)
    runner = CliRunner()

    def invoke(args: list[str], stdin: str = ""):
        return runner.invoke(app, ["translate", *args], input=stdin)

    return invoke


def test_ru_to_uk_prints_the_translation_with_house_terms(run, apertium):
    result = run(["--from", "ru", "--to", "uk"],
                 "Президент Украины Владимир Зеленский провёл переговоры в Киеве.\n\n"
                 "Встреча прошла в Харькове.\n")
    assert result.exit_code == 0, result.output
    paragraphs = result.stdout.strip().split("\n\n")
    assert paragraphs[0].startswith("Президент України Володимир Зеленський провів")
    assert paragraphs[0].endswith("у Києві.")
    assert paragraphs[1].endswith("у Харкові.")


def test_a_pair_without_engine_exits_2_with_the_reason(run):
    result = run(["--from", "de", "--to", "uk"], "Kiew meldet Angriffe.\n")
    assert result.exit_code == 2
    assert "no engine for de→uk" in result.stderr
    assert result.stdout == ""


def test_an_unknown_engine_exits_2(run):
    result = run(["--from", "ru", "--to", "uk", "--engine", "babelfish"], "Привет\n")
    assert result.exit_code == 2
    assert "no engine named 'babelfish'" in result.stderr


def test_missing_languages_exit_2(run):
    result = run(["--from", "ru"], "Привет\n")
    assert result.exit_code == 2
    assert "--from and --to" in result.stderr


def test_list_engines_shows_pairs_and_availability(run):
    result = run(["--list-engines"])
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if x.startswith("apertium"))
    name, pairs, state = line.split("\t")
    if state == "available":
        assert pairs == "ru→uk, uk→ru"
    else:
        assert state.startswith("unavailable: ") and pairs == "-"
