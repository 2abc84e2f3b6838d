"""Stored article pages and what presswatch must extract from them (FU-style golden files).

The written pages (one per language) test the generic extraction; ``sites/<host>.html`` is
one stored page per site rule file, extracted under that host, so a rule that stops matching
its outlet's markup shows here. After a deliberate change, run
``python tests/golden/regenerate.py extract`` and review the diff of the ``.json`` files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.golden.regenerate import expected_path, extract_pages, extract_record, extract_url

from presswatch.extract.metadata import parse_tree
from presswatch.extract.siterules import SITES_DIR, rule_for

PAGES = extract_pages()
SITE_PAGES = sorted((Path(__file__).parent / "sites").glob("*.html"))


def test_there_are_golden_pages_in_four_languages():
    assert {page.name.split("-")[0] for page in PAGES} >= {"uk", "en", "ru", "de"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_extraction_matches_the_golden_file(page):
    expected = json.loads(expected_path(page).read_text(encoding="utf-8"))
    assert extract_record(page) == expected, (
        f"{page.name} extracts differently; if intended, run "
        "python tests/golden/regenerate.py extract and review the diff")


def test_every_site_rule_file_has_a_golden_page():
    rule_files = {path.stem for path in SITES_DIR.glob("*.toml")}
    assert rule_files, "no site rule files"
    assert rule_files <= {page.stem for page in SITE_PAGES}


@pytest.mark.parametrize("page", SITE_PAGES, ids=lambda p: p.stem)
def test_the_site_rule_and_its_newest_layout_apply_to_its_golden_page(page):
    url = extract_url(page)
    rule = rule_for(url)
    assert rule is not None and rule.path.stem == page.stem
    tree = parse_tree(page.read_text(encoding="utf-8"))
    assert rule.layout_for(tree) is rule.layouts[0]


@pytest.mark.parametrize("page", SITE_PAGES, ids=lambda p: p.stem)
def test_a_site_golden_page_keeps_every_field(page):
    """Rule pages are real article pages: title, author, date, section and body all come."""
    record = extract_record(page)
    assert record["title"] and record["authors"] and record["published"] and record["section"]
    assert any(kind == "h2" for kind, _ in record["blocks"])
    assert all(record["title"] != text for _, text in record["blocks"])
