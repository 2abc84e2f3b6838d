"""Readers for the three NER test sets in ``../shared/datasets`` (read, never copied).

Each reader yields ``NerDoc(text, gold)``: gold is a set of ``(start, end, type)`` character
spans of type PER, LOC or ORG.

- factRuEval-2016 (ru, ``testset/``): a Layer-2 object (Person, Org, Location, LocOrg, the
  last scored as LOC as the official ``-l`` option does) is the smallest range that covers its
  *name* spans (name, surname, patronymic, nickname, org_name, loc_name); descriptor spans
  (org_descr "журнале", loc_descr, job) are not part of the name, and objects with no name span
  at all ("российской" as geo_adj) are left out. The official scorer gives partial credit
  instead; this is the strict reading.
- GermEval 2014 dev (de): column 3 (outer spans) of each sentence, tokens joined by one space;
  PER, LOC and ORG only (``deriv``/``part`` variants, e.g. "deutschen", and OTH are not names
  of those types).
- NER-UK 2.0 test (uk, ``brat-test/``): the outermost Brat spans of any type (as the official
  IOB conversion keeps), then PERS (as PER), ORG and LOC.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATASETS = Path(__file__).resolve().parents[3] / "shared" / "datasets"
NAME_SPANS = {"name", "surname", "patronymic", "nickname", "org_name", "loc_name"}
FACTRU_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
TYPES = ("PER", "LOC", "ORG")


@dataclass(frozen=True, slots=True)
class NerDoc:
    text: str
    gold: frozenset[tuple[int, int, str]]


def factrueval(root: Path = DATASETS / "factrueval-2016") -> Iterator[NerDoc]:
    for txt in sorted((root / "testset").glob("book_*.txt")):
        spans: dict[str, tuple[str, int, int]] = {}
        for line in txt.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
            fields = line.split("#")[0].split()
            if len(fields) >= 4:
                spans[fields[0]] = (fields[1], int(fields[2]), int(fields[2]) + int(fields[3]))
        gold = set()
        for line in txt.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
            fields = line.split("#")[0].split()
            if len(fields) < 3 or fields[1] not in FACTRU_TYPES:
                continue
            named = [spans[s] for s in fields[2:] if s in spans and spans[s][0] in NAME_SPANS]
            if named:
                gold.add((min(s[1] for s in named), max(s[2] for s in named),
                          FACTRU_TYPES[fields[1]]))
        yield NerDoc(txt.read_text(encoding="utf-8"), frozenset(gold))


def germeval(path: Path = DATASETS / "germeval2014-ner" / "NER-de-dev.tsv") -> Iterator[NerDoc]:
    rows: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if rows:
                yield _bio_doc(rows)
            rows = []
            continue
        fields = line.split("\t")
        rows.append((fields[1], fields[2]))


def _bio_doc(rows: list[tuple[str, str]]) -> NerDoc:
    text, gold, offset = [], set(), 0
    current: list = []
    for token, tag in rows:
        start = offset
        offset += len(token) + 1
        text.append(token)
        kind = tag[2:]
        if tag.startswith("I-") and current and current[2] == kind:
            current[1] = start + len(token)
            continue
        if current and current[2] in TYPES:
            gold.add(tuple(current))
        current = [start, start + len(token), kind] if tag[:2] in ("B-", "I-") else []
    if current and current[2] in TYPES:
        gold.add(tuple(current))
    return NerDoc(" ".join(text), frozenset(gold))


def ner_uk(root: Path = DATASETS / "ner-uk" / "brat-test") -> Iterator[NerDoc]:
    for txt in sorted(root.glob("*/*.txt")):
        spans = []
        for line in txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) >= 4 and fields[0].startswith("T"):
                spans.append((int(fields[2]), int(fields[3]), fields[1]))
        outer = [s for s in spans if not any(
            o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
        names = {"PERS": "PER", "ORG": "ORG", "LOC": "LOC"}
        gold = {(s, e, names[t]) for s, e, t in outer if t in names}
        yield NerDoc(txt.read_text(encoding="utf-8"), frozenset(gold))


CORPORA = {
    "factrueval-2016": ("ru", factrueval, DATASETS / "factrueval-2016" / "testset"),
    "germeval2014-ner": ("de", germeval, DATASETS / "germeval2014-ner" / "NER-de-dev.tsv"),
    "ner-uk": ("uk", ner_uk, DATASETS / "ner-uk" / "brat-test"),
}
