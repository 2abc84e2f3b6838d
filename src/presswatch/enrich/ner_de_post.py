"""German spans after the phrase rules of ``ner_de``: what the other names in a text tell.

- a surname seen in a person's full name marks the same word elsewhere (Tesch … Teschs);
- a name-like word in a list with a typed name takes its type (zwischen Gudme und Lundborg,
  Müller, Schmidt und Kraus): the lone word alone was too uncertain to count; a lone word
  the verb rule took for a person, listed with a place, is a place (… und Lundborg liegt);
- places written with a slash between them are one place (München/Hamburg);
- a name that is only the first part of a hyphenated common noun is dropped (US-Bürger).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from presswatch.enrich.ner import NamedSpan
from presswatch.enrich.ner_de_lexicon import given_name, word_class
from presswatch.enrich.ner_de_text import GermanText
from presswatch.enrich.textforms import stem_form

__all__ = ["context_spans", "drop_compound_parts", "join_slashed_places"]

Span = tuple[int, int, str]  # first unit, last unit, type
_COORDINATORS = frozenset({"und", "oder", "sowie", "bzw", "&"})


def context_spans(doc: GermanText, found: list[Span], known: list[Span],
                  name_like: Callable[[GermanText, int], bool]) -> list[Span]:
    """Spans the other names give: surnames seen before, lone names in lists of typed names."""
    _retype_listed(doc, found, known)
    taken = {j for a, b, _ in (*found, *known) for j in range(a, b + 1)}
    added = _surnames(doc, found, taken)
    taken |= {a for a, _, _ in added}
    added += _list_members(doc, [*found, *known, *added], taken, name_like)
    return added


def _retype_listed(doc: GermanText, found: list[Span], known: list[Span]) -> None:
    """A lone word taken for a person by a verb alone, listed with a place, is a place too
    (zwischen Gudme und Lundborg liegt …): in place, in ``found``."""
    typed = [(a, b, t) for a, b, t in (*found, *known) if t != "PER" or b > a]
    ends = {b: t for _, b, t in typed if t == "LOC"}
    starts = {a: t for a, _, t in typed if t == "LOC"}
    for n, (a, b, t) in enumerate(found):
        if a == b and t == "PER" and doc.units[a].cls != "NE" and not given_name(
                doc.units[a].text, doc.cues.given_names) and _list_neighbour(
                doc, a, ends, starts) == "LOC":
            found[n] = (a, b, "LOC")


def _surnames(doc: GermanText, found: list[Span], taken: set[int]) -> list[Span]:
    surnames = {stem_form(doc.units[b].text, "de") for a, b, t in found if t == "PER" and b > a}
    surnames = {s for s in surnames if len(s) >= 4}
    if not surnames:
        return []
    return [(j, j, "PER") for j, u in enumerate(doc.units)
            if j not in taken and u.capital and stem_form(u.text, "de") in surnames]


def _list_members(doc: GermanText, spans: list[Span], taken: set[int],
                  name_like: Callable[[GermanText, int], bool]) -> list[Span]:
    typed = [(a, b, t) for a, b, t in spans if t != "PER" or b > a]  # not a lone guess
    ends = {b: t for _, b, t in typed}
    starts = {a: t for a, _, t in typed}
    added: list[Span] = []
    changed = True
    while changed:
        changed = False
        for k in range(len(doc.units)):
            u = doc.units[k]
            if k in taken or not (name_like(doc, k) or (
                    u.capital and u.cls == "NNC" and not u.initial and u.first == u.last)):
                continue  # an unseen compound in a list of places: Gudme und Lundborg
            kind = _list_neighbour(doc, k, ends, starts)
            if kind:
                added.append((k, k, kind))
                taken.add(k)
                ends[k] = starts[k] = kind
                changed = True
    return added


def _list_neighbour(doc: GermanText, k: int, ends: dict[int, str], starts: dict[int, str]) -> str:
    """The type of a name listed right before or after unit k (X und k, X, k, k oder X)."""
    units = doc.units
    if k >= 2 and doc.norm(k - 1) in _COORDINATORS and doc.joined(k) and doc.joined(k - 1):
        if k - 2 in ends:
            return ends[k - 2]
    if k >= 1 and doc.gap(units[k].first).strip() == "," and k - 1 in ends:
        return ends[k - 1]
    if k + 2 < len(units) and doc.norm(k + 1) in _COORDINATORS and doc.joined(k + 1) and (
            doc.joined(k + 2)) and k + 2 in starts:
        return starts[k + 2]
    if k + 1 < len(units) and doc.gap(units[k + 1].first).strip() == "," and k + 1 in starts:
        return starts[k + 1]
    return ""


def join_slashed_places(text: str, spans: Sequence[NamedSpan]) -> list[NamedSpan]:
    """Two places with only a slash between them are one (München/Hamburg, Japan/Korea)."""
    result: list[NamedSpan] = []
    for span in spans:
        last = result[-1] if result else None
        if (last is not None and last.type == span.type == "LOC"
                and text[last.end:span.start] == "/"):
            result[-1] = NamedSpan(last.start, span.end, "LOC")
        else:
            result.append(span)
    return result


def drop_compound_parts(text: str, spans: Sequence[NamedSpan]) -> list[NamedSpan]:
    """Spans without the names that are only the first part of a hyphenated common noun
    (US-Bürger, CDU-Fraktion: a compound about the name, not the name itself)."""
    kept = []
    for span in spans:
        rest = text[span.end:span.end + 40]
        if rest.startswith("-") and len(rest) > 1 and rest[1:2].isalpha():
            compound = rest[1:].split()[0] if rest[1:].split() else ""
            head = compound.split("-")[-1].strip(".,;:!?)\"'")
            if head and (head[:1].islower() or word_class(head) in ("NN", "NNC", "ADJ")):
                continue
        kept.append(span)
    return kept
