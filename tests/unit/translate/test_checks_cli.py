"""``presswatch translate --check --from X --to Y SOURCE TARGET``: findings as JSON lines."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from presswatch.cli.main import app

SOURCE = "Встреча прошла в Харькове 12 февраля.\n\nПогибли 2706 человек.\n\nВсе вернулись домой.\n"


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSWATCH_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("PRESSWATCH_GLOSSARY_FILE", raising=False)
    runner = CliRunner()

    def invoke(source: str, target: str, *args: str):
        (tmp_path / "source.txt").write_text(source, encoding="utf-8")
        (tmp_path / "target.txt").write_text(target, encoding="utf-8")
        return runner.invoke(app, ["translate", "--check", *args, str(tmp_path / "source.txt"),
                                   str(tmp_path / "target.txt")])

    return invoke


def test_findings_are_printed_as_json_lines_and_exit_1(run):
    target = ("Зустріч відбулася у Харькове 12 лютого.\n\nЗагинули 2708 людей.\n\n"
              "Усі повернулися додому.\n")
    result = run(SOURCE, target, "--from", "ru", "--to", "uk")
    assert result.exit_code == 1, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["index"], r["kind"], r["severity"], r["text"]) for r in rows] == [
        (0, "term", "error", "Харькове"), (1, "number", "error", "2708")]
    assert rows[0]["suggestion"] == "Харкові"
    assert rows[1]["source_text"] == "2706"
    assert rows[1]["span"] == [9, 13]


def test_a_faithful_translation_prints_nothing_and_exits_0(run):
    target = ("Зустріч відбулася у Харкові 12 лютого.\n\nЗагинули 2706 людей.\n\n"
              "Усі повернулися додому.\n")
    result = run(SOURCE, target, "--from", "ru", "--to", "uk")
    assert (result.exit_code, result.stdout) == (0, "")


def test_files_with_different_paragraph_counts_are_refused(run):
    result = run(SOURCE, "Зустріч відбулася у Харкові.\n", "--from", "ru", "--to", "uk")
    assert result.exit_code == 2
    assert "has 3 paragraphs but" in result.stderr


def test_check_needs_both_languages(run):
    result = run(SOURCE, SOURCE, "--from", "ru")
    assert result.exit_code == 2
    assert "--check needs both --from and --to" in result.stderr


def test_files_without_check_are_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSWATCH_DATA_DIR", str(tmp_path / "var"))
    result = CliRunner().invoke(app, ["translate", "--from", "ru", "--to", "uk", "a.txt"])
    assert result.exit_code == 2
    assert "only for --check" in result.stderr


def test_help_shows_the_check_mode():
    result = CliRunner().invoke(app, ["translate", "--help"])
    assert "--check" in result.stdout and "SOURCE TARGET" in result.stdout
