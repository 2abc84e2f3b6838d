"""Every file of feedparser's ``encoding/`` corpus goes through ``parse_feed``: none makes the
parser fail, a file the corpus calls well-formed gets no encoding complaint, and the text the
files say they contain comes out decoded (../shared must be present; skipped otherwise).

The corpus files state their expectations in a comment header (``Expect: ...``), many of them
about an entry's description. ``parse_feed`` reports titles, not descriptions, so for those
files the description is moved into the item's title and given a link before parsing.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from presswatch.sources.feeds import parse_feed

ENCODING = (Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
            / "feedparser-testcorpus" / "encoding")
ABSENT = ("../shared/datasets/feedparser-testcorpus/encoding is absent; the encoding corpus "
          "test needs it")
FILES = sorted(ENCODING.glob("*.xml")) if ENCODING.is_dir() else []
# Findings that say nothing about the encoding: the corpus files are mostly empty channels.
STRUCTURAL = re.compile(r"the feed has no items|\d+ of \d+ items have no usable link")
# The Expect clauses about the first entry's description: ``== '<text>'`` or ``ord(...) == n``.
DESCRIPTION = re.compile(r"entries\[0\]\['description'\] == ('(?:[^'\\]|\\.)*')")
DESCRIPTION_ORD = re.compile(r"ord\(entries\[0\]\['description'\]\) == (\d+)")


def header(path: Path, name: str) -> str | None:
    """A field of the file's comment header, if it is readable as ASCII-compatible bytes."""
    match = re.search(rb"^" + name.encode() + rb":\s*(.*?)\s*$", path.read_bytes(), re.M)
    return match.group(1).decode("latin-1") if match else None


def params(files: list[Path]) -> list[object]:
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason=ABSENT), id="corpus-absent")]
    return [pytest.param(p, id=p.name) for p in files]


def expected_description(path: Path) -> str | None:
    expect = header(path, "Expect") or ""
    if (match := DESCRIPTION.search(expect)) is not None:
        text = ast.literal_eval(match.group(1))
        return None if "&#" in text else text  # an entity kept as text in HTML content
    if (match := DESCRIPTION_ORD.search(expect)) is not None:
        return chr(int(match.group(1)))
    return None


DESCRIBED = [p for p in FILES if expected_description(p) is not None]
# Files the corpus expects to be read without complaint, where no HTTP header is needed.
CLEAN = [p for p in FILES if (header(p, "Expect") or "").startswith("not bozo")
         and header(p, "Header") is None]


def test_the_corpus_is_there() -> None:
    if not FILES:
        pytest.skip(ABSENT)
    assert len(FILES) >= 80
    assert len(DESCRIBED) >= 6 and len(CLEAN) >= 10


@pytest.mark.parametrize("path", params(FILES))
def test_every_file_is_parsed_without_the_parser_failing(path: Path) -> None:
    parsed = parse_feed(path.read_bytes(), f"https://corpus.invalid/{path.name}")
    assert not (parsed.error or "").startswith("the feed could not be parsed"), parsed.error
    assert all(item.url.startswith("http") for item in parsed.items)


@pytest.mark.parametrize("path", params(CLEAN))
def test_well_formed_files_get_no_encoding_complaint(path: Path) -> None:
    parsed = parse_feed(path.read_bytes(), f"https://corpus.invalid/{path.name}")
    findings = [part for part in (parsed.error or "").split("; ") if part]
    assert [part for part in findings if not STRUCTURAL.fullmatch(part)] == []


@pytest.mark.parametrize(("name", "title"), [
    ("http_i18n.xml", "Iñtërnâtiônàlizætiøn"),
    ("bozo_http_i18n.xml", "Iñtërnâtiônàlizætiøn"),
    ("euc-kr.xml", "\ub144"),
])
def test_feed_titles_are_decoded_as_the_files_say(name: str, title: str) -> None:
    if not FILES:
        pytest.skip(ABSENT)
    assert parse_feed((ENCODING / name).read_bytes(), "https://corpus.invalid/").title == title


@pytest.mark.parametrize("path", params(DESCRIBED))
def test_descriptions_moved_into_titles_read_as_the_files_say(path: Path) -> None:
    body = re.sub(rb"<title>[^<]*</title>", b"", path.read_bytes())
    body = body.replace(b"<description>", b"<title>").replace(
        b"</description>", b"</title><link>https://corpus.invalid/item</link>")
    parsed = parse_feed(body, f"https://corpus.invalid/{path.name}")
    assert [item.title for item in parsed.items] == [" ".join(expected_description(path).split())]
