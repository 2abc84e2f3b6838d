"""OPML import (nested folders, grouping by site) and export that imports back unchanged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from presswatch.errors import InputError
from presswatch.models import OutletEntry
from presswatch.sources.opml import parse_opml, render_opml

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My reader</title></head>
  <body>
    <outline text="Europe">
      <outline text="Germany">
        <outline text="Berliner Morgenblatt" type="rss" language="de" country="de"
                 xmlUrl="http://morgenblatt.example/rss.xml" htmlUrl="http://morgenblatt.example/"/>
        <outline title="Berliner Morgenblatt: Politik" type="rss"
                 xmlUrl="http://morgenblatt.example/politik/rss.xml"
                 htmlUrl="http://Morgenblatt.example:80/"/>
      </outline>
      <outline text="Warsaw Ledger &amp; Co" type="rss" xmlurl="https://ledger.example/feed"/>
    </outline>
  </body>
</opml>
"""


def test_nested_outlines_grouped_by_site() -> None:
    assert parse_opml(NESTED) == [
        OutletEntry(
            name="Berliner Morgenblatt", homepage="http://morgenblatt.example/", country="DE",
            language="de",
            feeds=("http://morgenblatt.example/rss.xml",
                   "http://morgenblatt.example/politik/rss.xml"),
        ),
        OutletEntry(name="Warsaw Ledger & Co", homepage="https://ledger.example/",
                    feeds=("https://ledger.example/feed",)),
    ]


def test_export_imports_back_to_the_same_outlets() -> None:
    entries = [
        OutletEntry(name='Kyiv "Evening" <Post> & Co', homepage="https://post.example/",
                    country="UA", language="uk",
                    feeds=("https://post.example/rss?lang=uk&section=war",
                           "https://post.example/atom.xml")),
        OutletEntry(name="Пресса без ленты", homepage="https://nofeed.example/", language="ru"),
    ]
    xml = render_opml(entries)
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert '<opml version="2.0">' in xml
    assert "&amp;section=war" in xml
    assert parse_opml(xml.encode("utf-8")) == entries


names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                max_size=40).filter(lambda s: s.strip() == s and s.strip())


@given(name=names, path=st.from_regex(r"[a-z0-9/]{0,12}", fullmatch=True))
def test_round_trip_for_any_name(name: str, path: str) -> None:
    entry = OutletEntry(name=name, homepage="https://x.example/",
                        feeds=(f"https://x.example/{path}feed?a=1&b=<2>",))
    [back] = parse_opml(render_opml([entry]).encode("utf-8"))
    assert back.name == name
    assert back.feeds == ("https://x.example/" + path + "feed?a=1&b=<2>",)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<opml><body><outline", "not well-formed XML"),
        (b"<rss version='2.0'/>", "root element must be <opml>"),
        (b"<opml version='2.0'><head/></opml>", "<body> is missing"),
        (b"<opml><body><outline text='Bad' xmlUrl='file:///etc/passwd'/></body></opml>",
         "outline 'Bad' (line 1): xmlUrl must be an http(s) URL"),
    ],
)
def test_bad_opml_is_an_input_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_opml(data)
    assert message in str(caught.value)


def test_external_entities_are_not_resolved(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    data = (f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<opml><body><outline text="&x;" xmlUrl="https://a.example/rss"/></body></opml>')
    with pytest.raises(InputError) as caught:
        parse_opml(data.encode())
    assert "external entity" in str(caught.value)
    assert "TOP-SECRET" not in str(caught.value)
