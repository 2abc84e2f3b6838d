"""Translation memory: exact and fuzzy (≥ 85 %) matches used before any engine runs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.support import migrated_database

from presswatch.errors import ConfigError
from presswatch.models import Block
from presswatch.store import memory as store_memory
from presswatch.store.base import Database
from presswatch.translate import memory
from presswatch.translate.engines import Engine
from presswatch.translate.memory import DatabaseMemory, normalize_segment, segment_hash
from presswatch.translate.service import Translator

KNOWN = "Парламент Молдовы в четверг одобрил поправки к закону о государственной безопасности."
KNOWN_UK = "Парламент Молдови в четвер схвалив поправки до закону про державну безпеку."
# one word changed: about 93 % similar
CLOSE = "Парламент Молдовы в пятницу одобрил поправки к закону о государственной безопасности."
# half the sentence changed: well under 85 %
FAR = "Парламент Молдовы в четверг отклонил закон о выборах и распустил комиссию."


class RecordingEngine(Engine):
    """Returns each segment marked, and remembers what it was sent."""

    name = "rec"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def pairs(self) -> set[tuple[str, str]]:
        return {("ru", "uk")}

    def unavailable_reason(self) -> str:
        return ""

    def translate_segments(self, segments: list[str], source: str, target: str) -> list[str]:
        self.calls.append(list(segments))
        return [f"[uk] {s}" for s in segments]


@pytest.fixture(params=["rapidfuzz", "difflib"])
def scorer(request, monkeypatch):
    """Run a test with rapidfuzz's ratio (when installed) and with difflib's."""
    if request.param == "difflib":
        monkeypatch.setattr(memory, "_rapid_ratio", None)
    elif memory._rapid_ratio is None:
        pytest.skip("rapidfuzz is not installed")
    return request.param


@pytest.fixture
def db(tmp_path):
    with migrated_database(tmp_path / "tm.db") as database:
        yield database


def remember(db: Database, source: str, target: str, pair=("ru", "uk")) -> None:
    with db.session() as s:
        store_memory.upsert_unit(s, source=pair[0], target=pair[1],
                                 source_hash=segment_hash(source), source_text=source,
                                 target_text=target, origin="editor:alice", created_by="alice")


def test_spacing_and_line_breaks_do_not_prevent_an_exact_match():
    spaced = "  Парламент\u00a0Молдовы \n в четверг "
    assert normalize_segment(spaced) == "Парламент Молдовы в четверг"
    assert segment_hash("a  b\nc") == segment_hash("a b c")
    assert segment_hash("a b c") != segment_hash("a b C")


def test_similarity_separates_a_changed_word_from_a_changed_sentence(scorer):
    assert memory.similarity(KNOWN, CLOSE) >= 0.85
    assert memory.similarity(KNOWN, FAR) < 0.85
    assert memory.similarity(KNOWN, KNOWN) == 1.0


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=60), st.text(min_size=1, max_size=60))
def test_no_text_outside_the_length_window_can_reach_the_threshold(a, b):
    a, b = normalize_segment(a), normalize_segment(b)
    low, high = memory.length_window(len(a), 0.85)
    if not low <= len(b) <= high:
        assert memory.similarity(a, b) < 0.85


def test_lookup_finds_exact_then_fuzzy_and_nothing_below_85(db, scorer):
    remember(db, KNOWN, KNOWN_UK)
    found = DatabaseMemory(db).lookup([KNOWN + " ", CLOSE, FAR, ""], "ru", "uk")
    assert found[0].exact and found[0].target_text == KNOWN_UK
    assert found[0].origin == "memory:exact"
    assert not found[1].exact and 85 <= found[1].percent < 100
    assert found[1].origin == f"memory:fuzzy:{found[1].percent}"
    assert found[2] is None and found[3] is None
    # the other direction and other pairs are separate memories
    assert DatabaseMemory(db).lookup([KNOWN], "ru", "en") == [None]


def test_a_threshold_of_95_turns_the_close_match_away(db):
    remember(db, KNOWN, KNOWN_UK)
    assert DatabaseMemory(db, threshold=0.95).lookup([CLOSE], "ru", "uk") == [None]


def test_bad_memory_settings_are_refused(db):
    with pytest.raises(ConfigError, match="fuzzy mode"):
        DatabaseMemory(db, fuzzy="sometimes")
    with pytest.raises(ConfigError, match="threshold"):
        DatabaseMemory(db, threshold=1.5)


def test_an_exact_paragraph_is_reused_and_only_the_rest_goes_to_the_engine(db, settings_ru):
    remember(db, KNOWN, KNOWN_UK)
    engine = RecordingEngine()
    translator = Translator(settings_ru, engines=[engine], memory=DatabaseMemory(db))
    blocks = (Block("p", KNOWN), Block("p", "Оппозиция покинула зал."))
    tr = translator.translate_article("Реакция оппозиции", blocks, "ru", "uk")
    assert engine.calls == [["Реакция оппозиции", "Оппозиция покинула зал."]]
    assert tr.status == "machine" and tr.engine == "rec"
    assert tr.blocks[0].text == KNOWN_UK
    assert tr.blocks[1].text == "[uk] Оппозиция покинула зал."
    assert tr.segment_origins == ("engine:rec", "memory:exact", "engine:rec")
    with db.session() as s:
        assert [u.use_count for u in store_memory.iter_units(s)] == [1]


def test_an_article_the_memory_knows_runs_no_engine(db, settings_ru):
    remember(db, KNOWN, KNOWN_UK)
    remember(db, "Реакция оппозиции", "Реакція опозиції")
    engine = RecordingEngine()
    translator = Translator(settings_ru, engines=[engine], memory=DatabaseMemory(db))
    tr = translator.translate_article("Реакция оппозиции", (Block("p", KNOWN),), "ru", "uk")
    assert engine.calls == []
    assert (tr.status, tr.engine, tr.title) == ("machine", "memory", "Реакція опозиції")
    assert tr.segment_origins == ("memory:exact", "memory:exact")


@pytest.mark.parametrize(("mode", "origin"), [("use", "memory:fuzzy"), ("suggest", "engine:rec"),
                                               ("off", "engine:rec")])
def test_a_fuzzy_match_is_used_or_left_to_the_engine_by_the_setting(db, settings_ru, mode,
                                                                     origin):
    remember(db, KNOWN, KNOWN_UK)
    engine = RecordingEngine()
    translator = Translator(settings_ru, engines=[engine], memory=DatabaseMemory(db, fuzzy=mode))
    tr = translator.translate_article("Заголовок", (Block("p", CLOSE),), "ru", "uk")
    assert tr.segment_origins[1].startswith(origin)
    assert (tr.blocks[0].text == KNOWN_UK) == (mode == "use")


def test_without_an_engine_a_partly_known_article_stays_untranslated(db, settings_ru):
    remember(db, KNOWN, KNOWN_UK)
    translator = Translator(settings_ru, engines=[], memory=DatabaseMemory(db))
    tr = translator.translate_article("Заголовок", (Block("p", KNOWN),), "ru", "uk")
    assert tr.status == "untranslated" and tr.blocks[0].text == KNOWN
    assert "no engine" in tr.note


@pytest.fixture
def settings_ru(make_settings, tmp_path):
    return make_settings(tmp_path / "var", mt_cache=False)
