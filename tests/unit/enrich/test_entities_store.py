"""Entities in the database: seeding, mentions of a document, merge and split by editors."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from tests.support import migrated_database

from presswatch.enrich.entities import analyze_text
from presswatch.enrich.entity_base import default_entity_base
from presswatch.errors import PresswatchError
from presswatch.store import entities as store
from presswatch.store.tables import Document, Entity, EntityName, Figure, Mention, Quote

TEXT = "«Ситуація складна», — сказав Зеленський у Києві. Росія стягнула понад 100 тисяч військових."


@pytest.fixture
def db(tmp_path):
    with migrated_database(tmp_path / "pw.db") as database:
        yield database


def _document(db) -> int:
    with db.session() as s:
        doc = Document(title="t", language="uk", content_hash="h",
                       blocks=[{"kind": "p", "text": TEXT}])
        s.add(doc)
        s.flush()
        return doc.id


def _count(db, table) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(table))


def test_seeding_twice_adds_nothing_the_second_time(db):
    records = [default_entity_base().get(k) for k in ("city/kyiv", "person/zelenskyy")]
    with db.session() as s:
        assert store.seed_entities(s, records) == 2
    with db.session() as s:
        assert store.seed_entities(s, records) == 0
    assert _count(db, Entity) == 2
    with db.session() as s:
        names = set(s.scalars(select(EntityName.normalized)))
    assert {"київ", "киев", "kyiv", "kiew"} <= names


def test_a_documents_analysis_is_stored_once_with_its_entities(db):
    doc_id = _document(db)
    analysis = analyze_text(TEXT, "uk")
    for _ in range(2):
        with db.session() as s:
            store.store_analysis(s, doc_id, analysis, default_entity_base().get)
    with db.session() as s:
        mentions = [(m.surface, key) for m, key in store.document_mentions(s, doc_id)]
        quote = s.scalar(select(Quote))
        figure = s.scalar(select(Figure))
        zelenskyy = s.scalar(select(Entity).where(Entity.key == "person/zelenskyy"))
        assert quote.speaker_entity_id == zelenskyy.id and quote.kind == "direct"
        assert (figure.value, figure.unit, figure.qualifier) == (100000, "troops", "min")
    assert mentions == [("Зеленський", "person/zelenskyy"), ("Києві", "city/kyiv"),
                        ("Росія", "country/ru")]
    assert _count(db, Mention) == 3 and _count(db, Quote) == 1


def test_merging_moves_names_and_mentions_to_the_survivor(db):
    doc_id = _document(db)
    with db.session() as s:
        store.store_analysis(s, doc_id, analyze_text(TEXT, "uk"), default_entity_base().get)
        dup = store.add_entity(s, "person/zelensky-duplicate", "PER", {"en": ["V. Zelensky"]})
        target = s.scalar(select(Entity.id).where(Entity.key == "person/zelenskyy"))
        s.execute(Mention.__table__.update().where(Mention.surface == "Зеленський")
                  .values(entity_id=dup.id))
        store.merge_entities(s, dup.id, target)
    with db.session() as s:
        assert store.entity_ids(s, ["person/zelensky-duplicate"]) == {
            "person/zelensky-duplicate": target}
        names = set(s.scalars(select(EntityName.name).where(EntityName.entity_id == target)))
        assert "V. Zelensky" in names
        assert s.scalar(select(Mention.entity_id).where(Mention.surface == "Зеленський")) == target


def test_splitting_gives_the_chosen_names_and_their_mentions_a_new_entity(db):
    doc_id = _document(db)
    with db.session() as s:
        store.store_analysis(s, doc_id, analyze_text(TEXT, "uk"), default_entity_base().get)
        kyiv = s.scalar(select(Entity.id).where(Entity.key == "city/kyiv"))
        store.add_entity(s, "city/elsewhere", "LOC", {"uk": ["Деінде"]})
        new = store.split_entity(s, kyiv, [("uk", "Київ"), ("uk", "Києві")], "city/kyiv-2")
        assert new.names == {"uk": "Київ"}
        assert s.scalar(select(Mention.entity_id).where(Mention.surface == "Києві")) == new.id
        with pytest.raises(PresswatchError, match="exists"):
            store.add_entity(s, "city/kyiv-2", "LOC", {"uk": ["Х"]})
