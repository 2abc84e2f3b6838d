"""Files other translation tools read: TMX 1.4 (memory), TBX and CSV (glossary).

* **TMX 1.4** — ``read_tmx`` takes every ``<tu>``: its ``srclang`` (or the header's) is the
  source, every other ``<tuv>`` a target; ``*all*`` or no source language gives every ordered
  pair. Inline codes (``<bpt> <ept> <ph> <it> <ut>``) are dropped, ``<hi>`` text kept.
  ``write_tmx`` writes one ``<tu>`` per unit with its creation date, author, last change, use
  count and origin (``<prop type="x-presswatch-origin">``).
* **TBX** — ``read_tbx`` reads TBX v3 (ISO 30042:2019, ``<tbx>``/``<conceptEntry>``/
  ``<langSec>``/``<termSec>``, TBX-Core or TBX-Basic) and TBX 2008 (``<martif>``/
  ``<termEntry>``/``<langSet>``/``<tig>``); ``write_tbx`` writes TBX-Basic v3. The house form
  is the ``preferredTerm``; case forms are ``admittedTerm`` with ``<note>case: gen</note>``;
  wrong forms are ``deprecatedTerm`` (with ``case: gen``, ``case: after_prep`` or no case for a
  wrong spelling declined in every case).
* **CSV** — ``concept,language,term,forms,variants,note``; ``forms`` is
  ``gen=Києва; loc=Києві``, ``variants`` is ``Киев; gen=Киева; after_prep=Києву``.

Language codes are reduced to their primary subtag, lower case (``uk-UA`` → ``uk``). Every
problem in a file is an ``InputError`` that names the file and the line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from presswatch.errors import InputError

CASES = ("nom", "gen", "dat", "acc", "ins", "loc")
AFTER_PREP = "after_prep"
VARIANT_CASES = (*CASES, AFTER_PREP)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX_NS = "urn:iso:std:iso:30042:ed-2"
CSV_COLUMNS = ("concept", "language", "term", "forms", "variants", "note")
ORIGIN_PROP = "x-presswatch-origin"
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_INLINE_CODES = {"bpt", "ept", "ph", "it", "ut"}
_TMX_DATE = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True, slots=True)
class UnitRecord:
    """One memory unit as files carry it."""

    source_language: str
    target_language: str
    source_text: str
    target_text: str
    origin: str = ""
    created_by: str | None = None
    created_at: datetime | None = None
    changed_at: datetime | None = None
    use_count: int = 0


@dataclass(frozen=True, slots=True)
class TermRecord:
    """One glossary term in one language: house form, case forms, wrong forms, note."""

    concept: str
    language: str
    term: str
    forms: tuple[tuple[str, str], ...] = ()  # (case, form); case "" for a plain synonym
    variants: tuple[tuple[str, str], ...] = ()  # (case | "" | "after_prep", wrong form)
    note: str = ""


@dataclass
class TmxContent:
    units: list[UnitRecord] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why a <tu> gave nothing


def language_code(code: str) -> str:
    return code.strip().split("-")[0].split("_")[0].lower()


def clean_xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)


def parse_xml(data: bytes, name: str) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise InputError(f"{name}: not well-formed XML: {err}") from err


def local_name(element: Any) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def children(element: Any, *names: str) -> list[Any]:
    return [child for child in element if local_name(child) in names]


def descendants(element: Any, name: str) -> list[Any]:
    return [el for el in element.iter() if local_name(el) == name]


# -- TMX ---------------------------------------------------------------------------------------


def read_tmx(data: bytes, name: str = "TMX file") -> TmxContent:
    """The units of a TMX file; ``InputError`` when it is not TMX."""
    root = parse_xml(data, name)
    if local_name(root) != "tmx":
        raise InputError(f"{name}: not a TMX file: the root element is <{local_name(root)}>, "
                         "expected <tmx>")
    header = next(iter(children(root, "header")), None)
    body = next(iter(children(root, "body")), None)
    if body is None:
        raise InputError(f"{name}: a TMX file needs a <body>")
    srclang = header.get("srclang", "") if header is not None else ""
    content = TmxContent()
    for tu in children(body, "tu"):
        content.units.extend(_tu_units(tu, srclang, name, content.skipped))
    return content


def _tu_units(tu: Any, srclang: str, name: str, skipped: list[str]) -> list[UnitRecord]:
    texts: dict[str, str] = {}
    for tuv in children(tu, "tuv"):
        lang = tuv.get(XML_LANG) or tuv.get("lang")
        if not lang:
            raise InputError(f"{name}, line {tuv.sourceline}: <tuv> without xml:lang")
        seg = next(iter(children(tuv, "seg")), None)
        if seg is None:
            raise InputError(f"{name}, line {tuv.sourceline}: <tuv> without <seg>")
        texts.setdefault(language_code(lang), _seg_text(seg).strip())
    texts = {lang: text for lang, text in texts.items() if text}
    declared = tu.get("srclang") or srclang
    source = "" if not declared or declared == "*all*" else language_code(declared)
    if len(texts) < 2 or (source and source not in texts):
        skipped.append(f"line {tu.sourceline}: needs a source and a target text")
        return []
    sources = [source] if source else list(texts)
    meta = _tu_meta(tu, name)
    return [UnitRecord(src, dst, texts[src], texts[dst], **meta)
            for src in sources for dst in texts if dst != src]


def _tu_meta(tu: Any, name: str) -> dict[str, Any]:
    origin = next((p.text or "" for p in children(tu, "prop") if p.get("type") == ORIGIN_PROP),
                  f"tmx:{name}")
    usage = tu.get("usagecount", "0")
    return {
        "origin": origin.strip(),
        "created_by": tu.get("creationid") or None,
        "created_at": _tmx_date(tu.get("creationdate")),
        "changed_at": _tmx_date(tu.get("changedate")),
        "use_count": int(usage) if usage.isdigit() else 0,
    }


def _seg_text(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        if local_name(child) not in _INLINE_CODES:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _tmx_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, _TMX_DATE).replace(tzinfo=UTC)
    except ValueError:
        return None


def write_tmx(units: Iterable[UnitRecord], *, tool_version: str = "1") -> bytes:
    """TMX 1.4 with one ``<tu>`` per unit; the header's srclang is the one source language,
    or ``*all*`` when there are several."""
    units = list(units)
    sources = {u.source_language for u in units}
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "presswatch", "creationtoolversion": tool_version,
        "segtype": "paragraph", "o-tmf": "presswatch", "adminlang": "en",
        "srclang": sources.pop() if len(sources) == 1 else "*all*", "datatype": "plaintext",
        "creationdate": datetime.now(UTC).strftime(_TMX_DATE),
    })
    body = etree.SubElement(root, "body")
    for n, unit in enumerate(units, start=1):
        tu = etree.SubElement(body, "tu", tuid=str(n), srclang=unit.source_language,
                              usagecount=str(unit.use_count))
        if unit.created_at:
            tu.set("creationdate", unit.created_at.astimezone(UTC).strftime(_TMX_DATE))
        if unit.created_by:
            tu.set("creationid", clean_xml_text(unit.created_by))
        if unit.changed_at:
            tu.set("changedate", unit.changed_at.astimezone(UTC).strftime(_TMX_DATE))
        if unit.origin:
            etree.SubElement(tu, "prop", type=ORIGIN_PROP).text = clean_xml_text(unit.origin)
        for lang, text in ((unit.source_language, unit.source_text),
                           (unit.target_language, unit.target_text)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = clean_xml_text(text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# -- CSV ---------------------------------------------------------------------------------------


def read_glossary_csv(data: bytes, name: str = "CSV file") -> list[TermRecord]:
    """Terms from a CSV file with the columns of ``CSV_COLUMNS`` (forms, variants, note may
    be left out); ``InputError`` names the line of the first problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not UTF-8 text: {err}") from err
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [c.strip() for c in reader.fieldnames or ()]
    missing = [c for c in ("concept", "language", "term") if c not in columns]
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    if missing or unknown:
        problem = "; ".join(filter(None, [
            f"missing column(s) {', '.join(missing)}" if missing else "",
            f"unknown column(s) {', '.join(unknown)}" if unknown else ""]))
        raise InputError(f"{name}: {problem} (expected {','.join(CSV_COLUMNS)})")
    records = []
    for row in reader:
        where = f"{name}, line {reader.line_num}"
        values = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        if None in row:
            raise InputError(f"{where}: more cells than columns")
        records.append(_csv_record(values, where))
    check_unique(records, name)
    return records


def _csv_record(values: dict[str, str], where: str) -> TermRecord:
    for column in ("concept", "language", "term"):
        if not values.get(column):
            raise InputError(f"{where}: {column} is empty")
    return TermRecord(
        concept=values["concept"], language=language_code(values["language"]),
        term=values["term"],
        forms=parse_cased_list(values.get("forms", ""), CASES, where, "forms"),
        variants=parse_cased_list(values.get("variants", ""), VARIANT_CASES, where, "variants"),
        note=values.get("note", ""),
    )


def parse_cased_list(
    cell: str, cases: tuple[str, ...], where: str, what: str
) -> tuple[tuple[str, str], ...]:
    """``"gen=Києва; Киев"`` → ``(("gen", "Києва"), ("", "Киев"))``."""
    found = []
    for item in filter(None, (part.strip() for part in re.split(r"[;\n]", cell))):
        case, sep, form = (part.strip() for part in item.partition("="))
        if not sep:
            case, form = "", item
        elif case not in cases:
            raise InputError(f"{where}: {what}: unknown case {case!r} in {item!r} "
                             f"(known: {', '.join(cases)})")
        if not form:
            raise InputError(f"{where}: {what}: {item!r} has no text")
        found.append((case, form))
    return tuple(found)


def format_cased_list(items: Iterable[tuple[str, str]]) -> str:
    return "; ".join(f"{case}={form}" if case else form for case, form in items)


def write_glossary_csv(records: Iterable[TermRecord]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        writer.writerow([r.concept, r.language, r.term, format_cased_list(r.forms),
                         format_cased_list(r.variants), r.note])
    return out.getvalue().encode("utf-8")


def check_unique(records: list[TermRecord], name: str) -> None:
    seen: set[tuple[str, str]] = set()
    for r in records:
        if (r.concept, r.language) in seen:
            raise InputError(f"{name}: {r.concept} ({r.language}) appears twice")
        seen.add((r.concept, r.language))

