"""Fetched text on its way to a page: escaped, allow-listed, never executable."""

from __future__ import annotations

from presswatch.publish.body import excerpt, group_blocks, render_body
from presswatch.publish.sanitize import inline_html, plain_html, plain_text, safe_url


def test_plain_text_is_escaped_not_interpreted():
    out = str(plain_html('A <script>alert(1)</script> & <img src=x onerror="x()"> "quote"'))
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "&amp;" in out


def test_plain_html_drops_control_characters():
    assert str(plain_html("Kyiv\x00\x07 today")) == "Kyiv today"


def test_inline_html_keeps_inline_tags_and_drops_the_rest():
    out = str(inline_html(
        '<p onclick="x()">A <em>brief</em> <a href="javascript:alert(1)">link</a> '
        '<a href="https://example.org/x">ok</a><script>bad()</script><iframe src=x></iframe></p>'
    ))
    assert "<em>brief</em>" in out
    assert "<p" not in out and "onclick" not in out and "<script" not in out
    assert "bad()" not in out and "<iframe" not in out and "javascript:" not in out
    assert 'href="https://example.org/x"' in out and 'rel="noopener noreferrer nofollow"' in out


def test_plain_text_of_a_fragment():
    assert plain_text("<b>Kyiv</b> &amp; Lviv<script>x()</script>") == "Kyiv & Lviv"


def test_safe_url_allows_only_http_and_https():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,x", "", None,
                "/relative", "http:/broken"):
        assert safe_url(bad) == "#"


def test_body_keeps_structure_and_groups_list_items():
    blocks = [
        {"kind": "p", "text": "Lead."}, {"kind": "h2", "text": "Sub <b>heading</b>"},
        {"kind": "li", "text": "one"}, {"kind": "li", "text": "two"},
        {"kind": "quote", "text": "Said."}, {"kind": "h3", "text": "Minor"},
        {"kind": "weird", "text": "Unknown kind."}, {"kind": "p", "text": "   "},
    ]
    assert [p.kind for p in group_blocks([])] == []
    html = str(render_body(blocks))
    assert html.splitlines() == [
        "<p>Lead.</p>", "<h2>Sub &lt;b&gt;heading&lt;/b&gt;</h2>",
        "<ul><li>one</li><li>two</li></ul>", "<blockquote><p>Said.</p></blockquote>",
        "<h3>Minor</h3>", "<p>Unknown kind.</p>",
    ]


def test_excerpt_cuts_at_a_word():
    text = "word " * 100
    cut = excerpt([{"kind": "h2", "text": "Head"}, {"kind": "p", "text": text}], limit=22)
    assert cut == "word word word word…"
    assert excerpt([{"kind": "h2", "text": "Only a heading"}]) == ""
