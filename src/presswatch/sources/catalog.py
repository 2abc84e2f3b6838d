"""The outlet catalog: a TOML (or JSON) file listing outlets and their feeds.

::

    [[outlet]]
    name = "Berliner Morgenblatt"
    country = "DE"          # ISO 3166-1 alpha-2
    language = "de"         # BCP-47
    homepage = "https://morgenblatt.example/"
    feeds = ["https://morgenblatt.example/rss.xml"]
    pages = ["https://morgenblatt.example/politik/"]            # crawled for article links
    sitemaps = ["https://morgenblatt.example/sitemap-news.xml"]  # news sitemaps
    archive_url = "https://morgenblatt.example/archiv/{yyyy}/{mm}/{dd}/"  # for backfills

A JSON catalog has the same shape: ``{"outlet": [{"name": ..., "homepage": ...}]}``.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from presswatch.errors import InputError
from presswatch.models import OutletEntry
from presswatch.sources.archive import check_archive_template
from presswatch.urls import canonicalize_url

__all__ = ["check_http_url", "is_language_tag", "load_catalog", "outlet_from_mapping"]

FIELDS = ("name", "homepage", "country", "language", "feeds", "pages", "sitemaps", "archive_url")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def is_language_tag(tag: str) -> bool:
    """Whether ``tag`` looks like a BCP-47 language tag (``de``, ``pt-BR``, ``sr-Latn``)."""
    return bool(_LANGUAGE.match(tag))


def check_http_url(value: object, what: str) -> str:
    """``value`` as a canonical http(s) URL, or ``InputError`` saying what is wrong."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{what} must be a non-empty string, not {value!r}")
    try:
        parts = urlsplit(value.strip())
        host = parts.hostname
    except ValueError as err:
        raise InputError(f"{what} is not a valid URL: {value!r} ({err})") from err
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise InputError(f"{what} must be an http(s) URL with a host, not {value!r}")
    return canonicalize_url(value)


def _text_field(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise InputError(f"{key} must be a string, not {type(value).__name__} {value!r}")
    return value.strip()


def outlet_from_mapping(raw: object) -> OutletEntry:
    """One outlet from a parsed table; ``InputError`` says which field is wrong."""
    if not isinstance(raw, dict):
        raise InputError(f"an outlet must be a table, not {type(raw).__name__}")
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise InputError(f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(FIELDS)}")
    name = _text_field(raw, "name")
    if not name:
        raise InputError("name is missing or empty")
    if "homepage" not in raw:
        raise InputError("homepage is missing")
    homepage = check_http_url(raw["homepage"], "homepage")
    country = _text_field(raw, "country")
    if country and not _COUNTRY.match(country):
        raise InputError(f"country must be an ISO 3166-1 alpha-2 code such as DE, not {country!r}")
    language = _text_field(raw, "language")
    if language and not _LANGUAGE.match(language):
        raise InputError(f"language must be a BCP-47 tag such as de or pt-BR, not {language!r}")
    archive_url = raw.get("archive_url", "")
    if archive_url != "":
        archive_url = check_archive_template(archive_url)
    return OutletEntry(name=name, homepage=homepage, country=country.upper(),
                       language=language, feeds=_urls(raw, "feeds"), pages=_urls(raw, "pages"),
                       sitemaps=_urls(raw, "sitemaps"), archive_url=archive_url)


def _urls(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    """The list ``key`` of canonical http(s) URLs, without repeats."""
    values = raw.get(key, [])
    if not isinstance(values, list):
        raise InputError(f"{key} must be a list of URLs, not {type(values).__name__}")
    urls: list[str] = []
    for i, value in enumerate(values, start=1):
        url = check_http_url(value, f"{key}[{i}]")
        if url not in urls:
            urls.append(url)
    return tuple(urls)


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read the catalog ({err.strerror or err})") from err
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8-sig"))
        else:
            data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: the catalog is not UTF-8 ({err.reason})") from err
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as err:
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        raise InputError(f"{path}: not valid {kind}: {err}") from err
    if not isinstance(data, dict):
        raise InputError(f"{path}: the catalog must be a table with an 'outlet' list")
    return data


def load_catalog(path: Path) -> list[OutletEntry]:
    """Every outlet of a catalog file, validated; ``InputError`` names the file and outlet."""
    path = Path(path)
    data = _read(path)
    outlets = data.get("outlet")
    if not isinstance(outlets, list) or not outlets:
        raise InputError(f"{path}: no outlets; write one [[outlet]] table per outlet")
    entries: list[OutletEntry] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(outlets, start=1):
        label = f"outlet #{index}"
        if isinstance(raw, dict) and isinstance(raw.get("name"), str) and raw["name"].strip():
            label += f" ({raw['name'].strip()})"
        try:
            entry = outlet_from_mapping(raw)
        except InputError as err:
            raise InputError(f"{path}: {label}: {err}") from err
        if entry.homepage in seen:
            raise InputError(f"{path}: {label}: homepage {entry.homepage} is already used by "
                             f"outlet #{seen[entry.homepage]}")
        seen[entry.homepage] = index
        entries.append(entry)
    return entries
