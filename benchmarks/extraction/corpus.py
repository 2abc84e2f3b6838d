"""Reader for ``shared/datasets/trafilatura-eval`` and its scoring rule.

Scored like trafilatura's own evaluation (upstream ``tests/eval_common.py``): per page every
"with" snippet found in the output is a true positive, else a false negative; every "without"
snippet found is a false positive, else a true negative. Both sides are whitespace-normalised
before the substring test. A page with no output counts all its snippets as missed/absent.
Counts are pooled over the corpus.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "datasets" / "trafilatura-eval"


@dataclass(frozen=True, slots=True)
class EvalPage:
    url: str
    file: str
    with_: tuple[str, ...]
    without: tuple[str, ...]
    date: str = ""  # the annotated publication day (YYYY-MM-DD), where the corpus has one


def load_pages(root: Path = CORPUS, limit: int | None = None) -> list[EvalPage]:
    """The annotated pages in file order (the first ``limit`` of them)."""
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    pages = [EvalPage(url, item["file"], tuple(item["with"]), tuple(item["without"]),
                      str(item.get("date") or ""))
             for url, item in data.items() if item.get("file")]
    return pages[:limit] if limit else pages


def read_html(page: EvalPage, root: Path = CORPUS) -> bytes:
    return gzip.decompress((root / "html" / f"{page.file}.gz").read_bytes())


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, page: EvalPage, output: str | None) -> None:
        text = norm(output) if isinstance(output, str) else None
        found = sum(1 for s in page.with_ if text is not None and norm(s) in text)
        leaked = sum(1 for s in page.without if text is not None and norm(s) in text)
        self.tp += found
        self.fn += len(page.with_) - found
        self.fp += leaked
        self.tn += len(page.without) - leaked

    def scores(self) -> dict[str, float]:
        total = self.tp + self.fp + self.fn + self.tn
        return {
            "precision": self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0,
            "recall": self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0,
            "accuracy": (self.tp + self.tn) / total if total else 0.0,
            "f1": 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0,
        }
