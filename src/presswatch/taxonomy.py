"""The site's sections (rubrics) and the watch topics, read from TOML files.

Shared by the enrich stage (which assigns them) and the web app (which names them). The
built-in files are ``presswatch/data/sections.toml`` and ``presswatch/data/topics.toml``;
``Settings.sections_file`` / ``Settings.topics_file`` replace them. Rules and terms are
Python regular expressions matched case-insensitively (``(?-i:EU)`` or a topic's
``acronyms`` list for case-sensitive ones).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from presswatch.errors import ConfigError

__all__ = [
    "SECTION_SLUGS",
    "Section",
    "WatchTopic",
    "load_sections",
    "load_topics",
    "section_name",
]

SECTION_SLUGS = ("geopolitics", "military", "politics", "economy", "energy", "society")


@dataclass(frozen=True, slots=True)
class Section:
    """A rubric: its slug, its name per language, and its keyword rules per language.

    ``fallback``: the section an article gets when no rule matches (at most one).
    """

    slug: str
    names: dict[str, str]
    rules: dict[str, tuple[str, ...]]
    fallback: bool = False


@dataclass(frozen=True, slots=True)
class WatchTopic:
    """A topic that makes an article relevant: terms (any language) and case-sensitive acronyms."""

    slug: str
    names: dict[str, str]
    terms: tuple[str, ...]
    acronyms: tuple[str, ...] = ()
    min_mentions: int = 2


def _read(path: Path | None, builtin: str) -> tuple[dict, str]:
    if path is None:
        source = resources.files("presswatch") / "data" / builtin
        label = f"built-in {builtin}"
    else:
        source, label = Path(path), str(path)
    try:
        return tomllib.loads(source.read_text(encoding="utf-8")), label
    except FileNotFoundError as err:
        raise ConfigError(f"{label} does not exist") from err
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{label} is not a readable TOML file: {err}") from err


def _check_patterns(patterns: object, where: str) -> tuple[str, ...]:
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ConfigError(f"{where} must be a list of strings")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as err:
            raise ConfigError(f"{where}: bad pattern {pattern!r}: {err}") from err
    return tuple(patterns)


def _names(entry: dict, where: str) -> dict[str, str]:
    names = entry.get("names", {})
    if not isinstance(names, dict) or not names or not all(
            isinstance(v, str) for v in names.values()):
        raise ConfigError(f"{where} needs a names table (language = name)")
    return dict(names)


def _section(entry: object, label: str, index: int) -> Section:
    if not isinstance(entry, dict) or not isinstance(entry.get("slug"), str):
        raise ConfigError(f"{label}: section #{index + 1} needs a slug")
    where = f"{label}: section {entry['slug']}"
    rules = entry.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(f"{where}: rules must be a table of language = [patterns]")
    return Section(
        slug=entry["slug"],
        names=_names(entry, where),
        rules={lang: _check_patterns(p, f"{where}, rules.{lang}") for lang, p in rules.items()},
        fallback=bool(entry.get("fallback", False)),
    )


def load_sections(path: Path | None = None) -> tuple[Section, ...]:
    """The sections in file order; ``path`` None reads the built-in file."""
    data, label = _read(path, "sections.toml")
    sections = tuple(_section(e, label, i) for i, e in enumerate(data.get("section", [])))
    if not sections:
        raise ConfigError(f"{label} defines no [[section]]")
    slugs = [s.slug for s in sections]
    if len(set(slugs)) != len(slugs):
        raise ConfigError(f"{label}: a section slug is used twice")
    if sum(s.fallback for s in sections) > 1:
        raise ConfigError(f"{label}: only one section may be the fallback")
    return sections


def section_name(sections: tuple[Section, ...] | list[Section], slug: str, lang: str) -> str:
    """The section's name in ``lang`` (else English, else the slug)."""
    for section in sections:
        if section.slug == slug:
            primary = lang.split("-")[0].lower()
            return section.names.get(primary) or section.names.get("en") or slug
    return slug


def _topic(slug: str, entry: object, label: str, default_mentions: int) -> WatchTopic:
    where = f"{label}: topic {slug}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a table")
    terms = _check_patterns(entry.get("terms", []), f"{where}, terms")
    acronyms = _check_patterns(entry.get("acronyms", []), f"{where}, acronyms")
    if not terms and not acronyms:
        raise ConfigError(f"{where} has neither terms nor acronyms")
    mentions = entry.get("min_mentions", default_mentions)
    if not isinstance(mentions, int) or mentions < 1:
        raise ConfigError(f"{where}: min_mentions must be a positive integer")
    return WatchTopic(slug=slug, names=_names(entry, where), terms=terms, acronyms=acronyms,
                      min_mentions=mentions)


def load_topics(path: Path | None = None) -> tuple[WatchTopic, ...]:
    """The watch topics in file order; ``path`` None reads the built-in file."""
    data, label = _read(path, "topics.toml")
    default_mentions = data.get("min_mentions", 2)
    table = data.get("topic", {})
    if not isinstance(table, dict) or not table:
        raise ConfigError(f"{label} defines no [topic.<slug>] table")
    return tuple(_topic(slug, entry, label, default_mentions) for slug, entry in table.items())
