"""Slugs: Ukrainian and Russian transliterated by their own rules, German spelled out."""

from __future__ import annotations

import pytest

from presswatch.publish.slugs import MAX_SLUG, slugify


@pytest.mark.parametrize(("text", "language", "slug"), [
    ("НАТО згуртовується", "uk", "nato-zhurtovuietsia"),
    ("Генштаб: ситуація на Харківщині", "uk", "henshtab-sytuatsiia-na-kharkivshchyni"),
    ("Генштаб: ситуация на Харьковщине", "ru", "genshtab-situatsiya-na-kharkovshchine"),
    ("Ostsee verstärkt Luftabwehr", "de", "ostsee-verstaerkt-luftabwehr"),
    ("L'Élysée et l'OTAN", "fr", "lelysee-et-lotan"),
    ("П'ять м'ячів", "uk", "piat-miachiv"),
    ("Объём экспорта вырос", None, "obyom-eksporta-vyros"),
    ("Їжак і ґанок", None, "izhak-i-ganok"),
    ("¿!", None, "article"),
])
def test_slugify(text, language, slug):
    assert slugify(text, language) == slug


def test_long_titles_are_cut_at_a_word():
    slug = slugify("Міністри " * 30, "uk")
    assert len(slug) <= MAX_SLUG and not slug.endswith("-")
    assert set(slug.split("-")) == {"ministry"}
