"""Stored article pages and what presswatch must extract from them (FU-style golden files).

After a deliberate change, run ``python tests/golden/regenerate.py extract`` and review the
diff of the ``.json`` files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.golden.regenerate import expected_path, extract_record

PAGES = sorted(Path(__file__).parent.glob("*.html"))


def test_there_are_golden_pages_in_four_languages():
    assert {page.name.split("-")[0] for page in PAGES} >= {"uk", "en", "ru", "de"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_extraction_matches_the_golden_file(page):
    expected = json.loads(expected_path(page).read_text(encoding="utf-8"))
    assert extract_record(page) == expected, (
        f"{page.name} extracts differently; if intended, run "
        "python tests/golden/regenerate.py extract and review the diff")
