"""Reader for ``shared/datasets/ntrex-128``: 1,997 news sentences, multi-way parallel in
en (the original), de, ru and uk, in 123 documents.

Paragraphs are built from consecutive sentences of one document (``PARAGRAPH`` sentences each,
the last one of a document may be shorter), so every direction among the four languages has
aligned multi-sentence segments, the unit the checks work on. Documents are split by their
position in the file: even-numbered ones calibrate the length ratios
(``calibrate.py``), odd-numbered ones are scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "datasets" / "ntrex-128"
FILES = {"en": "newstest2019-src.eng.txt", "de": "newstest2019-ref.deu.txt",
         "ru": "newstest2019-ref.rus.txt", "uk": "newstest2019-ref.ukr.txt"}
PARAGRAPH = 3


@dataclass(frozen=True, slots=True)
class Corpus:
    """Sentences by language (aligned line by line) and each line's document number."""

    lines: dict[str, list[str]]
    documents: list[int]

    def sentences(self, lang: str) -> list[str]:
        return self.lines[lang]

    def paragraphs(self, lang: str, half: str = "all") -> list[str]:
        """Paragraphs of ``lang`` in file order; ``half`` is "even", "odd" or "all"
        documents."""
        from benchmarks.translation.corrupt import join_lines

        return [join_lines([self.lines[lang][i] for i in group]) for group in self.groups(half)]

    def groups(self, half: str = "all") -> list[list[int]]:
        """Line numbers of each paragraph."""
        groups: list[list[int]] = []
        for index, doc in enumerate(self.documents):
            if half == "even" and doc % 2 or half == "odd" and not doc % 2:
                continue
            if groups and self.documents[groups[-1][0]] == doc and len(groups[-1]) < PARAGRAPH:
                groups[-1].append(index)
            else:
                groups.append([index])
        return groups


def available(root: Path = CORPUS) -> bool:
    return all((root / name).is_file() for name in FILES.values()) and (
        root / "DOCUMENT_IDS.tsv").is_file()


def load_corpus(root: Path = CORPUS) -> Corpus:
    """The four languages' sentences and document numbers (0, 1, 2, … in file order)."""
    lines = {lang: (root / name).read_text(encoding="utf-8").splitlines()
             for lang, name in FILES.items()}
    ids = (root / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    numbers: dict[str, int] = {}
    documents = [numbers.setdefault(doc.strip(), len(numbers)) for doc in ids]
    sizes = {len(v) for v in lines.values()} | {len(documents)}
    if len(sizes) != 1:
        raise ValueError(f"ntrex-128 files are not aligned: line counts {sorted(sizes)}")
    return Corpus(lines, documents)
