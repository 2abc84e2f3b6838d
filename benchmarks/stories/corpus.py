"""ntrex-128 as a story corpus: 123 news documents, each in en, de, ru and uk.

A document's first line is its headline and the rest its body; the four versions of one
document are one story (the gold of issue 5). ``events.json`` also groups the documents that
report one real-world event, for an event-level score. Timelines give every document a
publication time and feed the 492 versions in time order.
"""

from __future__ import annotations

import json
import random
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "datasets" / "ntrex-128"
FILES = {"en": "newstest2019-src.eng.txt", "de": "newstest2019-ref.deu.txt",
         "ru": "newstest2019-ref.rus.txt", "uk": "newstest2019-ref.ukr.txt"}
EVENTS = Path(__file__).with_name("events.json")
START = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Version:
    """One language version of one document."""

    document: str  # e.g. bbc.381790
    language: str
    title: str
    text: str

    @property
    def key(self) -> str:
        return f"{self.document}/{self.language}"


def available(root: Path = CORPUS) -> bool:
    return all((root / name).is_file() for name in (*FILES.values(), "DOCUMENT_IDS.tsv"))


def load_versions(root: Path = CORPUS) -> list[Version]:
    """Every version, documents in file order, languages en, de, ru, uk."""
    ids = (root / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    versions = []
    for language, name in FILES.items():
        lines = (root / name).read_text(encoding="utf-8").splitlines()
        if len(lines) != len(ids):
            raise ValueError(f"{name}: {len(lines)} lines for {len(ids)} document ids")
        documents: OrderedDict[str, list[str]] = OrderedDict()
        for doc_id, line in zip(ids, lines, strict=True):
            documents.setdefault(doc_id.strip(), []).append(line.strip())
        for doc_id, doc_lines in documents.items():
            versions.append(Version(doc_id, language, doc_lines[0], "\n".join(doc_lines[1:])))
    return versions


def event_of() -> dict[str, str]:
    """Document id -> event name, for the documents that share an event."""
    events = json.loads(EVENTS.read_text(encoding="utf-8"))["events"]
    return {doc: name for name, docs in events.items() for doc in docs}


def dev_documents(versions: list[Version]) -> set[str]:
    """The calibration split: every third document id in sorted order (41 of 123)."""
    return set(sorted({v.document for v in versions})[::3])


def timeline(versions: list[Version], *, seed: int, days: float, by_event: bool
             ) -> list[tuple[Version, datetime]]:
    """Each document (or, with ``by_event``, each event) gets a random moment within
    ``days``; each of its documents follows within a day and each language version within
    another day. Returned in publication order: the arrival order."""
    rng = random.Random(seed)
    events = event_of() if by_event else {}
    starts: dict[str, float] = {}
    document_offsets: dict[str, float] = {}
    timed = []
    for version in versions:
        group = events.get(version.document, version.document)
        base = starts.setdefault(group, rng.uniform(0, days * 24))
        offset = document_offsets.setdefault(version.document,
                                             rng.uniform(0, 24) if by_event else 0.0)
        hours = base + offset + rng.uniform(0, 24)
        timed.append((version, START + timedelta(hours=hours)))
    timed.sort(key=lambda pair: pair[1])
    return timed
