"""Generated bad pages through ``extract_article``: tag soup, unclosed tags, huge attributes,
deep nesting, many siblings, truncated and binary bodies, NUL bytes, wild content types.

Whatever comes in, the stage answers with a value: an ``Article`` with text, or a
``Rejected`` whose reason is one of those ``extract.article`` documents.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from presswatch.extract import article as article_module
from presswatch.extract.article import extract_article
from presswatch.models import Article, Rejected
from presswatch.settings import Settings

TAGS = ("div", "p", "span", "a", "article", "main", "section", "h1", "h2", "h3", "ul", "ol",
        "li", "table", "tr", "td", "blockquote", "b", "i", "em", "font", "nav", "footer",
        "header", "aside", "figure", "figcaption", "script", "style", "noscript", "svg",
        "iframe", "form", "select", "option", "time", "br", "img", "hr", "meta", "link",
        "title", "html", "head", "body", "!--", "x-widget", "o:p")
ATTRIBUTES = ("class", "id", "href", "src", "style", "lang", "charset", "content", "property",
              "itemprop", "datetime", "data-x", "onclick", "type", "rel")
WORDS = ("Правительство", "утвердило", "бюджет", "Уряд", "затвердив", "ґрунтовні", "the",
         "minister", "said", "Straße", "über", "cœur", "€", "&amp;", "&nbsp;", "&#x2019;",
         "<", ">", "\"", "'", "\x00", "\ufeff", "\u202e", "🙂", "\ud7ff", "\t", "\n")
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CONTENT_TYPES = st.sampled_from(["", "text/html", "text/html; charset=utf-8",
                                 "text/html; charset=koi8-r", "text/html; charset=bogus",
                                 "text/html; charset=utf-16", "application/json", "image/png",
                                 "application/xhtml+xml; charset=windows-1251", ";;;", "text/"])


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path_factory.mktemp("bad-input"))


def assert_a_value(result: object) -> None:
    """An Article with text, or a Rejected with a documented reason and a detail."""
    if isinstance(result, Rejected):
        assert result.reason and f"``{result.reason}``" in article_module.__doc__, result
        assert result.detail
    else:
        assert isinstance(result, Article), result
        assert result.text.strip() and isinstance(result.title, str)


text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=12).map(
    " ".join)
attribute_value = st.one_of(text, st.integers(min_value=1, max_value=200_000).map(
    lambda n: "x" * n))
tag = st.builds(
    lambda name, attrs, closed: (name, attrs, closed),
    st.sampled_from(TAGS),
    st.lists(st.tuples(st.sampled_from(ATTRIBUTES), attribute_value), max_size=3),
    st.booleans(),
)


def render(node: object) -> str:
    if isinstance(node, str):
        return node
    (name, attrs, closed), children = node
    attributes = "".join(f' {key}="{value}"' for key, value in attrs)
    inner = "".join(render(child) for child in children)
    return f"<{name}{attributes}>{inner}" + (f"</{name}>" if closed else "")


soup = st.recursive(text, lambda inner: st.tuples(tag, st.lists(inner, max_size=5)),
                    max_leaves=40)


@SETTINGS
@given(nodes=st.lists(soup, max_size=6), encoding=st.sampled_from(
    ["utf-8", "cp1251", "koi8-r", "latin-1", "utf-16"]), cut=st.integers(0, 100),
    content_type=CONTENT_TYPES)
def test_tag_soup_gives_a_value(config: Settings, nodes: list[object], encoding: str, cut: int,
                                content_type: str) -> None:
    page = "<!DOCTYPE html><html><body>" + "".join(render(n) for n in nodes)
    body = page.encode(encoding, errors="replace")
    body = body[: len(body) * (100 - cut) // 100] if cut else body  # truncated too
    assert_a_value(extract_article(body, "https://news.example/a", config,
                                   content_type=content_type))


@settings(max_examples=30, deadline=None)
@given(body=st.binary(max_size=20_000), prefix=st.sampled_from([b"", b"<html><body><p>",
                                                                 b"\xef\xbb\xbf<!doctype html>"]))
def test_binary_bodies_are_rejected_with_a_reason(config: Settings, body: bytes,
                                                  prefix: bytes) -> None:
    assert_a_value(extract_article(prefix + body, "https://news.example/b", config))


PARAGRAPH = ("<p>Міністри оборони країн альянсу зібралися в Брюсселі в четвер, щоб погодити "
             "новий пакет протиповітряної оборони після тижня атак на енергосистему.</p>")


@settings(max_examples=12, deadline=None)
@given(depth=st.sampled_from([50, 240, 256, 300, 10_000]), name=st.sampled_from(
    ["div", "span", "b", "table", "blockquote", "font"]), closed=st.booleans())
@example(depth=10_000, name="div", closed=True)
def test_deep_nesting_is_too_deep_or_read_whole(config: Settings, depth: int, name: str,
                                                closed: bool) -> None:
    body = (f"<html><body>{f'<{name}>' * depth}{PARAGRAPH * 4}"
            f"{f'</{name}>' * depth if closed else ''}<p>Кінець.</p></body></html>").encode()
    result = extract_article(body, "https://news.example/deep", config)
    assert_a_value(result)
    if depth >= 256:
        assert isinstance(result, Rejected) and result.reason == "too_deep"


@settings(max_examples=6, deadline=None)
@given(count=st.sampled_from([1_000, 20_000, 60_000]), name=st.sampled_from(
    ["span", "p", "li", "a", "br"]))
def test_many_siblings_give_a_value(config: Settings, count: int, name: str) -> None:
    body = (f"<html><body><article>{PARAGRAPH * 3}"
            f"{f'<{name}>x</{name}>' * count}</article></body></html>").encode()
    result = extract_article(body, "https://news.example/wide", config)
    assert_a_value(result)
    if 2 * count > 100_000:
        assert isinstance(result, Rejected) and result.reason == "too_large"


@settings(max_examples=20, deadline=None)
@given(positions=st.lists(st.floats(0, 1), min_size=1, max_size=5))
def test_nul_bytes_anywhere_give_a_value(config: Settings, positions: list[float]) -> None:
    body = bytearray(("<html><head><title>Новини</title></head><body><article>"
                      + PARAGRAPH * 6 + "</article></body></html>").encode())
    for where in positions:
        body.insert(int(where * len(body)), 0)
    assert_a_value(extract_article(bytes(body), "https://news.example/nul", config))
