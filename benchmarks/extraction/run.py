"""Run presswatch's ``extract_article`` and bare ``trafilatura.extract`` over the corpus.

Both run on the same pages in the same process, alternating per page, so the time ratio is
measured under the same load. trafilatura runs with its evaluation's canonical options
(``fast=False, include_comments=False, include_tables=True, include_formatting=False``).
presswatch runs with ``min_article_chars=0``: the length gate is a pipeline policy, and a
rejected short page would otherwise count as an extraction miss. Its body text is scored,
without the title: presswatch moves a leading heading that repeats the headline out of the
body (trafilatura keeps it), which costs it the few "with" snippets that are headlines.

Besides the scores, the run reports date accuracy: on the eval pages with an annotated day,
and on every sample press article page (``dates``).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from benchmarks.extraction.corpus import CORPUS, Confusion, EvalPage, load_pages, read_html
from benchmarks.extraction.dates import eval_date_accuracy, samplepress_date_accuracy

BASELINE = Path(__file__).with_name("baseline.json")
TRAFILATURA_OPTS = {"fast": False, "include_comments": False, "include_tables": True,
                    "include_formatting": False}
# Timings of fewer pages than this are too noisy to hold to the time ceiling.
TIMED_PAGES = 100
# Floors that only a run over the whole corpus is held to (a subset scores differently).
FULL_RUN_FLOORS = frozenset({"presswatch_f1", "eval_date_exact_share"})


def _extractors() -> dict[str, Any]:
    import trafilatura

    from presswatch.extract.article import extract_article
    from presswatch.models import Article
    from presswatch.settings import Settings

    settings = Settings(_env_file=None, min_article_chars=0)

    def presswatch(body: bytes, url: str, content_type: str = "") -> Article | None:
        result = extract_article(body, url, settings, content_type=content_type)
        return result if isinstance(result, Article) else None

    def bare_trafilatura(body: bytes, url: str) -> str | None:
        return trafilatura.extract(body, **TRAFILATURA_OPTS)

    return {"presswatch": presswatch, "trafilatura": bare_trafilatura}


def _timed(func: Any, body: bytes, url: str) -> tuple[Any, float, bool]:
    start = time.perf_counter()
    try:
        output, crashed = func(body, url), False
    except Exception:  # noqa: BLE001 - a crash scores as a full miss, as upstream does
        output, crashed = None, True
    return output, time.perf_counter() - start, crashed


def _summary(matrix: Confusion, seconds: float, pages: int, crashes: int) -> dict[str, Any]:
    return {**matrix.scores(), "tp": matrix.tp, "fp": matrix.fp, "fn": matrix.fn,
            "tn": matrix.tn, "seconds": seconds, "pages_per_s": pages / seconds if seconds else 0,
            "crashes": crashes}


def _score(pages: list[EvalPage], root: Path, extractors: dict[str, Any]) -> dict[str, Any]:
    matrices = {name: Confusion() for name in extractors}
    seconds = dict.fromkeys(extractors, 0.0)
    crashes = dict.fromkeys(extractors, 0)
    dated = []
    for index, page in enumerate(pages):
        body = read_html(page, root)
        order = list(extractors) if index % 2 == 0 else list(reversed(extractors))
        for name in order:
            output, elapsed, crashed = _timed(extractors[name], body, page.url)
            if name == "presswatch":
                dated.append((page, getattr(output, "published", None)))
                output = output.text if output is not None else None
            matrices[name].add(page, output)
            seconds[name] += elapsed
            crashes[name] += crashed
    result: dict[str, Any] = {name: _summary(matrices[name], seconds[name], len(pages),
                                             crashes[name]) for name in extractors}
    result["time_ratio"] = seconds["presswatch"] / seconds["trafilatura"]
    result["eval_dates"] = eval_date_accuracy(dated)
    return result


def run(limit: int | None = None, root: Path = CORPUS,
        samplepress: bool = True) -> dict[str, Any]:
    """Scores, timings and date accuracy; ``{"skipped": why}`` without the corpus."""
    if not (root / "evaldata.json").is_file():
        return {"skipped": f"extraction benchmark skipped: corpus not found at {root}"}
    pages: list[EvalPage] = load_pages(root, limit)
    extractors = _extractors()
    warm = read_html(pages[0], root)
    for func in extractors.values():  # load models and caches outside the timed part
        func(warm, pages[0].url)
    result: dict[str, Any] = {"pages": len(pages), **_score(pages, root, extractors)}
    # Flat figures, the keys of the floors in baseline.json.
    result["presswatch_f1"] = result["presswatch"]["f1"]
    result["trafilatura_f1"] = result["trafilatura"]["f1"]
    result["f1_margin_over_trafilatura"] = result["presswatch_f1"] - result["trafilatura_f1"]
    dates = result["eval_dates"]
    result["eval_date_exact_share"] = dates["exact"] / dates["pages"] if dates["pages"] else 1.0
    if samplepress:
        sample = samplepress_date_accuracy(extractors["presswatch"])
        result["samplepress_dates"] = sample
        result["samplepress_date_exact_share"] = (sample["exact"] / sample["pages"]
                                                  if sample["pages"] else 1.0)
    return result


def _dates_report(result: dict[str, Any]) -> list[str]:
    lines = []
    known = result.get("eval_dates")
    if known and known["pages"]:
        lines.append(f"  date accuracy: {known['exact']}/{known['pages']} eval pages exact to "
                     f"the day (UTC), {known['within_a_day']}/{known['pages']} within a day, "
                     f"{known['missing']} undated")
    sample = result.get("samplepress_dates")
    if sample and sample["pages"]:
        lines.append(f"  date accuracy: {sample['exact']}/{sample['pages']} sample press pages "
                     f"exact to the minute, {sample['same_day']}/{sample['pages']} to the day")
    return lines


def report(result: dict[str, Any]) -> str:
    """The scores of both extractors, their throughput and time ratio, date accuracy, or why
    the run was skipped."""
    if "skipped" in result:
        return result["skipped"]
    lines = [f"extraction over {result['pages']} pages of trafilatura-eval"]
    for name in ("presswatch", "trafilatura"):
        r = result[name]
        lines.append(
            f"  {name:<12} F1 {r['f1']:.3f}  precision {r['precision']:.3f}  "
            f"recall {r['recall']:.3f}  {r['pages_per_s']:.1f} pages/s"
            + (f"  ({r['crashes']} crashed)" if r["crashes"] else "")
        )
    lines.append(f"  time ratio presswatch/trafilatura: {result['time_ratio']:.2f} "
                 "(same pages, same run)")
    return "\n".join(lines + _dates_report(result))


def check(result: dict[str, Any], baseline_path: Path = BASELINE) -> list[str]:
    """Figures below their floor or above their ceiling. Only a full-corpus run is held to
    the F1 and eval date floors and only a run of at least ``TIMED_PAGES`` pages to the time
    ceiling; any run is held to scoring at least as well as trafilatura on the same pages.
    A figure the run did not measure (the sample press left out) is not held."""
    baseline = json.loads(baseline_path.read_text(encoding="utf-8"))
    failures = []
    for key, floor in baseline["floors"].items():
        if key in FULL_RUN_FLOORS and result["pages"] < baseline["pages"] or key not in result:
            continue
        if result[key] < floor:
            failures.append(f"{key} = {result[key]:.4f} < floor {floor}")
    ceiling = baseline.get("max_time_ratio")
    if ceiling is not None and result["pages"] >= TIMED_PAGES and result["time_ratio"] > ceiling:
        failures.append(f"time_ratio = {result['time_ratio']:.2f} > ceiling {ceiling}")
    return failures
