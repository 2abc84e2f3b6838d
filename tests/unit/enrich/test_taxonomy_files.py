"""The built-in sections and topics files, and how a broken replacement is reported."""

from __future__ import annotations

import re

import pytest

from presswatch.errors import ConfigError
from presswatch.settings import Settings
from presswatch.taxonomy import SECTION_SLUGS, load_sections, load_topics, section_name


def test_built_in_sections_are_named_in_the_site_languages():
    sections = load_sections(None)
    assert tuple(s.slug for s in sections) == SECTION_SLUGS
    for section in sections:
        assert {"uk", "en", "ru", "de"} <= set(section.names)
        assert {"de", "en", "ru", "uk", "pl", "fr"} <= set(section.rules)
    assert section_name(sections, "military", "uk") == "Воєнна сфера"
    assert section_name(sections, "military", "en") == "Military sphere"
    assert section_name(sections, "military", "ru") == "Военная сфера"
    assert section_name(sections, "geopolitics", "en-GB") == "Geopolitics"
    assert section_name(sections, "economy", "pl") == "Economy", "English when a name is missing"
    assert section_name(sections, "sport", "uk") == "sport"


def test_built_in_topics_cover_the_default_watch_topics(tmp_path):
    slugs = {t.slug for t in load_topics(None)}
    assert set(Settings(_env_file=None, data_dir=tmp_path).watch_topics) <= slugs


@pytest.mark.parametrize(("content", "message"), [
    ("[[section]\nslug = 'x'", "not a readable TOML"),
    ("[[section]]\nslug = 'x'\nnames = { en = 'X' }\nrules = { en = ['(unclosed'] }",
     "bad pattern"),
    ("[[section]]\nslug = 'x'\nnames = { en = 'X' }\n[[section]]\nslug = 'x'\n"
     "names = { en = 'Y' }", "used twice"),
    ("[[section]]\nslug = 'x'", "names table"),
    ("title = 'nothing'", "no [[section]]"),
])
def test_broken_sections_file_is_a_config_error(tmp_path, content, message):
    path = tmp_path / "sections.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_sections(path)


def test_missing_files_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_sections(tmp_path / "none.toml")
    with pytest.raises(ConfigError, match="does not exist"):
        load_topics(tmp_path / "none.toml")
