"""TBX glossary files: TBX v3 (ISO 30042:2019, TBX-Core and TBX-Basic) and TBX 2008 (martif).

One concept entry per house term, one language section per language. In a language section
the ``preferredTerm`` is the house form; an ``admittedTerm`` is a case form when its term-level
note says ``case: gen`` (otherwise a plain synonym); a ``deprecatedTerm`` or
``supersededTerm`` is a wrong form (``case: gen`` for one case, ``case: after_prep`` after a
locative preposition, no case for a wrong spelling declined in every case). A note on the
language section is the term's note. Without any status the first term is the house form and
the others are synonyms, which is how TBX-Core files usually look.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lxml import etree

from presswatch.errors import InputError
from presswatch.translate.interchange import (
    TBX_NS,
    VARIANT_CASES,
    XML_LANG,
    TermRecord,
    check_unique,
    children,
    clean_xml_text,
    descendants,
    language_code,
    local_name,
    parse_xml,
)

STATUS = "administrativeStatus"
_CASE_NOTE = re.compile(r"^\s*case:\s*(\w+)\s*$")
_NCNAME = re.compile(r"^[A-Za-z_][\w.-]*$")


def read_tbx(data: bytes, name: str = "TBX file") -> list[TermRecord]:
    """The terms of a TBX v3 or TBX 2008 file; ``InputError`` when it is neither."""
    root = parse_xml(data, name)
    kind = local_name(root)
    if kind not in ("tbx", "martif"):
        raise InputError(f"{name}: not a TBX file: the root element is <{kind}>, expected <tbx> "
                         "(TBX v3) or <martif> (TBX 2008)")
    body = next(iter(descendants(root, "body")), None)
    if body is None:
        raise InputError(f"{name}: a TBX file needs <text><body>")
    records: list[TermRecord] = []
    for entry in children(body, "conceptEntry", "termEntry"):
        records.extend(_entry_records(entry, name))
    check_unique(records, name)
    return records


def _entry_records(entry: Any, name: str) -> list[TermRecord]:
    concept = entry.get("id") or ""
    sections = children(entry, "langSec", "langSet")
    found = []
    for section in sections:
        lang = section.get(XML_LANG)
        if not lang:
            raise InputError(f"{name}, line {section.sourceline}: <{local_name(section)}> "
                             "without xml:lang")
        terms = [_term(group, name) for group in children(section, "termSec", "tig", "ntig")]
        terms = [t for t in terms if t[0]]
        if not terms:
            continue
        concept = concept or _concept_from(terms[0][0])
        note = " ".join((n.text or "").strip() for n in children(section, "note")).strip()
        found.append(_record(concept, language_code(lang), terms, note, name, section))
    return found


def _term(group: Any, name: str) -> tuple[str, str, str]:
    """(term, status, case) of a termSec, tig or ntig."""
    term_el = next(iter(descendants(group, "term")), None)
    if term_el is None:
        raise InputError(f"{name}, line {group.sourceline}: <{local_name(group)}> without <term>")
    status = ""
    for note in descendants(group, "termNote"):
        if note.get("type") in (STATUS, "normativeAuthorization"):
            status = (note.text or "").strip()
    case = ""
    for note in descendants(group, "note"):
        matched = _CASE_NOTE.match(note.text or "")
        if matched:
            case = matched.group(1)
    text = "".join(term_el.itertext()).strip()
    return text, status, case


def _record(concept: str, lang: str, terms: list[tuple[str, str, str]], note: str,
            name: str, section: Any) -> TermRecord:
    preferred = [t for t in terms if t[1].startswith("preferred")]
    house = preferred[0] if preferred else terms[0]
    forms, variants = [], []
    for term in terms:
        if term is house:
            continue
        text, status, case = term
        if case and case not in VARIANT_CASES:
            raise InputError(f"{name}, line {section.sourceline}: unknown case {case!r} "
                             f"for {text!r}")
        if status.startswith(("deprecated", "superseded")):
            variants.append((case, text))
        elif case != "after_prep":
            forms.append((case, text))
    return TermRecord(concept, lang, house[0], tuple(forms), tuple(variants), note)


def _concept_from(term: str) -> str:
    slug = re.sub(r"[^\w]+", "-", term.lower()).strip("-")
    return slug or "term"


def write_tbx(records: Iterable[TermRecord], *, title: str = "presswatch house glossary"
              ) -> bytes:
    """TBX-Basic v3 (DCA style), one ``<conceptEntry>`` per concept."""
    nsmap = {None: TBX_NS}
    q = etree.QName
    root = etree.Element(q(TBX_NS, "tbx"), {"type": "TBX-Basic", "style": "dca",
                                            XML_LANG: "en"}, nsmap=nsmap)
    header = etree.SubElement(root, q(TBX_NS, "tbxHeader"))
    desc = etree.SubElement(etree.SubElement(header, q(TBX_NS, "fileDesc")),
                            q(TBX_NS, "sourceDesc"))
    etree.SubElement(desc, q(TBX_NS, "p")).text = title
    body = etree.SubElement(etree.SubElement(root, q(TBX_NS, "text")), q(TBX_NS, "body"))
    entries: dict[str, Any] = {}
    for record in records:
        entry = entries.get(record.concept)
        if entry is None:
            entry_id = record.concept if _NCNAME.match(record.concept) else f"c-{record.concept}"
            entry = entries[record.concept] = etree.SubElement(
                body, q(TBX_NS, "conceptEntry"), id=entry_id)
        _write_section(entry, record)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _write_section(entry: Any, record: TermRecord) -> None:
    q = etree.QName
    section = etree.SubElement(entry, q(TBX_NS, "langSec"), {XML_LANG: record.language})
    if record.note:
        etree.SubElement(section, q(TBX_NS, "note")).text = clean_xml_text(record.note)
    rows = [(record.term, "preferredTerm-admn-sts", "")]
    rows += [(form, "admittedTerm-admn-sts", case) for case, form in record.forms]
    rows += [(form, "deprecatedTerm-admn-sts", case) for case, form in record.variants]
    for text, status, case in rows:
        group = etree.SubElement(section, q(TBX_NS, "termSec"))
        etree.SubElement(group, q(TBX_NS, "term")).text = clean_xml_text(text)
        etree.SubElement(group, q(TBX_NS, "termNote"), type=STATUS).text = status
        if case:
            etree.SubElement(group, q(TBX_NS, "note")).text = f"case: {case}"
