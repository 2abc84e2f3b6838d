"""The translation benchmark: MT quality per engine and pair, and the checks' recall and
precision on corrupted references (``mt.py``, ``checks_bench.py``; corpus: NTREX-128).

Flat figures (the keys of ``baseline.json``'s floors):

* ``chrf_<engine>_<src>_<tgt>``: chrF++ of what presswatch publishes (glossary and
  conventions applied), for every engine and pair measured here;
* ``chrf_margin_<engine>_<src>_<tgt>``: the same minus chrF++ of copying the source;
* ``terms_<engine>_<src>_<tgt>``: share of house-term sentences in the house form;
* ``checks_recall``, ``checks_precision``, ``checks_min_recall`` (the weakest corruption).

A floor whose figure was not measured on this machine (an engine missing) is not checked,
and the checks' floors hold only for a run over all paragraphs (not a ``--paragraphs``
sample).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.translation.checks_bench import run_checks
from benchmarks.translation.corpus import CORPUS, available, load_corpus
from benchmarks.translation.mt import run_mt

BASELINE = Path(__file__).with_name("baseline.json")
def run(limit: int | None = None, root: Path = CORPUS,
        check_paragraphs: int | None = None) -> dict[str, Any]:
    """Scores and timings; ``{"skipped": why}`` without the corpus."""
    if not available(root):
        return {"skipped": f"translation benchmark skipped: corpus not found at {root}"}
    corpus = load_corpus(root)
    mt = run_mt(corpus, limit)
    checks = run_checks(corpus, check_paragraphs)
    result: dict[str, Any] = {"mt": mt, "checks": checks}
    copies = {(r["source"], r["target"]): r["chrf"] for r in mt["rows"] if r["engine"] == "copy"}
    for row in mt["rows"]:
        if row.get("variant") != "glossary+conventions" or "chrf" not in row:
            continue
        key = f"{row['engine']}_{row['source']}_{row['target']}"
        result[f"chrf_{key}"] = row["chrf"]
        result[f"chrf_margin_{key}"] = row["chrf"] - copies[(row["source"], row["target"])]
        if row.get("terms") is not None:
            result[f"terms_{key}"] = row["terms"]
    for name in ("checks_recall", "checks_precision", "checks_min_recall"):
        result[name] = checks[name]
    return result


def report(result: dict[str, Any]) -> str:
    """The MT table and the checks table, or why the run was skipped."""
    if "skipped" in result:
        return result["skipped"]
    lines = ["machine translation on NTREX-128 (chrF++ / BLEU, sacrebleu defaults)",
             f"  {'engine':<14}{'pair':<7}{'variant':<22}{'chrF++':>7}{'BLEU':>7}"
             f"{'terms':>7}{'lines':>7}{'s':>6}"]
    for row in result["mt"]["rows"]:
        pair = f"{row['source']}→{row['target']}"
        if "error" in row:
            lines.append(f"  {row['engine']:<14}{pair:<7}failed: {row['error']}")
            continue
        terms = "-" if row.get("terms") is None else f"{row['terms']:.2f}"
        lines.append(f"  {row['engine']:<14}{pair:<7}{row['variant']:<22}{row['chrf']:>7.2f}"
                     f"{row['bleu']:>7.2f}{terms:>7}{row['lines']:>7}{row['seconds']:>6.1f}")
    lines += [f"  not available here: {reason}" for reason in result["mt"]["unavailable"]]
    checks = result["checks"]
    lines.append(f"checks on {checks['clean_paragraphs']} clean paragraphs and their corrupted "
                 f"copies ({checks['seconds']:.0f} s)")
    lines.append(f"  {'corruption':<18}{'n':>6}{'recall':>8}{'precision':>11}")
    for name, scores in checks["corruptions"].items():
        lines.append(f"  {name:<18}{scores['n']:>6}{scores['recall']:>8.3f}"
                     f"{scores['precision']:>11.3f}")
    lines.append(f"  {'all':<18}{'':>6}{result['checks_recall']:>8.3f}"
                 f"{result['checks_precision']:>11.3f}")
    fired = ", ".join(f"{kind} {rate:.1%}" for kind, rate in
                      sorted(checks["clean_fire_rate"].items(), key=lambda kv: -kv[1]))
    lines.append(f"  findings on clean references: {fired or 'none'}")
    return "\n".join(lines)


def check(result: dict[str, Any], baseline_path: Path = BASELINE) -> list[str]:
    """Figures below their floor (floors of figures not measured here are skipped)."""
    if "skipped" in result:
        return []
    floors = json.loads(baseline_path.read_text(encoding="utf-8"))["floors"]
    sampled = result["checks"].get("sampled", False)
    return [f"{key} = {result[key]:.4f} < floor {floor}"
            for key, floor in floors.items()
            if key in result and result[key] < floor
            and not (sampled and key.startswith("checks_"))]
