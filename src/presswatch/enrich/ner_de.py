"""German names the entity base does not know: which capitalized words are names, and of what type.

German capitalizes every noun, so the question is which capitalized words are names at all.
``ner_de_lexicon.word_class`` answers per word (proper noun, common noun, adjective, other,
unknown); a *unit* is a word or a hyphenated compound (Baden-Württemberg is one; a compound
whose last part is a common noun, Grünen-Spitzenkandidat, is no name). Then, in order:

- organisation phrases (``ner_de_org``): capitalized adjectives or names before an
  organisation head word, a linked tail after it (Europäische Union, Hirzel Verlag, Bundesamt
  für Gesundheit, Universität Hamburg), and single compounds such as Bundesärztekammer;
- place phrases with a place head (Neuendorfer Straße, Vereinigten Staaten) and unseen
  street-like compounds (Gendarmenmarkt);
- runs of name units (proper nouns, unknown words, a first name and the word after it,
  initials and particles inside: Giacomo della Porta), typed by cues: a role word before it
  (Trainer, Sängerin, Bildungsminister) or a first name → PER; a place preposition before
  it (in, nach, aus, nahe) or a place suffix → LOC; an acronym → ORG; several words → PER;
  a lone name is a person only as a proper noun or next to a finite verb (Kolb war, sagte
  Kolb), never after an article (der Fischer), and a company in a sentence about companies;
  a verb a person does (als X starb) outweighs a small town of that name, not a big city;
- roads: A 7, A3, B 27;
- last, ``ner_de_post``: surnames seen before, lone names listed with typed names.

The units and cues are in ``ner_de_text``, organisation phrases in ``ner_de_org``. Adjectival
derivations (deutschen, Berliner) are no names on their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from presswatch.enrich.ner import NamedSpan
from presswatch.enrich.ner_de_lexicon import (
    english_word,
    finite_verb,
    given_name,
    major_place,
    place_name,
    word_class,
)
from presswatch.enrich.ner_de_org import is_org_head, org_phrase
from presswatch.enrich.ner_de_post import context_spans
from presswatch.enrich.ner_de_text import (
    ARTICLES,
    DETERMINERS,
    ENGLISH,
    GermanText,
    acronym,
    cap_adjective,
    name_like,
    next_is_word,
    noun_compound,
    role_word,
)
from presswatch.enrich.textforms import Token

__all__ = ["german_spans"]

# Finite verbs that say as much of a place as of a person (Kiel liegt, Kiel ist, Kiel hat).
_PLACE_VERBS = frozenset(
    "ist war sind waren wird wurde werden wurden hat hatte haben hatten liegt lag liegen lagen "
    "gehört gehörte grenzt grenzte zählt zählte bleibt blieb gilt galt heißt hieß erhielt "
    "bietet bot verfügt verfügte besitzt besaß".split())

# Place prepositions as often before a person or company (bei Homer, bei Nike): a place
# cue only before a known place or a word with a place's ending.
_WEAK_PLACE_PREPS = frozenset({"bei"})


def german_spans(text: str, tokens: Sequence[Token],
                 known: Sequence[NamedSpan] = ()) -> list[NamedSpan]:
    """PER, ORG and LOC spans of German ``text`` (tokens from ``textforms.tokenize``);
    ``known``: names found before (the entity base's), which type lone names listed with them."""
    if not tokens:
        return []
    doc = GermanText(text, tokens)
    found: list[tuple[int, int, str]] = []  # unit ranges
    k = 0
    while k < len(doc.units):
        span = org_phrase(doc, k) or _loc_phrase(doc, k) or _name_run(doc, k)
        if span is None:
            k += 1
            continue
        if span[2]:
            found.append(span)
        k = span[1] + 1
    found += context_spans(doc, found, doc.unit_spans(known), name_like)
    return sorted((NamedSpan(tokens[doc.units[a].first].start, tokens[doc.units[b].last].end, t)
                   for a, b, t in found), key=lambda s: s.start)


def _is_loc_head(doc: GermanText, k: int) -> bool:
    return doc.units[k].capital and doc.norm(k) in doc.cues.loc_heads


def _loc_phrase(doc: GermanText, k: int) -> tuple[int, int, str] | None:
    """Neuendorfer Straße, Vereinigten Staaten, Gendarmenmarkt, St. Nikolauskapelle."""
    u = doc.units[k]
    if not u.capital:
        return None
    if (u.text in ("A", "B") and k + 1 < len(doc.units)
            and doc.gap(doc.units[k + 1].first) in ("", " ")
            and doc.units[k + 1].text.isdigit() and len(doc.units[k + 1].text) <= 3
            and not (k + 2 < len(doc.units) and doc.units[k + 2].text.isdigit())):
        return k, k + 1, "LOC"  # A 7, A3, B 27: a motorway, a federal road
    if (doc.norm(k) in ("st", "sankt") and k + 1 < len(doc.units)
            and doc.units[k + 1].capital and doc.units[k + 1].first == u.last + 1):
        end = k + 1
        return k, end, "PER" if given_name(doc.units[end].text) else "LOC"
    if (k + 1 < len(doc.units) and doc.joined(k + 1) and _is_loc_head(doc, k + 1)
            and (name_like(doc, k) or cap_adjective(doc, k)
                 or (u.cls == "NNC" and not u.initial))):
        end = k + 1
        if end + 1 < len(doc.units) and doc.joined(end + 1) and doc.units[end + 1].text.isdigit():
            end += 1  # Bundesstraße 216
        return k, end, "LOC"
    if doc.norm(k) in doc.cues.loc_descriptors and next_is_word(doc, k) and name_like(doc, k + 1):
        end = k + 1
        while end + 1 < len(doc.units) and doc.joined(end + 1) and name_like(doc, end + 1):
            end += 1
        return k + 1, end, "LOC"  # die Dörfer Hokkala, …; die Stadt Teirm
    norm = doc.norm(k)
    if (u.cls in ("NNC", "UNK") and not u.initial and norm.endswith(doc.cues.loc_word_suffixes)
            and len(norm) > 7):
        return k, k, "" if _adjective_before(doc, k) else "LOC"
    return None


def _adjective_before(doc: GermanText, k: int) -> bool:
    """A lower-case adjective right before unit k (den vierten Tabellenplatz): a common
    noun's company, not a street's (am Gendarmenmarkt)."""
    return k > 0 and doc.joined(k) and not doc.units[k - 1].capital and (
        word_class(doc.units[k - 1].text) == "ADJ")


def _name_run(doc: GermanText, k: int) -> tuple[int, int, str] | None:
    u = doc.units[k]
    if not u.capital or doc.norm(k) in doc.cues.not_names:
        return None
    first_name = given_name(u.text, doc.cues.given_names) and u.cls != "FUNC" and not (
        u.initial and u.cls == "ADJ")  # Andere Mitglieder: a sentence's adjective, no Andere
    place_prep = _place_prep_before(doc, k)
    if (not first_name and u.cls in ("NN", "NNC") and next_is_word(doc, k)
            and given_name(doc.units[k + 1].text, doc.cues.given_names)):
        return None  # Hostess Silvia X, Ordensnamen Johannes: the name starts after
    if not _starts_run(doc, k, first_name, place_prep):
        return None
    end = k
    while end + 1 < len(doc.units) and doc.joined(end + 1):
        nxt = end + 1
        if name_like(doc, nxt) and not is_org_head(doc, nxt):
            end = nxt
        elif end == k and (first_name or len(u.text) == 1) and doc.units[nxt].capital and (
                doc.units[nxt].cls in ("NN", "NNC", "UNK")):
            end = nxt  # Renate Bassen, Peter Stein
        elif (doc.norm(nxt) in doc.cues.particles and not doc.units[nxt].capital
              and _after_particles(doc, nxt)):
            end = _after_particles(doc, nxt)  # Giacomo della Porta
        elif len(doc.units[end].text) == 1 and doc.units[nxt].capital:
            end = nxt
        else:
            break
    if len(u.text) == 1 and end == k:
        return None
    if any(doc.norm(j) in ENGLISH for j in range(max(k - 1, 0), end + 2)):
        return None  # a title in English (Till Death Do Us Part), not a name
    return k, end, _name_type(doc, k, end, first_name, place_prep)


def _place_prep_before(doc: GermanText, k: int) -> bool:
    """In X, nach X, südlich von X (a capital only where it opens the sentence: In Iowa)."""
    if k == 0 or not doc.joined(k):
        return False
    prev = doc.units[k - 1]
    if doc.norm(k - 1) in _WEAK_PLACE_PREPS and (prev.capital and not prev.initial or not (
            place_name(doc.units[k].text) or doc.norm(k).endswith(doc.cues.loc_suffixes))):
        return False  # bei Homer, bei Nike: people and companies too; bei Kassel a place
    if doc.norm(k - 1) in doc.cues.place_preps:
        return not prev.capital or prev.initial
    return doc.norm(k - 1) == "von" and k >= 2 and doc.joined(k - 1) and (
        doc.norm(k - 2) in doc.cues.place_preps and doc.norm(k - 2).endswith("lich"))


def _starts_run(doc: GermanText, k: int, first_name: bool, place_prep: bool) -> bool:
    """Unit k opens a name: a proper noun, a first name before a word, an unseen place after
    a place preposition, an unknown word before a name, an initial (A. Wiegemann)."""
    u = doc.units[k]
    if len(u.text) == 1:
        return (k + 1 < len(doc.units) and doc.units[k + 1].capital
                and doc.gap(doc.units[k + 1].first).strip() == "."
                and (name_like(doc, k + 1) or doc.units[k + 1].cls in ("NN", "NNC", "UNK")))
    if name_like(doc, k) or (first_name and next_is_word(doc, k)):
        return True
    if place_prep and u.cls == "NNC" and doc.norm(k).endswith(doc.cues.loc_suffixes):
        return True
    if u.initial and u.cls == "UNK" and not noun_compound(doc, k) and _verb_after(doc, k):
        return True  # Ramelow erklärte: an unknown word opening a sentence before its verb
    return u.initial and u.cls == "UNK" and next_is_word(doc, k) and name_like(doc, k + 1)


def _after_particles(doc: GermanText, k: int) -> int:
    """The capitalized unit after one to three particles at k (von der Leyen), or 0; not after
    an article alone (Madoff den Rest) nor a common noun (Ida vom Bankdirektor)."""
    if doc.norm(k) in ARTICLES:
        return 0
    for j in range(k + 1, min(k + 4, len(doc.units))):
        if not doc.joined(j):
            return 0
        if doc.units[j].capital:
            return j if doc.units[j].cls not in ("FUNC", "NN", "NNC") else 0
        if doc.norm(j) not in doc.cues.particles:
            return 0
    return 0


def _role_before(doc: GermanText, k: int) -> bool:
    return k > 0 and doc.joined(k) and role_word(doc, k - 1)


def _descriptor_before(doc: GermanText, k: int) -> bool:
    """A common noun right before unit k that says k names an organisation."""
    return k > 0 and doc.joined(k) and doc.units[k - 1].capital and doc.units[k - 1].cls in (
        "NN", "NNC", "UNK") and doc.norm(k - 1).endswith(doc.cues.org_descriptor_suffixes)


def _name_type(doc: GermanText, a: int, b: int, first_name: bool, place_prep: bool) -> str:
    words = [doc.units[j] for j in range(a, b + 1)]
    norms = [doc.norm(j) for j in range(a, b + 1)]
    if a == b and acronym(words[0].text):
        return "ORG"
    if _role_before(doc, a):
        return "PER"
    if _descriptor_before(doc, a) and not place_prep:
        return "ORG"  # Erstligisten Litex Lovech, Mobilfunkbetreiber E-Plus
    if first_name and (b > a or not place_prep):
        return "PER"
    surface = " ".join(w.text for w in words)
    if a == b and not place_prep and not major_place(surface) and _person_verb(doc, a):
        return "ORG" if _business_sentence(doc, a) else "PER"  # als Stalin starb
    if place_name(surface) or (len(surface) > 4 and place_name(surface[:-1])
                               and surface.endswith("s")):
        return "LOC"
    if b > a and not place_prep and acronym(words[0].text):
        return "ORG"  # BFC Pankow, THW Kiel: a club or company before its town
    if place_prep or norms[-1].endswith(doc.cues.loc_suffixes):
        return "LOC"
    if b > a and any(acronym(w.text) for w in words):
        return "ORG"  # Fraunhofer FIT, PKN Orlen
    return _uncued_type(doc, a, b)


def _uncued_type(doc: GermanText, a: int, b: int) -> str:
    """The type of a run that no role, first name, place or acronym typed: a person (or a
    company in a sentence about companies) by its shape and the words around it, or none."""
    if _english_title(doc, a, b):
        return ""  # Sometime Ago, Infectious Diseases: a title in English, no name
    if b > a:
        return "PER"
    if _after_article(doc, a):
        return ""  # das Kondensat, der Fischer: a person's name takes no article
    if a == b and _genitive_before_noun(doc, a):
        return "ORG" if _business_sentence(doc, a) else "PER"  # Xs Entscheidung
    if not (doc.units[a].cls == "NE" or _verb_after(doc, b) or _verb_before(doc, a)):
        return ""
    return "ORG" if _business_sentence(doc, a) else "PER"


def _english_title(doc: GermanText, a: int, b: int) -> bool:
    """Units a..b are common English words with no verb next to them (Sometime Ago,
    Infectious Diseases): a title in English, not a name."""
    return not (_verb_after(doc, b) or _verb_before(doc, a)) and all(
        english_word(doc.units[j].text) and doc.units[j].cls != "NE" for j in range(a, b + 1))


def _person_verb(doc: GermanText, a: int) -> bool:
    """A lone name next to a verb a person does (als X starb, beendete X), with no article,
    adjective or preposition before it (im sicheren X brachte) and no noun after a genitive
    (hofft Xs Trainer)."""
    if a > 0 and doc.joined(a) and not doc.units[a - 1].capital and (
            word_class(doc.units[a - 1].text) != "FUNC" or doc.norm(a - 1) in DETERMINERS
            or doc.norm(a - 1) in doc.cues.place_preps):
        return False
    if doc.norm(a).endswith("s") and next_is_word(doc, a):
        return False
    return _verb_after(doc, a, personal=True) or _verb_before(doc, a, personal=True)


def _genitive_before_noun(doc: GermanText, a: int) -> bool:
    """An unknown word in -s right before a common noun (Zabels Entscheidung, Gryces Flöte):
    a name's genitive; a place's genitive (Kassels Bürger) is left to the place rules."""
    u, text = doc.units[a], doc.units[a].text
    if u.cls != "UNK" or len(text) < 5 or not text.endswith("s") or text.endswith("ss") or (
            acronym(text)):
        return False
    if place_name(text[:-1]) or doc.norm(a).endswith(doc.cues.loc_suffixes):
        return False
    return next_is_word(doc, a) and doc.units[a + 1].cls in ("NN", "NNC")


def _after_article(doc: GermanText, a: int) -> bool:
    return a > 0 and doc.joined(a) and doc.norm(a - 1) in DETERMINERS


def _business_sentence(doc: GermanText, k: int) -> bool:
    """Unit k's sentence speaks of companies (Aktie, Konzern, Hersteller): a lone name in it
    is more often a company than a person (Siemens, Porsche)."""
    cues = doc.cues.org_context
    for step in (-1, 1):
        j = k
        while 0 <= j + step < len(doc.units) and abs(j - k) < 30:
            if step < 0 and any(c in ".!?\n" for c in doc.gap(doc.units[j].first)):
                break
            j += step
            if step > 0 and any(c in ".!?\n" for c in doc.gap(doc.units[j].first)):
                break
            if doc.norm(j).endswith(cues):
                return True
    return False


def _verb_before(doc: GermanText, a: int, personal: bool = False) -> bool:
    """A finite verb right before the name (sagte Kolb, vergab aber Kolb); ``personal``: not
    one that places also do (ist, liegt, gehört)."""
    for j in (a - 1, a - 2):
        if j < 0 or not doc.joined(j + 1) or doc.units[j].capital:
            return False
        if finite_verb(doc.units[j].text):
            return not personal or doc.norm(j) not in _PLACE_VERBS
        if doc.norm(j) not in ("aber", "auch", "nun", "dann", "noch", "jedoch", "zudem"):
            return False
    return False


def _verb_after(doc: GermanText, b: int, personal: bool = False) -> bool:
    """A lower-case word right after the name that the lexicon reads as a verb (X sagte)."""
    nxt = b + 1
    if nxt >= len(doc.units) or not doc.joined(nxt) or doc.units[nxt].capital:
        return False
    return finite_verb(doc.units[nxt].text) and not (personal and doc.norm(nxt) in _PLACE_VERBS)
