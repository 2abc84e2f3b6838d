"""The house glossary as the desk edits it: the built-in file plus the terms in the database.

A database term (``GlossaryTerm``: concept, language) replaces the file's entry of the same
term id and language, or adds a term. For uk and ru the term is read as a lemma, so pymorphy3
writes its case forms and the case forms of each wrong spelling given without a case; forms
written out win (see ``presswatch.translate.glossary``). ``DatabaseTerms.glossary(base)``
rebuilds the merged glossary only when the terms changed, so an edit in the desk reaches the
next translation of a running worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from presswatch.errors import ConfigError, InputError
from presswatch.store import glossary_terms as store_terms
from presswatch.store.base import Database
from presswatch.store.tables import GlossaryTerm
from presswatch.translate import morph
from presswatch.translate.glossary import Glossary, Term, TermLanguage, _parse_language
from presswatch.translate.interchange import (
    AFTER_PREP,
    TermRecord,
    read_glossary_csv,
    write_glossary_csv,
)
from presswatch.translate.tbx import read_tbx, write_tbx

log = logging.getLogger(__name__)
FORMATS = ("csv", "tbx")


def entry_from_record(record: TermRecord) -> TermLanguage:
    """The glossary entry of a record; ``ConfigError`` when its forms do not fit together."""
    raw: dict[str, object] = {"forms": {"nom": record.term, **{c: f for c, f in record.forms
                                                                if c}}}
    wrong: dict[str, list[str]] = {}
    locative: list[str] = []
    lemmas: list[str] = []
    for case, form in record.variants:
        if case == AFTER_PREP:
            locative.append(form)
        elif case:
            wrong.setdefault(case, []).append(form)
        else:
            lemmas.append(form)
    if record.language in morph.LANGUAGES:
        raw["lemma"] = record.term
        if lemmas:
            raw["wrong_lemmas"] = lemmas
    elif lemmas:
        wrong.setdefault("nom", []).extend(lemmas)
    if wrong:
        raw["wrong"] = wrong
    if locative:
        raw["wrong_locative"] = locative
    return _parse_language(raw, f"term {record.concept}.{record.language}", record.language)


def merge(base: Glossary, records: Iterable[TermRecord]) -> Glossary:
    """``base`` with each record replacing or adding its term's language."""
    languages: dict[str, dict[str, TermLanguage]] = {
        term.id: dict(term.languages) for term in base.terms}
    for record in records:
        languages.setdefault(record.concept, {})[record.language] = entry_from_record(record)
    return Glossary([Term(term_id, langs) for term_id, langs in languages.items()],
                    base.locative)


def checked_merge(base: Glossary, records: Iterable[TermRecord]) -> Glossary:
    """``merge``, with a problem reported as ``InputError`` (for the desk and the CLI)."""
    try:
        return merge(base, records)
    except ConfigError as err:
        raise InputError(f"the glossary would not be valid: {err}") from err


def record_from_row(row: GlossaryTerm) -> TermRecord:
    return TermRecord(
        concept=row.concept, language=row.language, term=row.term,
        forms=tuple((f.get("case", ""), f["form"]) for f in row.forms or ()),
        variants=tuple((v.get("case", ""), v["form"]) for v in row.variants or ()),
        note=row.note or "",
    )


def row_values(record: TermRecord) -> dict[str, object]:
    """Keyword arguments of ``store.glossary_terms.upsert_term`` for a record."""
    return {
        "concept": record.concept, "language": record.language, "term": record.term,
        "forms": [{"case": c, "form": f} for c, f in record.forms],
        "variants": [{"case": c, "form": f} for c, f in record.variants],
        "note": record.note,
    }


def records_from_glossary(glossary: Glossary) -> list[TermRecord]:
    """Every term and language of a glossary as records (the house forms by case, the wrong
    forms written for a case, and the wrong spellings pymorphy3 declined, without a case)."""
    records = []
    for term in glossary.terms:
        for lang, entry in term.languages.items():
            forms = tuple((c, f) for c, f in entry.forms.items() if c != "nom")
            variants = [(c, w) for c, ws in entry.wrong.items() for w in ws]
            written = {w for _c, w in variants}
            variants += [("", w) for w in entry.generated_wrong.get("nom", ())
                         if w not in written]
            variants += [(AFTER_PREP, w) for w in entry.wrong_locative]
            records.append(TermRecord(term.id, lang, entry.forms["nom"], forms,
                                      tuple(dict.fromkeys(variants))))
    return records


class DatabaseTerms:
    """The terms in the database, merged over a base glossary when they change."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._cached: tuple[object, Glossary] | None = None

    def records(self) -> list[TermRecord]:
        with self.db.session() as session:
            return [record_from_row(row) for row in store_terms.list_terms(session)]

    def glossary(self, base: Glossary) -> Glossary:
        with self.db.session() as session:
            key = (id(base), store_terms.version(session))
            if self._cached is not None and self._cached[0] == key:
                return self._cached[1]
            records = [record_from_row(row) for row in store_terms.list_terms(session)]
        try:
            merged = merge(base, records)
        except ConfigError as err:
            log.error("glossary terms in the database are not valid, using the file: %s", err)
            merged = base
        self._cached = (key, merged)
        return merged

    def effective_records(self, base: Glossary) -> list[TermRecord]:
        """What an export writes: the database's records as stored, the file's for the rest."""
        own = self.records()
        mine = {(r.concept, r.language) for r in own}
        rest = [r for r in records_from_glossary(base) if (r.concept, r.language) not in mine]
        return sorted([*rest, *own], key=lambda r: (r.concept, r.language))

    def house(self, base: Glossary) -> Callable[[], Glossary]:
        """What editors and checks read: the database's terms over ``base``, current at
        each call."""
        return lambda: self.glossary(base)

    def delete(self, concept: str, language: str) -> bool:
        """Drop a database term (the file's entry, if any, is in force again)."""
        with self.db.session() as session:
            return store_terms.delete_term(session, concept, language)

    def import_records(self, base: Glossary, records: list[TermRecord], by: str) -> int:
        """Store the records (after checking that the merged glossary is valid)."""
        checked_merge(base, [*self.records(), *records])
        with self.db.session() as session:
            for record in records:
                store_terms.upsert_term(session, **row_values(record), by=by)
        return len(records)


def read_glossary_file(data: bytes, name: str) -> list[TermRecord]:
    """Terms from a ``.csv`` or ``.tbx`` (or ``.xml``) file."""
    lower = name.lower()
    if lower.endswith(".csv"):
        return read_glossary_csv(data, name)
    if lower.endswith((".tbx", ".xml")):
        return read_tbx(data, name)
    raise InputError(f"{name}: unknown glossary format; use a .csv or .tbx file")


def write_glossary_file(records: Iterable[TermRecord], fmt: str) -> bytes:
    if fmt == "csv":
        return write_glossary_csv(records)
    if fmt == "tbx":
        return write_tbx(records)
    raise InputError(f"unknown glossary format {fmt!r}; use {' or '.join(FORMATS)}")
