"""Organisation phrases for ``ner_de``: adjectives or names before an organisation head word
and a linked tail after it (Europäische Union, Hirzel Verlag, Bundesamt für Gesundheit,
Universität Hamburg), a describing head before a name (Chemiekonzern BASF → BASF, Gemeinde X
→ the place X), single compounds such as Bundesärztekammer.
"""

from __future__ import annotations

from presswatch.enrich.ner_de_lexicon import place_name, word_class
from presswatch.enrich.ner_de_text import (
    LINKS,
    GermanText,
    acronym,
    cap_adjective,
    name_like,
    role_word,
)

__all__ = ["is_org_head", "org_phrase"]


def is_org_head(doc: GermanText, k: int) -> bool:
    norm = doc.norm(k)
    return norm in doc.cues.org_heads or (
        doc.units[k].capital and norm.endswith(doc.cues.org_suffixes) and len(norm) > 6)


def org_phrase(doc: GermanText, k: int) -> tuple[int, int, str] | None:
    """[Adjectives or names] + head + [tail]: Europäische Union, Universität Hamburg."""
    u = doc.units[k]
    if not u.capital:
        return None
    head, before = k, 0
    while head < len(doc.units) and (cap_adjective(doc, head) or name_like(doc, head)) and (
            head == k or doc.joined(head)) and not is_org_head(doc, head):
        head, before = head + 1, before + 1
    if head >= len(doc.units) or (head > k and not doc.joined(head)):
        return None
    if not is_org_head(doc, head) or not doc.units[head].capital:
        return _org_compound(doc, k) if before == 0 else None
    end = _tail(doc, head)
    if before == 0 and end == head:
        return _org_compound(doc, k)
    if before == 0 and doc.norm(head) not in doc.cues.org_name_heads and name_like(doc, head + 1):
        kind = "LOC" if doc.norm(head) in doc.cues.loc_descriptors else "ORG"
        if role_word(doc, head) and not place_name(doc.units[head + 1].text):
            kind = "PER"  # Landrat Heinz Seiffert: a council's member (not Stadtrat Leipzig)
        return head + 1, end, kind  # Chemiekonzern BASF: BASF; Gemeinde X: X
    if before and all(cap_adjective(doc, j) for j in range(k, head)) and end == head and (
            doc.units[head].cls == "NN" and doc.norm(head) not in doc.cues.org_heads):
        return None  # "Deutsche Bank" yes (head word), "Neue Ministerium" no
    start = k
    if before == 0 and _club(doc, head) and k >= 1 and doc.units[k - 1].text.isdigit() and (
            len(doc.units[k - 1].text) == 1 and doc.gap(doc.units[k].first) == ". "):
        start = k - 1  # 1. FC Nürnberg
    return start, end, "ORG"


def _club(doc: GermanText, k: int) -> bool:
    """A sports club's short head word (FC, TSV, SG): acronyms among the name heads."""
    return acronym(doc.units[k].text) and doc.norm(k) in doc.cues.org_name_heads


def _club_place(doc: GermanText, k: int) -> bool:
    u = doc.units[k]
    return name_like(doc, k) or (u.capital and not u.initial and u.cls in ("NNC", "UNK"))


def _org_compound(doc: GermanText, k: int) -> tuple[int, int, str] | None:
    u, norm = doc.units[k], doc.norm(k)
    if u.capital and norm.startswith(doc.cues.org_prefixes) and norm.endswith(
            doc.cues.org_suffixes) and u.first == u.last:
        return k, k, "ORG"  # Bundesärztekammer, Landeskriminalamt
    return None


def _tail(doc: GermanText, head: int) -> int:
    """The end of a head's tail: names right after it, or der/für + capitalized words."""
    end = head
    while end + 1 < len(doc.units) and doc.joined(end + 1):
        nxt = end + 1
        if _genitive_name(doc, nxt):
            break  # der Oberste Gerichtshof Kanadas: the court, then the country
        if name_like(doc, nxt) or (doc.units[nxt].capital and doc.units[nxt].cls == "UNK"):
            end = nxt
        elif end == head and _club(doc, head) and _club_place(doc, nxt):
            end = nxt  # FC Wendelbach: a club's place, a compound by its form
        elif (end == head and _club(doc, head) and doc.units[nxt].text.isdigit()
              and len(doc.units[nxt].text) in (2, 4) and nxt + 1 < len(doc.units)
              and doc.joined(nxt + 1) and _club_place(doc, nxt + 1)):
            end = nxt + 1  # SG 01 Höchst, TSV 1860 München
        elif doc.norm(nxt) in LINKS and nxt + 1 < len(doc.units) and doc.joined(nxt + 1) and (
                doc.units[nxt + 1].capital and doc.units[nxt + 1].cls != "FUNC"):
            end = nxt + 1
            while end + 1 < len(doc.units) and doc.joined(end + 1) and (
                    doc.units[end + 1].capital and doc.units[end].cls == "ADJ"):
                end += 1  # der Deutschen Industrie
        else:
            break
    return end


def _genitive_name(doc: GermanText, k: int) -> bool:
    """A name with a genitive -s (Kanadas, Europas), not part of the name before it."""
    text = doc.units[k].text
    return (len(text) > 4 and text.endswith("s") and not acronym(text)
            and word_class(text[:-1]) == "NE")
