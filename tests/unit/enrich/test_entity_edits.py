"""The packaged entity base with the editors' changes from the database: names they added,
moved by a split or a merge, entities they made; rebuilt only when the edits change."""

from __future__ import annotations

import pytest
from tests.support import migrated_database

from presswatch.enrich.entities import link_mentions
from presswatch.enrich.entity_base import (
    EntityEdits,
    EntityRecord,
    default_entity_base,
    edited_base,
    entity_edits,
)
from presswatch.live_entities import LiveEntityBase
from presswatch.store import entities as store

GERMAN = "Die Lage in Kiew ist ruhig, hieß es in Kyjiw und in Lemberg."


@pytest.fixture
def db(tmp_path):
    with migrated_database(tmp_path / "pw.db") as database:
        with database.session() as s:
            base = default_entity_base()
            store.seed_entities(s, [base.get(k) for k in ("city/kyiv", "city/lviv")])
        yield database


def keys(text: str, language: str, base) -> list[tuple[str, str | None]]:
    return [(m.surface, m.entity) for m in link_mentions(text, language, base, model=False)]


def live(db) -> LiveEntityBase:
    return LiveEntityBase(db, check_seconds=0)


def entity(db, key: str) -> int:
    with db.session() as s:
        return store.find_entity(s, key)


def test_a_database_holding_the_packaged_entities_changes_nothing(db):
    assert live(db).current() is default_entity_base()
    assert edited_base(default_entity_base(), EntityEdits()) is default_entity_base()


def test_a_split_moves_a_packaged_name_to_the_new_entity(db):
    with db.session() as s:
        store.split_entity(s, entity(db, "city/kyiv"), [("de", "Kiew")], "city/kiew-de")
    base = live(db).current()
    assert keys(GERMAN, "de", base) == [
        ("Kiew", "city/kiew-de"), ("Kyjiw", "city/kyiv"), ("Lemberg", "city/lviv")]
    assert keys("Kyiv and Kiev", "en", base) == [("Kyiv", "city/kyiv"), ("Kiev", "city/kyiv")]
    assert "Kiew" not in base.get("city/kyiv").variants["de"]
    assert keys(GERMAN, "de", default_entity_base())[0] == ("Kiew", "city/kyiv")  # untouched


def test_a_merged_packaged_entity_leaves_and_its_names_find_the_survivor(db):
    with db.session() as s:
        store.merge_entities(s, entity(db, "city/lviv"), entity(db, "city/kyiv"))
    base = live(db).current()
    assert "city/lviv" not in base
    assert keys(GERMAN, "de", base) == [
        ("Kiew", "city/kyiv"), ("Kyjiw", "city/kyiv"), ("Lemberg", "city/kyiv")]
    assert keys("У Львові спокійно.", "uk", base) == [("Львові", "city/kyiv")]


def test_added_names_and_desk_entities_join_and_unseeded_names_stay():
    base = default_entity_base()
    kyiv = base.get("city/kyiv")
    stored = [
        # seeded before "Kyjiw" was packaged, and taught a new spelling by an editor
        EntityRecord("city/kyiv", "LOC", kyiv.names, {"de": ("Kiew", "Kyjiv")}, "", "curated"),
        EntityRecord("org/hromada-x", "ORG", {"uk": "Громада Ікс"}, {"uk": ("Громада Ікс",)},
                     "", "desk"),
    ]
    edits = entity_edits(base, stored)
    edited = edited_base(base, edits)
    assert edited.get("city/kyiv").variants["de"] == ("Kiew", "Kyjiw", "Kyjiv")
    assert edited.get("city/kyiv").variants["en"] == kyiv.variants["en"]
    assert keys("Громада Ікс заявила про це в Києві.", "uk", edited) == [
        ("Громада Ікс", "org/hromada-x"), ("Києві", "city/kyiv")]
    assert entity_edits(base, stored) == edits  # same edits: the pipeline keeps its base


def test_every_type_has_key_prefixes_and_the_packaged_keys_use_them():
    from presswatch.enrich.entity_base import TYPES

    assert set(store.KEY_PREFIXES) == set(TYPES)
    assert all(store.key_problem(r.key, r.type) is None for r in default_entity_base())
