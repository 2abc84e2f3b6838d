"""UI strings: every key in every locale, every key the templates use defined."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from presswatch.editorial import STATES
from presswatch.web.i18n import available_locales, load_locales, read_locale
from presswatch.web.routes.desk import FILTERS

TEMPLATES = Path(__import__("presswatch.web", fromlist=["x"]).__file__).parent / "templates"
USED = re.compile(r"""\bt\(\s*["']([a-z_.]+)["']\s*[,)]""")


def placeholders(text: object) -> set[str]:
    if not isinstance(text, str):
        return set()
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_three_site_languages_have_locales():
    assert {"uk", "en", "ru"} <= set(available_locales())


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_every_key_exists_in_every_locale_with_the_same_placeholders(lang):
    english, other = read_locale("en"), read_locale(lang)
    assert sorted(set(english) - set(other)) == []
    assert sorted(set(other) - set(english)) == []
    for key, text in english.items():
        assert placeholders(other[key]) == placeholders(text), key


def test_every_key_used_by_a_template_or_route_is_defined():
    english = read_locale("en")
    used = set()
    for path in [*TEMPLATES.rglob("*.html"), *TEMPLATES.parent.rglob("*.py")]:
        used |= set(USED.findall(path.read_text(encoding="utf-8")))
    used |= {f"state.{s}" for s in STATES} | {f"action.{s}" for s in STATES if s != "new"}
    used |= {f"desk.filter_{name}" for name in FILTERS}
    used |= {f"translation.{s}" for s in ("original", "machine", "untranslated", "missing")}
    assert len(used) > 60
    assert sorted(used - set(english)) == []


def test_dates_and_language_names_are_localized():
    from datetime import datetime

    locales = load_locales(("uk", "en", "ru"))
    day = datetime(2022, 2, 13)
    assert [locales[code].date(day) for code in ("uk", "en", "ru")] == [
        "13 лютого 2022", "13 February 2022", "13 февраля 2022"]
    assert locales["uk"].language_name("de") == "німецька"
    assert locales["en"].language_name("xx") == "xx"


def test_figure_units_are_named_in_each_language_and_codes_stay_as_they_are():
    locales = load_locales(("uk", "ru"))
    assert locales["uk"].unit_name("troops") == "військові"
    assert locales["ru"].unit_name("percent") == "проценты"
    assert locales["en"].unit_name("USD") == "USD"


def test_every_unit_the_figures_store_has_a_name_in_every_locale():
    import tomllib

    from presswatch.enrich.figures import WORDS_PATH

    words = tomllib.loads(WORDS_PATH.read_text(encoding="utf-8"))
    units = {unit for table in words.values() for unit in table.get("units", {}).values()}
    for lang in available_locales():
        strings = read_locale(lang)
        assert not {u for u in units if f"unit.{u}" not in strings}, lang
