"""The entity base: people, organisations, places, units and events, one across languages.

An entity has a stable key (``person/zelenskyy``, ``city/kyiv``, ``country/ua``), a type
(PER, ORG, LOC, UNIT, EVT) and names per language; Kyiv = Київ = Киев = Kiew is one entity.
``load_entity_base(path)`` reads the curated file (``presswatch/data/entities.toml`` by
default) on top of what babel and pycountry know: every country and world region, and the
cities CLDR names in its time-zone data, in uk, ru, en and de. A curated entry with the key of
a seeded one adds its names to it.

Names are indexed by the tuple of their words' forms (``textforms.word_forms``): the surface
and, for uk/ru, the pymorphy3 lemma, so «Києві», «Міністерства оборони» and «Зеленського»
find their entity. A person also answers to the last word of the name (the surname).

``EntityBase.match(tokens, language)`` finds the longest names in a tokenized text;
``EntityBase.lookup(surface, language, type)`` links a span a recognizer found: exact
normalized name, then the lemma tuple, then a fuzzy match of the same type.

``entity_edits(base, stored, retired)`` tells what editors changed (entities they made,
names they added, moved or merged) from the entities a database holds now, and
``edited_base(base, edits)`` is the base with those changes; this stage does not read the
database itself (the pipeline hands the records over).
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from presswatch.enrich.ner_context import LazyTokens, one_word_names
from presswatch.enrich.textforms import Token, normalize, stem_form, tokenize, word_forms
from presswatch.errors import ConfigError

__all__ = [
    "LANGUAGES",
    "TYPES",
    "EntityBase",
    "EntityEdits",
    "EntityRecord",
    "NameMatch",
    "default_entity_base",
    "edited_base",
    "entity_edits",
    "load_entity_base",
]

LANGUAGES = ("uk", "ru", "en", "de")
TYPES = ("PER", "ORG", "LOC", "UNIT", "EVT")
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "entities.toml"
FUZZY_RATIO = 0.88
_STEMMED = ("uk", "ru", "de")
_GAP_CHARS = set(" \t\n-‐‑–'’«»„“”\"")


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """One entity: ``names`` holds the display name per language, ``variants`` every name."""

    key: str
    type: str
    names: dict[str, str] = field(hash=False)
    variants: dict[str, tuple[str, ...]] = field(hash=False)
    description: str = ""
    source: str = "curated"

    def name(self, language: str) -> str:
        """The display name in ``language``, else English, else any."""
        return self.names.get(language) or self.names.get("en") or next(iter(self.names.values()))


@dataclass(frozen=True, slots=True)
class NameMatch:
    """Tokens ``first..last`` (inclusive) of a text spell a name of entity ``key``."""

    first: int
    last: int
    key: str


@dataclass(slots=True)
class _Name:
    words: tuple[str, ...]
    key: str
    stemmed: bool
    surface: str = ""  # a one-word name as written (normalized): Кошта, Чита


class EntityBase:
    """An in-memory, indexed set of entities (built once per process by ``load_entity_base``)."""

    def __init__(self, records: Sequence[EntityRecord]) -> None:
        self.records: dict[str, EntityRecord] = {}
        self._by_first: dict[str, list[_Name]] = {}
        self._by_norm: dict[str, set[str]] = {}
        self._fuzzy: dict[str, list[tuple[str, str]]] = {}
        self._fuzzy_cache: dict[tuple[str, str | None], EntityRecord | None] = {}
        self._lower_starts: set[str] = set()  # first words of names written in lower case
        for record in records:
            self.add(record)

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[EntityRecord]:
        return iter(self.records.values())

    def __contains__(self, key: object) -> bool:
        return key in self.records

    def get(self, key: str) -> EntityRecord | None:
        return self.records.get(key)

    def add(self, record: EntityRecord) -> None:
        """Index a record; a record with a known key adds its names to the known one."""
        known = self.records.get(record.key)
        if known is not None:
            record = _merged(known, record)
        self.records[record.key] = record
        self._fuzzy_cache = {}
        for language, names in record.variants.items():
            for name in names:
                self._index(name, language, record)

    def _index(self, name: str, language: str, record: EntityRecord) -> None:
        words = [t.text for t in tokenize(name)]
        if not words:
            return
        if name[:1].islower() and " " not in name.strip():
            self._lower_starts.add(words[0])  # dpa, taz, n-tv: matched only as written
        norm = normalize(name)
        self._by_norm.setdefault(norm, set()).add(record.key)
        self._fuzzy.setdefault(norm[:2], []).append((norm, record.key))
        keys = {tuple(normalize(w) for w in words)}
        if language in ("uk", "ru"):
            keys.add(tuple(_first_lemma(w, language) for w in words))
        surface = norm if len(words) == 1 else ""
        for key_words in keys:
            self._add_name(_Name(key_words, record.key, False, surface))
        if (language in ("uk", "ru") and record.type == "PER") or (
                language == "de" and len(words) > 1):
            stems = tuple(stem_form(w, language) for w in words)
            if all(len(stem) >= 3 for stem in stems):
                self._add_name(_Name(stems, record.key, True, surface))

    def _add_name(self, name: _Name) -> None:
        bucket = self._by_first.setdefault(name.words[0], [])
        if all((n.words, n.stemmed, n.key) != (name.words, name.stemmed, name.key)
               for n in bucket):
            bucket.append(name)

    def match(self, tokens: Sequence[Token], text: str, language: str) -> list[NameMatch]:
        """Longest names, left to right, from a capital, a digit or a lower-case name (dpa)."""
        forms = LazyTokens(lambda t: set(word_forms(t.text, language)), tokens)
        stems = LazyTokens(lambda t: stem_form(t.text, language) if language in _STEMMED else "",
                      tokens)
        found: list[NameMatch] = []
        i = 0
        while i < len(tokens):
            best = None
            word = tokens[i].text
            if word[:1].isupper() or word[:1].isdigit() or word in self._lower_starts:
                best = self._longest_at(i, tokens, text, forms, stems, language)
            if best is None:
                i += 1
                continue
            found.append(best)
            i = best.last + 1
        return found

    def _longest_at(self, i: int, tokens: Sequence[Token], text: str,
                    forms: LazyTokens, stems: LazyTokens, language: str) -> NameMatch | None:
        candidates = [n for f in forms[i] for n in self._by_first.get(f, ())]
        if stems[i]:
            candidates += [n for n in self._by_first.get(stems[i], ()) if n.stemmed]
        best: NameMatch | None = None
        allowed: tuple[str, ...] | None | bool = False  # the one-word names token i may spell
        for name in candidates:
            last = i + len(name.words) - 1
            if last == i and language in ("uk", "ru"):
                if allowed is False:
                    allowed = one_word_names(i, tokens, text, language)
                if allowed is not None and name.surface not in allowed:
                    continue  # «Кошти отримає …» is no Кошта, «Кубка України» no place
            if last >= len(tokens) or (best is not None and last < best.last):
                continue
            if best is not None and last == best.last and not self._preferred(name.key, best.key):
                continue
            if _fits(name, i, tokens, text, forms, stems):
                best = NameMatch(i, last, name.key)
        return best

    def _preferred(self, key: str, over: str) -> bool:
        """Between two names of one length, a curated entity wins over a seeded one."""
        return self.records[key].source == "curated" != self.records[over].source

    def lookup(self, surface: str, language: str, type_: str | None = None) -> EntityRecord | None:
        """The entity a recognized span names: exact, then by lemmas, then fuzzy (same type)."""
        keys = self._by_norm.get(normalize(surface), set())
        record = self._pick(keys, type_)
        if record is not None:
            return record
        tokens = tokenize(surface)
        if tokens:
            hits = self.match(tokens, surface, language)
            if len(hits) == 1 and hits[0].first == 0 and hits[0].last == len(tokens) - 1:
                record = self._pick({hits[0].key}, type_)
                if record is not None:
                    return record
        return self._fuzzy_lookup(normalize(surface), type_)

    def _pick(self, keys: set[str], type_: str | None) -> EntityRecord | None:
        records = sorted((self.records[k] for k in keys), key=lambda r: r.key)
        if type_ is not None:
            records = [r for r in records if _type_agrees(r.type, type_)]
        return records[0] if len(records) == 1 or (records and type_) else None

    def _fuzzy_lookup(self, norm: str, type_: str | None) -> EntityRecord | None:
        if len(norm) < 5:
            return None
        cached = self._fuzzy_cache.get((norm, type_), False)
        if cached is not False:
            return cached
        best, best_ratio = None, FUZZY_RATIO
        matcher = difflib.SequenceMatcher(None, b=norm)
        for name, key in self._fuzzy.get(norm[:2], ()):
            record = self.records[key]
            if abs(len(name) - len(norm)) > 3 or (
                    type_ is not None and not _type_agrees(record.type, type_)):
                continue
            matcher.set_seq1(name)
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = record, ratio
        if len(self._fuzzy_cache) > 50_000:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[(norm, type_)] = best
        return best


def _fits(name: _Name, i: int, tokens: Sequence[Token], text: str,
          forms: LazyTokens, stems: LazyTokens) -> bool:
    for k, word in enumerate(name.words):
        j = i + k
        if k and not set(text[tokens[j - 1].end:tokens[j].start]) <= _GAP_CHARS:
            return False
        if k and tokens[j].end - tokens[j - 1].end > 60:
            return False
        if word not in (({stems[j]}) if name.stemmed else forms[j]):
            return False
    return True


def _first_lemma(word: str, language: str) -> str:
    forms = word_forms(word, language)
    return forms[1] if len(forms) > 1 else forms[0]


def _type_agrees(entity_type: str, span_type: str) -> bool:
    if entity_type == span_type:
        return True
    return {entity_type, span_type} <= {"ORG", "UNIT"} or {entity_type, span_type} <= {"LOC"}


def _merged(old: EntityRecord, new: EntityRecord) -> EntityRecord:
    variants = {lang: tuple(dict.fromkeys(old.variants.get(lang, ()) + names))
                for lang, names in new.variants.items()}
    for lang, names in old.variants.items():
        variants.setdefault(lang, names)
    return EntityRecord(
        key=old.key, type=new.type, names={**old.names, **new.names}, variants=variants,
        description=new.description or old.description, source=new.source,
    )


def records_from_toml(data: dict, *, source: str = "curated") -> list[EntityRecord]:
    """``[[entity]]`` tables: key, type, about, and per language ``"Name | Variant | …"``."""
    records = []
    for table in data.get("entity", []):
        key, type_ = table.get("key", ""), table.get("type", "")
        if not key or type_ not in TYPES:
            raise ConfigError(f"entity {key or table!r}: needs a key and a type in {TYPES}")
        variants: dict[str, tuple[str, ...]] = {}
        for language in LANGUAGES:
            names = [n.strip() for n in table.get(language, "").split("|") if n.strip()]
            if type_ == "PER":
                names += [n.split()[-1] for n in names if len(n.split()) > 1
                          and len(n.split()[-1]) >= 4]
            if names:
                variants[language] = tuple(dict.fromkeys(names))
        if not variants:
            raise ConfigError(f"entity {key}: no names")
        records.append(EntityRecord(
            key=key, type=type_, names={lang: v[0] for lang, v in variants.items()},
            variants=variants, description=table.get("about", ""), source=source,
        ))
    return _without_shared_surnames(records, data)


def _without_shared_surnames(records: list[EntityRecord], data: dict) -> list[EntityRecord]:
    """A surname two people share (Федоров) names neither alone, unless written out."""
    written = {n.strip() for table in data.get("entity", []) for lang in LANGUAGES
               for n in table.get(lang, "").split("|") if len(n.split()) == 1}
    owners: dict[str, set[str]] = {}
    for record in records:
        if record.type == "PER":
            for names in record.variants.values():
                for name in names:
                    if " " not in name and name not in written:
                        owners.setdefault(name, set()).add(record.key)
    shared = {name for name, keys in owners.items() if len(keys) > 1}
    if not shared:
        return records
    return [EntityRecord(r.key, r.type, r.names,
                         {lang: tuple(n for n in names if n not in shared)
                          for lang, names in r.variants.items()}, r.description, r.source)
            for r in records]


def load_entity_base(path: Path | None = None, *, seed: bool = True) -> EntityBase:
    """Seeded countries, regions and cities, then the curated file (default: the packaged one).

    Raises ConfigError for a missing or malformed file.
    """
    from presswatch.enrich.seeds import seed_records

    path = path or DEFAULT_PATH
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"cannot read the entity file {path}: {err}") from err
    records = (seed_records() if seed else []) + records_from_toml(data)
    return EntityBase(records)


@lru_cache(maxsize=4)
def default_entity_base(path: str | None = None) -> EntityBase:
    """The process-wide base for ``path`` (None: the packaged file), built on first use."""
    return load_entity_base(Path(path) if path else None)


@dataclass(frozen=True, slots=True)
class EntityEdits:
    """What a database changed in a base: ``records`` replace or join the base's records of
    their keys; the ``retired`` keys (merged into another entity) leave."""

    records: tuple[EntityRecord, ...] = ()
    retired: frozenset[str] = frozenset()


def entity_edits(base: EntityBase, stored: Iterable[EntityRecord],
                 retired: Iterable[str] = ()) -> EntityEdits:
    """The edits that turn ``base`` into the ``stored`` entities (every name each holds now).

    A stored entity the base lacks joins; one the base has keeps the base's names, gains its
    stored ones and loses a name the database holds only under other keys (a split or a merge
    moved it there; a name nobody stores is simply not seeded yet, and stays)."""
    stored = {record.key: record for record in stored}
    holders: dict[tuple[str, str], set[str]] = {}
    for record in stored.values():
        for language, names in record.variants.items():
            for name in names:
                holders.setdefault((language, name), set()).add(record.key)
    retired = frozenset(key for key in retired if key in base or key in stored)
    changed = []
    for key, record in stored.items():
        packaged = base.get(key)
        edited = record if packaged is None else _edited(packaged, record, holders)
        if key not in retired and edited is not packaged and record.variants:
            changed.append(edited)
    return EntityEdits(tuple(changed), retired)


def _edited(packaged: EntityRecord, stored: EntityRecord,
            holders: dict[tuple[str, str], set[str]]) -> EntityRecord:
    variants = {}
    for language in dict.fromkeys([*packaged.variants, *stored.variants]):
        kept = [n for n in packaged.variants.get(language, ())
                if packaged.key in holders.get((language, n), {packaged.key})]
        names = tuple(dict.fromkeys([*kept, *stored.variants.get(language, ())]))
        if names:
            variants[language] = names
    if variants == packaged.variants and stored.type == packaged.type:
        return packaged
    names = {lang: packaged.names[lang] if packaged.names.get(lang) in v else v[0]
             for lang, v in variants.items()}
    return EntityRecord(packaged.key, stored.type, names, variants, packaged.description,
                        packaged.source)


def edited_base(base: EntityBase, edits: EntityEdits) -> EntityBase:
    """``base`` with ``edits`` applied (``base`` itself when there are none)."""
    if not edits.records and not edits.retired:
        return base
    replaced = {record.key: record for record in edits.records}
    records = [replaced.pop(r.key, r) for r in base if r.key not in edits.retired]
    return EntityBase(records + list(replaced.values()))
