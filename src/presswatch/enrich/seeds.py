"""Entities seeded from babel (CLDR) and pycountry: countries, world regions and cities.

Countries are pycountry's ISO 3166-1 list named in uk, ru, en and de through babel's
territory names (``country/ua``: Україна, Украина, Ukraine, Ukraine); world regions are CLDR's
numeric territories (``region/150``: Європа, …); cities are the exemplar cities of CLDR's
time-zone data (``city/kyiv``: Київ, Киев, Kyiv, Kiew). A one-word uk/ru name that is also a
pronoun, preposition, conjunction or particle (Того) is left out. The curated file adds
variants by reusing these keys. Built once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache

from presswatch.enrich.entity_base import LANGUAGES, EntityRecord

__all__ = ["seed_records", "slug"]

_SKIP_ZONES = ("Etc/", "SystemV/", "US/", "Canada/")


def slug(name: str) -> str:
    """Lowercase ASCII-ish key part: ``New York`` → ``new-york``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@lru_cache(maxsize=1)
def seed_records() -> list[EntityRecord]:
    """Countries, regions and cities in the four languages (empty without babel/pycountry)."""
    try:
        import pycountry
        from babel import Locale
    except ImportError:
        return []
    locales = {language: Locale(language) for language in LANGUAGES}
    countries = _countries(locales, pycountry)
    taken = {(lang, name) for r in countries for lang, name in r.names.items()}
    cities = [r for r in _cities(locales)  # a "city" named like a country is the country
              if not any((lang, name) in taken for lang, name in r.names.items())]
    return countries + _regions(locales) + cities


_FUNCTION_TAGS = frozenset({"NPRO", "PREP", "CONJ", "PRCL", "Apro"})


def _common_word(name: str, language: str) -> bool:
    """A one-word place name that is also a uk/ru function word (Того: 'of that')."""
    from presswatch.enrich.textforms import all_tags

    return " " not in name and bool(all_tags(name, language) & _FUNCTION_TAGS)


def _record(key: str, type_: str, names: dict[str, str], source: str) -> EntityRecord:
    names = {lang: name for lang, name in names.items() if name and not _common_word(name, lang)}
    return EntityRecord(
        key=key, type=type_, names=names,
        variants={lang: (name,) for lang, name in names.items()}, source=source,
    )


def _countries(locales: dict, pycountry) -> list[EntityRecord]:
    records = []
    for country in pycountry.countries:
        code = country.alpha_2
        names = {lang: loc.territories.get(code, "") for lang, loc in locales.items()}
        if names.get("en"):
            records.append(_record(f"country/{code.lower()}", "LOC", names, "pycountry"))
    return records


def _regions(locales: dict) -> list[EntityRecord]:
    # 001 is "World" (Welt, Світ, Мир): a common noun, capitalized in every German sentence
    # and at Ukrainian and Russian sentence starts, and no named place
    codes = [code for code in locales["en"].territories if code.isdigit() and code != "001"]
    return [
        _record(f"region/{code}", "LOC",
                {lang: loc.territories.get(code, "") for lang, loc in locales.items()}, "babel")
        for code in codes
    ]


def _cities(locales: dict) -> list[EntityRecord]:
    zones = sorted({zone for loc in locales.values() for zone in loc.time_zones})
    records: dict[str, EntityRecord] = {}
    for zone in zones:
        if zone.startswith(_SKIP_ZONES) or "/" not in zone:
            continue
        names = {lang: loc.time_zones.get(zone, {}).get("city", "")
                 for lang, loc in locales.items()}
        english = names.get("en") or zone.rsplit("/", 1)[-1].replace("_", " ")
        names = {lang: name or english for lang, name in names.items()
                 if name or lang in ("en", "de")}
        key = f"city/{slug(english)}"
        if key not in records:
            records[key] = _record(key, "LOC", names, "babel")
    return list(records.values())
