"""Translation memory: paragraphs editors accepted, reused before any engine runs.

A memory unit is a source paragraph and the translation an editor accepted (or a TMX file
brought in). Before an engine translates an article, every segment is looked up:

* **exact**: the same text after ``normalize_segment`` (Unicode NFC, runs of spaces and line
  breaks as one space, no leading or trailing space), found by the hash of that text; the
  stored translation is used as is and the segment's origin is ``memory:exact``;
* **fuzzy**: the most similar stored source at or above ``threshold`` (0.85 by default), by the
  ratio ``2·M / (len(a) + len(b))`` where M is the number of matching characters (rapidfuzz's
  Indel ratio when it is installed, ``difflib`` otherwise). Only units whose length lies in the
  window that ratio allows are scored, which the database filters. With ``fuzzy="use"`` the
  stored translation becomes the draft (origin ``memory:fuzzy:92``); with ``"suggest"`` (the
  default) the engine translates and the desk offers the match; ``"off"`` ignores it.

Only the segments the memory does not cover go to the engine, so a fully known article runs
no engine at all (its engine is then ``memory``).
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from presswatch.errors import ConfigError
from presswatch.models import Block, Translation
from presswatch.settings import Settings
from presswatch.store import memory as store_memory
from presswatch.store.base import Database
from presswatch.translate.interchange import UnitRecord

try:  # optional: the same ratio, computed in C
    from rapidfuzz.fuzz import ratio as _rapid_ratio
except ImportError:  # pragma: no cover - depends on the environment
    _rapid_ratio = None

log = logging.getLogger(__name__)

FUZZY_MODES = ("use", "suggest", "off")
DEFAULT_THRESHOLD = 0.85
_SPACE = re.compile(r"\s+")
EngineArticle = Callable[[str, tuple[Block, ...], str, str], Translation]


def normalize_segment(text: str) -> str:
    """The form memory compares: NFC, one space for any run of white space, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def segment_hash(text: str) -> str:
    """SHA-256 (hex) of the normalized text: the key of an exact match."""
    return hashlib.sha256(normalize_segment(text).encode("utf-8")).hexdigest()


def similarity(a: str, b: str) -> float:
    """``2·M / (len(a) + len(b))`` of the normalized texts, 0.0 to 1.0."""
    a, b = normalize_segment(a), normalize_segment(b)
    if not a and not b:
        return 1.0
    if _rapid_ratio is not None:
        return _rapid_ratio(a, b) / 100.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def length_window(length: int, threshold: float) -> tuple[int, int]:
    """The lengths a text can have and still reach ``threshold`` against one of ``length``."""
    low = int(length * threshold / (2 - threshold))
    high = int(length * (2 - threshold) / threshold) + 1
    return max(low - 1, 0), high


@dataclass(frozen=True, slots=True)
class Match:
    """A memory unit found for a segment: exact, or fuzzy with its score (0–1)."""

    unit_id: int
    source_text: str
    target_text: str
    score: float
    exact: bool
    origin_of_unit: str = ""

    @property
    def percent(self) -> int:
        return int(self.score * 100)

    @property
    def origin(self) -> str:
        """What a segment filled from this match records as its origin."""
        return "memory:exact" if self.exact else f"memory:fuzzy:{self.percent}"


def best_fuzzy(
    text: str, candidates: Sequence[tuple[int, str, str, str]], threshold: float
) -> Match | None:
    """The candidate (id, source, target, origin) most similar to ``text`` at or above
    ``threshold``; on a tie the first (newest) wins."""
    wanted = normalize_segment(text)
    best: Match | None = None
    for unit_id, source, target, origin in candidates:
        other = normalize_segment(source)
        if _rapid_ratio is None:
            quick = SequenceMatcher(None, wanted, other, autojunk=False)
            if quick.real_quick_ratio() < threshold or quick.quick_ratio() < threshold:
                continue
        score = similarity(wanted, other)
        if score >= threshold and (best is None or score > best.score):
            best = Match(unit_id, source, target, score, exact=False, origin_of_unit=origin)
    return best


class DatabaseMemory:
    """The memory in the database; ``translate_article`` is what ``Translator`` calls."""

    def __init__(
        self, db: Database, *, fuzzy: str = "suggest", threshold: float = DEFAULT_THRESHOLD
    ) -> None:
        if fuzzy not in FUZZY_MODES:
            raise ConfigError(f"memory fuzzy mode must be one of {', '.join(FUZZY_MODES)}, "
                              f"not {fuzzy!r}")
        if not 0.5 <= threshold <= 1.0:
            raise ConfigError(f"memory threshold must lie between 0.5 and 1.0, not {threshold}")
        self.db = db
        self.fuzzy = fuzzy
        self.threshold = threshold

    @classmethod
    def from_settings(cls, db: Database, settings: Settings) -> DatabaseMemory:
        return cls(db, fuzzy=settings.memory_fuzzy, threshold=settings.memory_threshold)

    def lookup(self, segments: Sequence[str], source: str, target: str, *,
               fuzzy: bool = True) -> list[Match | None]:
        """One match or None per segment: exact first, then the best fuzzy one."""
        keys = [segment_hash(s) if s.strip() else "" for s in segments]
        with self.db.session() as session:
            exact = store_memory.find_exact(session, source, target, {k for k in keys if k})
            found: list[Match | None] = []
            for text, key in zip(segments, keys, strict=True):
                unit = exact.get(key)
                if unit is not None:
                    found.append(Match(unit.id, unit.source_text, unit.target_text, 1.0,
                                       exact=True, origin_of_unit=unit.origin))
                elif key and fuzzy:
                    low, high = length_window(len(normalize_segment(text)), self.threshold)
                    rows = store_memory.candidates(session, source, target, low, high)
                    found.append(best_fuzzy(text, rows, self.threshold))
                else:
                    found.append(None)
        return found

    def suggestions(self, segments: Sequence[str], source: str, target: str
                    ) -> list[Match | None]:
        """What the desk offers next to each segment (exact or fuzzy, whatever the mode)."""
        return self.lookup(segments, source, target, fuzzy=True)

    def record_use(self, matches: Sequence[Match]) -> None:
        if matches:
            with self.db.session() as session:
                store_memory.record_use(session, [m.unit_id for m in matches])

    def translate_article(
        self, by_engine: EngineArticle, title: str, blocks: tuple[Block, ...], source: str,
        target: str,
    ) -> Translation:
        """The article with memory matches filled in; ``by_engine`` translates the rest."""
        src, dst = language_key(source), language_key(target)
        if src == dst:
            return by_engine(title, blocks, source, target)
        segments = [title, *(block.text for block in blocks)]
        matches = self.lookup(segments, src, dst, fuzzy=self.fuzzy == "use")
        used = {i: m for i, m in enumerate(matches) if m is not None}
        if not used:
            return _with_engine_origins(by_engine(title, blocks, source, target))
        todo = [i for i in range(len(segments)) if i not in used]
        if not todo:
            self.record_use(list(used.values()))
            return _assemble(segments, blocks, used, {}, source, target, engine="memory")
        kinds = ["title", *(block.kind for block in blocks)]
        rest = by_engine(segments[todo[0]],
                         tuple(Block(kinds[i], segments[i]) for i in todo[1:]), source, target)
        if rest.status != "machine":
            return replace(rest, title=title, blocks=blocks, segment_origins=())
        rest = _with_engine_origins(rest)
        texts = [rest.title, *(b.text for b in rest.blocks)]
        filled = {i: (texts[n], rest.segment_origins[n]) for n, i in enumerate(todo)}
        self.record_use(list(used.values()))
        done = _assemble(segments, blocks, used, filled, source, target, engine=rest.engine)
        return replace(done, note=rest.note, extra=dict(rest.extra))


def language_key(code: str) -> str:
    """The primary subtag, lower case: "uk-UA" → "uk"."""
    return code.strip().split("-")[0].split("_")[0].lower()


def _with_engine_origins(tr: Translation) -> Translation:
    """A machine translation whose segments all name the engine, unless they already do."""
    if tr.status != "machine" or len(tr.segment_origins) == len(tr.blocks) + 1:
        return tr
    return replace(tr, segment_origins=(f"engine:{tr.engine}",) * (len(tr.blocks) + 1))


def _assemble(
    segments: list[str], blocks: tuple[Block, ...], used: dict[int, Match],
    filled: dict[int, tuple[str, str]], source: str, target: str, *, engine: str | None,
) -> Translation:
    texts, origins = [], []
    for i in range(len(segments)):
        if i in used:
            texts.append(used[i].target_text)
            origins.append(used[i].origin)
        else:
            text, origin = filled[i]
            texts.append(text)
            origins.append(origin)
    out_blocks = tuple(Block(b.kind, t) for b, t in zip(blocks, texts[1:], strict=True))
    return Translation(language=target, title=texts[0], blocks=out_blocks, status="machine",
                       engine=engine, source_language=source, segment_origins=tuple(origins))


def export_units(db: Database, source: str | None = None, target: str | None = None
                 ) -> list[UnitRecord]:
    """Every unit (of a pair, when given) as a record for ``write_tmx``."""
    with db.session() as session:
        return [UnitRecord(u.source_language, u.target_language, u.source_text, u.target_text,
                           u.origin, u.created_by, u.created_at, u.updated_at, u.use_count)
                for u in store_memory.iter_units(session, source, target)]


def import_units(db: Database, units: Sequence[UnitRecord]) -> tuple[int, int]:
    """Store the units (a unit of the same source and pair is replaced); (new, replaced)."""
    added = replaced = 0
    with db.session() as session:
        for unit in units:
            if not unit.source_text.strip() or not unit.target_text.strip():
                continue
            _row, new = store_memory.upsert_unit(
                session, source=language_key(unit.source_language),
                target=language_key(unit.target_language),
                source_hash=segment_hash(unit.source_text), source_text=unit.source_text,
                target_text=unit.target_text, origin=unit.origin, created_by=unit.created_by,
                created_at=unit.created_at, use_count=unit.use_count)
            added, replaced = (added + 1, replaced) if new else (added, replaced + 1)
    return added, replaced
