"""Run presswatch's ``extract_article`` and bare ``trafilatura.extract`` over the corpus.

Both run on the same pages in the same process, alternating per page, so the time ratio is
measured under the same load. trafilatura runs with its evaluation's canonical options
(``fast=False, include_comments=False, include_tables=True, include_formatting=False``).
presswatch runs with ``min_article_chars=0``: the length gate is a pipeline policy, and a
rejected short page would otherwise count as an extraction miss. Its body text is scored,
without the title: presswatch moves a leading heading that repeats the headline out of the
body (trafilatura keeps it), which costs it the few "with" snippets that are headlines.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from benchmarks.extraction.corpus import CORPUS, Confusion, EvalPage, load_pages, read_html

BASELINE = Path(__file__).with_name("baseline.json")
TRAFILATURA_OPTS = {"fast": False, "include_comments": False, "include_tables": True,
                    "include_formatting": False}


def _extractors() -> dict[str, Any]:
    import trafilatura

    from presswatch.extract.article import extract_article
    from presswatch.models import Article
    from presswatch.settings import Settings

    settings = Settings(_env_file=None, min_article_chars=0)

    def presswatch(body: bytes, url: str) -> str | None:
        result = extract_article(body, url, settings)
        return result.text if isinstance(result, Article) else None

    def bare_trafilatura(body: bytes, url: str) -> str | None:
        return trafilatura.extract(body, **TRAFILATURA_OPTS)

    return {"presswatch": presswatch, "trafilatura": bare_trafilatura}


def _timed(func: Any, body: bytes, url: str) -> tuple[str | None, float, bool]:
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


def run(limit: int | None = None, root: Path = CORPUS) -> dict[str, Any]:
    """Scores and timings for both extractors; ``{"skipped": why}`` without the corpus."""
    if not (root / "evaldata.json").is_file():
        return {"skipped": f"extraction benchmark skipped: corpus not found at {root}"}
    pages: list[EvalPage] = load_pages(root, limit)
    extractors = _extractors()
    warm = read_html(pages[0], root)
    for func in extractors.values():  # load models and caches outside the timed part
        func(warm, pages[0].url)
    matrices = {name: Confusion() for name in extractors}
    seconds = dict.fromkeys(extractors, 0.0)
    crashes = dict.fromkeys(extractors, 0)
    for index, page in enumerate(pages):
        body = read_html(page, root)
        order = list(extractors) if index % 2 == 0 else list(reversed(extractors))
        for name in order:
            output, elapsed, crashed = _timed(extractors[name], body, page.url)
            matrices[name].add(page, output)
            seconds[name] += elapsed
            crashes[name] += crashed
    result: dict[str, Any] = {"pages": len(pages)}
    for name in extractors:
        result[name] = _summary(matrices[name], seconds[name], len(pages), crashes[name])
    # Flat figures, the keys of the floors in baseline.json.
    result["presswatch_f1"] = result["presswatch"]["f1"]
    result["trafilatura_f1"] = result["trafilatura"]["f1"]
    result["f1_margin_over_trafilatura"] = result["presswatch_f1"] - result["trafilatura_f1"]
    result["time_ratio"] = seconds["presswatch"] / seconds["trafilatura"]
    return result


def report(result: dict[str, Any]) -> str:
    """The scores of both extractors and their time ratio, or why the run was skipped."""
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
    lines.append(f"  time ratio presswatch/trafilatura: {result['time_ratio']:.2f}")
    return "\n".join(lines)


def check(result: dict[str, Any], baseline_path: Path = BASELINE) -> list[str]:
    """Figures below their floor. Only a full-corpus run is held to the F1 floor; any run
    is held to scoring at least as well as trafilatura on the same pages."""
    baseline = json.loads(baseline_path.read_text(encoding="utf-8"))
    failures = []
    for key, floor in baseline["floors"].items():
        if key == "presswatch_f1" and result["pages"] < baseline["pages"]:
            continue
        if result[key] < floor:
            failures.append(f"{key} = {result[key]:.4f} < floor {floor}")
    return failures
