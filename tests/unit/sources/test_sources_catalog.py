"""The outlet catalog file: what a user writes, and the errors they see when it is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presswatch.errors import InputError
from presswatch.models import OutletEntry
from presswatch.sources.catalog import load_catalog

GOOD = """
[[outlet]]
name = "Berliner Morgenblatt"
country = "de"
language = "de"
homepage = "HTTP://127.0.0.1:8101"
feeds = ["http://127.0.0.1:8101/rss.xml?utm_source=catalog", "http://127.0.0.1:8101/atom.xml"]

[[outlet]]
name = "Kharkiv Courier"
country = "UA"
language = "uk"
homepage = "https://courier.example/"
"""


def write(tmp_path: Path, text: str, name: str = "catalog.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_toml_catalog_loads_canonical_entries(tmp_path: Path) -> None:
    entries = load_catalog(write(tmp_path, GOOD))
    assert entries == [
        OutletEntry(
            name="Berliner Morgenblatt", homepage="http://127.0.0.1:8101/", country="DE",
            language="de",
            feeds=("http://127.0.0.1:8101/rss.xml", "http://127.0.0.1:8101/atom.xml"),
        ),
        OutletEntry(name="Kharkiv Courier", homepage="https://courier.example/", country="UA",
                    language="uk"),
    ]


def test_json_catalog_has_the_same_shape(tmp_path: Path) -> None:
    data = {"outlet": [{"name": "Baltic Herald", "homepage": "https://herald.example/",
                        "language": "en", "country": "LV",
                        "feeds": ["https://herald.example/feed.json"]}]}
    path = write(tmp_path, json.dumps(data), "catalog.json")
    [entry] = load_catalog(path)
    assert entry.feeds == ("https://herald.example/feed.json",)
    assert entry.country == "LV"


@pytest.mark.parametrize(
    ("outlet", "message"),
    [
        ('homepage = "https://a.example/"', "outlet #2: name is missing"),
        ('name = "A"', "outlet #2 (A): homepage is missing"),
        ('name = "A"\nhomepage = "ftp://a.example/"', "homepage must be an http(s) URL"),
        ('name = "A"\nhomepage = "not a url"', "homepage must be an http(s) URL"),
        ('name = "A"\nhomepage = "https://a.example/"\nfeeds = "https://a.example/rss"',
         "feeds must be a list of URLs, not str"),
        ('name = "A"\nhomepage = "https://a.example/"\nfeeds = ["javascript:alert(1)"]',
         "feeds[1] must be an http(s) URL"),
        ('name = "A"\nhomepage = "https://a.example/"\ncountry = "Germany"',
         "country must be an ISO 3166-1 alpha-2 code"),
        ('name = "A"\nhomepage = "https://a.example/"\nlanguage = 7',
         "language must be a string, not int"),
        ('name = "A"\nhomepage = "https://a.example/"\nfeed = ["https://a.example/rss"]',
         "unknown field(s) feed"),
        ('name = "A"\nhomepage = "https://courier.example"', "already used by outlet #1"),
    ],
)
def test_bad_outlet_names_file_and_index(tmp_path: Path, outlet: str, message: str) -> None:
    first = '[[outlet]]\nname = "Courier"\nhomepage = "https://courier.example/"\n\n'
    path = write(tmp_path, first + "[[outlet]]\n" + outlet + "\n")
    with pytest.raises(InputError) as caught:
        load_catalog(path)
    text = str(caught.value)
    assert str(path) in text
    assert "outlet #2" in text
    assert message in text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.toml", '[[outlet]\nname = "x"', "not valid TOML"),
        ("broken.json", '{"outlet": [', "not valid JSON"),
        ("empty.toml", "", "no outlets"),
        ("list.json", "[]", "must be a table"),
    ],
)
def test_unreadable_catalogs_are_input_errors(tmp_path: Path, name: str, content: str,
                                              message: str) -> None:
    path = write(tmp_path, content, name)
    with pytest.raises(InputError, match=message):
        load_catalog(path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the catalog"):
        load_catalog(tmp_path / "nope.toml")
