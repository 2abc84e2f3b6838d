"""The translation cache file and the monthly character counts."""

from __future__ import annotations

from presswatch.translate.cache import SegmentCache


def test_outputs_survive_a_new_cache_object_and_key_on_everything(tmp_path):
    path = tmp_path / "var" / "mt-cache.db"
    SegmentCache(path).put_many("deepl", "", "de", "uk", [("Hallo", "Привіт"), ("Ja", "Так")])
    cache = SegmentCache(path)
    assert cache.get_many("deepl", "", "de", "uk", ["Nein", "Ja", "Hallo"]) == {
        1: "Так", 2: "Привіт"}
    assert cache.get_many("deepl", "v2", "de", "uk", ["Hallo"]) == {}
    assert cache.get_many("deepl", "", "de", "ru", ["Hallo"]) == {}
    assert cache.get_many("libretranslate", "", "de", "uk", ["Hallo"]) == {}
    assert cache.count() == 2


def test_many_segments_at_once(tmp_path):
    cache = SegmentCache(tmp_path / "c.db")
    segments = [f"Satz {i}." for i in range(1000)]
    cache.put_many("e", "", "de", "en", [(s, s.upper()) for s in segments])
    found = cache.get_many("e", "", "de", "en", segments)
    assert len(found) == 1000 and found[999] == "SATZ 999."


def test_characters_add_up_per_engine_and_month(tmp_path):
    cache = SegmentCache(tmp_path / "c.db")
    cache.add_usage("deepl", 100, month="2026-01")
    cache.add_usage("deepl", 50, month="2026-01")
    cache.add_usage("deepl", 7, month="2026-02")
    assert cache.usage("deepl", "2026-01") == 150
    assert cache.usage("deepl", "2026-02") == 7
    assert cache.usage("openai", "2026-01") == 0
