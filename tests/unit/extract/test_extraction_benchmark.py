"""The extraction benchmark scores like trafilatura's evaluation and skips without a corpus."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime

from benchmarks.extraction.corpus import Confusion, EvalPage
from benchmarks.extraction.dates import eval_date_accuracy
from benchmarks.extraction.run import TIMED_PAGES, check, report, run


def test_snippets_are_counted_like_trafilaturas_evaluation():
    page = EvalPage("u", "f", with_=("main  text", "missing"), without=("menu", "footer"))
    matrix = Confusion()
    matrix.add(page, "the main\ntext and the menu")
    assert (matrix.tp, matrix.fn, matrix.fp, matrix.tn) == (1, 1, 1, 1)
    matrix.add(page, None)
    assert (matrix.tp, matrix.fn, matrix.fp, matrix.tn) == (1, 3, 1, 3)
    scores = matrix.scores()
    assert scores["precision"] == 0.5 and scores["recall"] == 0.25
    assert round(scores["f1"], 4) == round(2 / (2 + 1 + 3), 4)


def test_missing_corpus_is_a_skip_with_a_reason(tmp_path):
    result = run(root=tmp_path / "nowhere")
    assert "skipped" in result and "corpus not found" in result["skipped"]
    assert report(result) == result["skipped"]


def test_runs_both_extractors_on_a_small_corpus(tmp_path, make_page, paragraphs):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "a.html.gz").write_bytes(
        gzip.compress(make_page(paragraphs["en"]).encode()))
    gold = {"https://x.example/2026/03/05/a": {
        "file": "a.html", "with": [paragraphs["en"][1][:60]],
        "without": ["We use cookies", "All rights reserved"], "date": "2026-03-05"}}
    (tmp_path / "evaldata.json").write_text(json.dumps(gold), encoding="utf-8")
    result = run(root=tmp_path, samplepress=False)
    assert result["pages"] == 1
    for name in ("presswatch", "trafilatura"):
        assert (result[name]["tp"], result[name]["fp"]) == (1, 0)
        assert result[name]["f1"] == 1.0
    assert result["time_ratio"] > 0
    assert result["f1_margin_over_trafilatura"] == 0.0
    assert "presswatch   F1 1.000" in report(result)
    assert "1/1 eval pages exact to the day" in report(result)
    assert check(result) == [], "a one-page run is held to trafilatura, not to the floor"


def test_a_timed_run_slower_than_twice_trafilatura_fails_the_ceiling():
    result = {"pages": TIMED_PAGES, "presswatch_f1": 0.99, "f1_margin_over_trafilatura": 0.05,
              "time_ratio": 2.4}
    assert check(result) == ["time_ratio = 2.40 > ceiling 2.0"]
    assert check({**result, "time_ratio": 1.6}) == []


def test_dates_count_exact_days_and_near_misses():
    pages = [EvalPage("u", "f", (), (), date) for date in
             ("2026-03-05", "2026-03-05", "2026-03-05", "2026-03-05", "not-a-day")]
    found = [datetime(2026, 3, 5, 9, tzinfo=UTC), datetime(2026, 3, 4, 23, tzinfo=UTC),
             datetime(2025, 3, 5, tzinfo=UTC), None, datetime(2026, 1, 1, tzinfo=UTC)]
    assert eval_date_accuracy(zip(pages, found, strict=True)) == {
        "pages": 4, "exact": 1, "within_a_day": 2, "missing": 1}
