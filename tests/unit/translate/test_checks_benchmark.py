"""The translation benchmark's corruptions, corpus reader, skip and floors (not the full run)."""

from __future__ import annotations

import json
import random

from benchmarks.translation import corrupt, run
from benchmarks.translation.corpus import load_corpus

from presswatch.translate.checks import Checker
from presswatch.translate.glossary import Glossary

PAIR = corrupt.Pair(
    ("Спасатели продолжают поиски", "Встреча прошла в пятницу в Мюнхене.",
     "Погибли 2706 человек, сообщил Уэйд."),
    ("Рятувальники продовжують пошуки", "Зустріч відбулася в п'ятницю в Мюнхені.",
     "Загинули 2706 людей, повідомив Вейд."),
    "ru", "uk")


def rng() -> random.Random:
    return random.Random(7)


def test_a_headline_line_stays_a_sentence_of_its_own():
    assert PAIR.target_text.startswith("Рятувальники продовжують пошуки\nЗустріч відбулася")
    assert "Мюнхені. Загинули" in PAIR.target_text


def test_number_corruptions_touch_a_number_both_sides_share():
    _, changed = corrupt.number_changed(PAIR, rng())
    assert "2706" not in changed and any(ch.isdigit() for ch in changed)
    _, dropped = corrupt.number_dropped(PAIR, rng())
    assert "Загинули людей" in dropped


def test_sentence_and_language_corruptions():
    _, dropped = corrupt.sentence_dropped(PAIR, rng())
    assert dropped.count("\n") + dropped.count(". ") == 1
    _, copied = corrupt.untranslated(PAIR, rng())
    assert any(line in copied for line in PAIR.source_lines)


def test_the_source_spelling_of_a_name_replaces_the_target_one():
    _, text = corrupt.name_source_form(PAIR, rng())
    assert "повідомив Уэйд." in text


def test_a_repetition_loop_is_inserted():
    _, text = corrupt.repetition(PAIR, rng())
    assert len(text.split()) > len(PAIR.target_text.split()) + 3


def test_every_corruption_is_caught_and_the_clean_pair_is_not():
    checker = Checker("ru", "uk", Glossary.load())
    assert checker.check_pair(0, PAIR.source_text, PAIR.target_text) == []
    for name, (expected, make) in corrupt.CORRUPTIONS.items():
        source, target = make(PAIR, rng())
        kinds = {f.kind for f in checker.check_pair(0, source, target)}
        assert expected in kinds, name


def test_term_sentences_pair_a_right_and_a_wrong_form():
    cases = corrupt.term_sentences(Glossary.load(), "ru", "uk")
    kyiv = next(c for c in cases if c.house == "Києві")
    assert (kyiv.source, kyiv.right, kyiv.wrong) == (
        "Об этом сообщили в Киеве.", "Про це повідомили у Києві.", "Про це повідомили у Киеве.")


def test_the_corpus_reader_groups_lines_by_document(tmp_path):
    lines = {"eng": ["A one.", "A two.", "B one."], "deu": ["A eins.", "A zwei.", "B eins."],
             "rus": ["А раз.", "А два.", "Б раз."], "ukr": ["А раз.", "А два.", "Б раз."]}
    for code, text in lines.items():
        kind = "src" if code == "eng" else "ref"
        (tmp_path / f"newstest2019-{kind}.{code}.txt").write_text("\n".join(text) + "\n",
                                                                  encoding="utf-8")
    (tmp_path / "DOCUMENT_IDS.tsv").write_text("a\na\nb\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.groups() == [[0, 1], [2]]
    assert corpus.paragraphs("en", "even") == ["A one. A two."]
    assert corpus.paragraphs("en", "odd") == ["B one."]


def test_without_the_corpus_the_run_is_skipped(tmp_path):
    result = run.run(root=tmp_path / "missing")
    assert "skipped" in result and "corpus not found" in run.report(result)
    assert run.check(result) == []


def test_floors_hold_only_figures_measured_here(tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"floors": {"chrf_x_ru_uk": 30, "checks_recall": 0.95,
                                               "chrf_y_de_uk": 20}}))
    result = {"chrf_x_ru_uk": 25.0, "checks_recall": 0.9, "checks": {"sampled": False}}
    assert run.check(result, baseline) == ["chrf_x_ru_uk = 25.0000 < floor 30",
                                           "checks_recall = 0.9000 < floor 0.95"]
    result["checks"]["sampled"] = True
    assert run.check(result, baseline) == ["chrf_x_ru_uk = 25.0000 < floor 30"]
