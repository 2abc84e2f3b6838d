"""Per-site rule files: loaded by host, versioned layouts, CSS and XPath selectors."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.errors import ConfigError
from presswatch.extract import siterules
from presswatch.extract.article import extract_article
from presswatch.extract.metadata import parse_tree
from presswatch.extract.siterules import SITES_DIR, load_rule, load_rules, rule_for
from presswatch.models import Article, Block

RULE = """
name = "Test Courier"
hosts = ["courier.example"]

[[layout]]
version = 1
body = "div.story"
title = "h1"
date = "//span[@class='when']/@data-time"

[[layout]]
version = 2
detect = "article.story-2026"
body = "article.story-2026 .text"
title = "article.story-2026 h1.headline"
author = "article.story-2026 .who"
date = "article.story-2026 time @datetime"
section = "//nav[@class='crumbs']/a[last()]"
remove = [".inline-teaser"]
"""

OLD_PAGE = """<html><head><title>Old | Courier</title></head><body>
<h1>Old layout headline</h1><span class="when" data-time="2025-05-01T10:00:00Z">May</span>
<div class="story"><p>{p1}</p><p>{p2}</p></div></body></html>"""

NEW_PAGE = """<html><head><title>New | Courier</title></head><body>
<nav class="crumbs"><a href="/">Home</a><a href="/world/">World</a></nav>
<article class="story-2026"><h1 class="headline">New layout headline</h1>
<p class="who">By Lena Fischer and Omar Haddad</p>
<time datetime="2026-02-01T08:00:00+01:00">1 Feb</time>
<div class="text"><p>{p1}</p><div class="inline-teaser">Also on Courier: prices rise</div>
<h2>What comes next</h2><p>{p2}</p><blockquote><p>We are ready.</p></blockquote>
<ul><li>First point</li><li>Second point</li></ul></div></article>
<div class="sidebar"><p>Most read: something else entirely, a long sidebar text here.</p></div>
</body></html>"""


@pytest.fixture
def rules_dir(tmp_path, monkeypatch) -> Path:
    (tmp_path / "courier.example.toml").write_text(RULE, encoding="utf-8")
    monkeypatch.setattr(siterules, "SITES_DIR", tmp_path)
    return tmp_path


def test_the_rule_is_found_by_host_with_www_port_and_subdomain(rules_dir):
    for url in ("https://courier.example/a", "http://www.courier.example:8080/a",
                "https://news.courier.example/a"):
        assert rule_for(url, rules_dir).name == "Test Courier"
    assert rule_for("https://other.example/a", rules_dir) is None


def test_the_newest_layout_whose_detect_matches_is_chosen(rules_dir, paragraphs):
    rule = rule_for("https://courier.example/a", rules_dir)
    new = parse_tree(NEW_PAGE.format(p1="a", p2="b"))
    old = parse_tree(OLD_PAGE.format(p1="a", p2="b"))
    assert rule.layout_for(new).version == 2
    assert rule.layout_for(old).version == 1


def test_the_new_layout_gives_body_structure_and_fields(rules_dir, paragraphs, settings):
    p1, p2 = paragraphs["en"][:2]
    page = NEW_PAGE.format(p1=p1, p2=p2).encode()
    article = extract_article(page, "https://courier.example/world/a", settings)
    assert isinstance(article, Article)
    assert article.title == "New layout headline"
    assert article.authors == ("Lena Fischer", "Omar Haddad")
    assert article.published.isoformat() == "2026-02-01T07:00:00+00:00"
    assert article.outlet_section == "World"
    assert article.blocks == (Block("p", p1), Block("h2", "What comes next"), Block("p", p2),
                              Block("quote", "We are ready."), Block("li", "First point"),
                              Block("li", "Second point"))


def test_the_old_layout_still_reads_stored_pages(rules_dir, paragraphs, settings):
    p1, p2 = paragraphs["en"][1:3]
    page = OLD_PAGE.format(p1=p1, p2=p2).encode()
    article = extract_article(page, "https://courier.example/old", settings)
    assert isinstance(article, Article)
    assert article.title == "Old layout headline"
    assert article.published.isoformat() == "2025-05-01T10:00:00+00:00"
    assert article.text.split("\n\n") == [p1, p2]


def test_a_bad_selector_names_the_file(tmp_path):
    path = tmp_path / "bad.example.toml"
    path.write_text('hosts = ["bad.example"]\n[[layout]]\nversion = 1\nbody = "div[["\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.example.toml"):
        load_rule(path)


@pytest.mark.parametrize("text", [
    'name = "x"\n',
    'hosts = ["x.example"]\n[[layout]]\nbody = "div"\n',
    'hosts = ["x.example"]\n[[layout]]\nversion = 1\n[[layout]]\nversion = 1\n',
    "hosts = [\n",
])
def test_incomplete_rule_files_are_refused(tmp_path, text):
    path = tmp_path / "x.example.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_rule(path)


def test_the_shipped_rule_files_load():
    rules = load_rules(SITES_DIR)
    assert {"morgenblatt.example", "visnyk.example", "potomacledger.example"} <= set(rules)
    for rule in rules.values():
        assert [layout.version for layout in rule.layouts] == sorted(
            (layout.version for layout in rule.layouts), reverse=True)
