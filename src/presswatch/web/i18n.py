"""UI strings from ``presswatch/locales/<lang>.toml``; templates call ``t(key, **values)``."""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from datetime import datetime
from importlib import resources

from presswatch.errors import ConfigError

log = logging.getLogger(__name__)
FALLBACK = "en"


def _flatten(table: dict, prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def read_locale(lang: str) -> dict[str, object]:
    """The flattened strings of one locale file (``{"nav.home": "Головна", ...}``)."""
    source = resources.files("presswatch.locales").joinpath(f"{lang}.toml")
    try:
        return _flatten(tomllib.loads(source.read_text(encoding="utf-8")))
    except FileNotFoundError as err:
        raise ConfigError(f"no UI strings for language {lang!r} (locales/{lang}.toml)") from err


def available_locales() -> tuple[str, ...]:
    files = resources.files("presswatch.locales").iterdir()
    return tuple(sorted(f.name.removesuffix(".toml") for f in files if f.name.endswith(".toml")))


@dataclass(frozen=True)
class Locale:
    """One UI language; a key missing here falls back to English, then to the key itself."""

    lang: str
    strings: dict[str, object]
    fallback: dict[str, object]

    def t(self, key: str, **values: object) -> str:
        text = self.strings.get(key, self.fallback.get(key))
        if not isinstance(text, str):
            log.warning("missing UI string %r for %s", key, self.lang)
            return key
        return text.format(**values) if values else text

    def language_name(self, code: str | None) -> str:
        """``de`` -> ``німецька`` in uk; an unknown code is shown as is."""
        if not code:
            return self.t("language.unknown")
        return self._name("language", code)

    def unit_name(self, unit: str) -> str:
        """A figure's unit as stored (``troops``, ``percent``, ``USD``) in this language:
        ``військові`` in uk; a unit with no string (a currency code) is shown as is."""
        return self._name("unit", unit)

    def _name(self, table: str, key: str) -> str:
        """``table.key`` here or in English, else ``key`` itself (no warning: codes may have
        no name)."""
        name = self.strings.get(f"{table}.{key}", self.fallback.get(f"{table}.{key}"))
        return name if isinstance(name, str) else key

    def date(self, value: datetime | None) -> str:
        """``13 лютого 2022`` / ``13 February 2022``; empty for no date."""
        if value is None:
            return ""
        months = self.strings.get("date.months")
        if not isinstance(months, list) or len(months) != 12:
            return value.date().isoformat()
        return self.t("date.pattern", day=value.day, month=months[value.month - 1],
                      year=value.year)


def load_locales(languages: tuple[str, ...]) -> dict[str, Locale]:
    """A ``Locale`` per language (the site languages plus English, the fallback)."""
    fallback = read_locale(FALLBACK)
    wanted = dict.fromkeys((*languages, FALLBACK))
    return {lang: Locale(lang, read_locale(lang), fallback) for lang in wanted}
