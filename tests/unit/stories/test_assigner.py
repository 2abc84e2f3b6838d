"""Stories in the database: placing documents, titles per language, merge and split."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import select
from tests.unit.stories.conftest import add_document
from tests.unit.stories.fakes import TableEncoder, flat_means, made

from presswatch.errors import InputError
from presswatch.store import stories as store
from presswatch.store.tables import Entity, Mention, Story, StoryMember
from presswatch.stories.assigner import StoryAssigner
from presswatch.stories.online import THRESHOLD

TALKS = {"en": "Geneva talks end without breakthrough", "uk": "Переговори в Женеві без прориву",
         "ru": "Переговоры в Женеве без прорыва", "de": "Genfer Gespräche ohne Durchbruch"}
FLOODS = "Floods close roads in Bavaria"


def assigner_for(settings, table) -> tuple[StoryAssigner, TableEncoder]:
    encoder = TableEncoder(table)
    return StoryAssigner(settings, encoder=encoder, means=flat_means()), encoder


@pytest.fixture
def talks_table():
    table = {title: made(7, lang, noise=i + 1) for i, (lang, title) in enumerate(TALKS.items())}
    table[FLOODS] = made(8, "de")
    return table


def story_titles(db, story_id) -> dict:
    with db.session() as s:
        return {lang: store.StoryTitle.from_json(v)
                for lang, v in store.get_story(s, story_id).titles.items()}


def test_one_event_in_four_languages_is_one_story_with_a_title_in_each_site_language(
        db, settings, talks_table):
    assigner, encoder = assigner_for(settings, talks_table)
    ids = {lang: add_document(db, title, lang, hours=i) for i, (lang, title) in
           enumerate(TALKS.items())}
    floods = add_document(db, FLOODS, "de", hours=2)
    placed = assigner.assign_many(db, [*ids.values(), floods])
    assert len({placed[i] for i in ids.values()}) == 1 and placed[floods] != placed[ids["en"]]
    assert encoder.calls == [5]  # one batch
    titles = story_titles(db, placed[ids["en"]])
    assert {lang: t.text for lang, t in titles.items()} == {
        "uk": TALKS["uk"], "en": TALKS["en"], "ru": TALKS["ru"]}
    assert {t.status for t in titles.values()} == {"original"}
    with db.session() as s:
        story = s.get(Story, placed[ids["en"]])
        assert story.size == 4 and story.first_seen < story.last_seen


def test_placing_a_document_twice_keeps_its_story_and_embeds_it_once(db, settings, talks_table):
    assigner, encoder = assigner_for(settings, talks_table)
    doc_id = add_document(db, TALKS["en"], "en")
    first = assigner.assign(db, doc_id)
    assert assigner.assign(db, doc_id) == first
    assert encoder.calls == [1]
    assert assigner.assign(db, 999_999) is None


def test_titles_fall_back_to_machine_translations_then_to_the_original(db, settings):
    table = {"Genfer Gespräche ohne Durchbruch": made(7, "de"),
             "Geneva talks end without breakthrough": made(7, "en", noise=2)}
    assigner, _ = assigner_for(settings, table)
    de = add_document(db, "Genfer Gespräche ohne Durchbruch", "de",
                      translations={"en": "Geneva talks without a breakthrough"})
    story_id = assigner.assign(db, de)
    titles = story_titles(db, story_id)
    assert (titles["en"].text, titles["en"].status) == ("Geneva talks without a breakthrough",
                                                        "machine")
    assert (titles["uk"].text, titles["uk"].language, titles["uk"].status) == (
        "Genfer Gespräche ohne Durchbruch", "de", "untranslated")
    en = add_document(db, "Geneva talks end without breakthrough", "en", hours=1)
    assert assigner.assign(db, en) == story_id
    titles = story_titles(db, story_id)
    assert (titles["en"].text, titles["en"].status) == ("Geneva talks end without breakthrough",
                                                        "original")


def test_merge_moves_every_member_and_the_old_story_points_at_the_new(db, settings):
    table = {"A one": made(1, "en"), "A two": made(1, "en", noise=1), "B one": made(2, "en")}
    assigner, _ = assigner_for(settings, table)
    a1, a2, b1 = (add_document(db, t, "en", hours=i) for i, t in enumerate(table))
    placed = assigner.assign_many(db, [a1, a2, b1])
    a, b = placed[a1], placed[b1]
    assert a != b
    assert assigner.merge(db, a, b, by="alice") == 3
    with db.session() as s:
        assert store.live_story_id(s, b) == a
        assert {m.document_id for m in store.members(s, a)} == {a1, a2, b1}
        moved = s.scalar(select(StoryMember).where(StoryMember.document_id == b1))
        assert moved.added_by == "editor:alice"
        old = s.get(Story, b)
        assert (old.size, old.merged_into_id) == (0, a)
    with pytest.raises(InputError, match="merged into"):
        assigner.merge(db, a, b, by="alice")
    with pytest.raises(InputError, match="itself"):
        assigner.merge(db, a, a, by="alice")


def test_split_moves_chosen_documents_to_a_new_story_that_later_documents_can_join(db, settings):
    table = {"X one": made(1, "en"), "X two": made(1, "en", noise=1),
             "Y one": made(2, "en"), "Y two": made(2, "en", noise=2)}
    assigner, _ = assigner_for(settings, table)
    x1, x2, y1 = (add_document(db, t, "en", hours=i) for i, t in enumerate(list(table)[:3]))
    first = assigner.assign_many(db, [x1, x2])
    assigner.merge(db, first[x1], assigner.assign(db, y1), by="alice")  # a wrong merge
    new_id = assigner.split(db, first[x1], [y1], by="bob")
    with db.session() as s:
        assert {m.document_id for m in store.members(s, new_id)} == {y1}
        assert {m.document_id for m in store.members(s, first[x1])} == {x1, x2}
        assert s.get(Story, first[x1]).size == 2
    y2 = add_document(db, "Y two", "en", hours=4)
    assert assigner.assign(db, y2) == new_id  # the split story's centroid is its own
    for wrong, message in (([x1, x2], "not none or all"), ([], "not none or all"),
                           ([y2], "not in story")):
        with pytest.raises(InputError, match=message):
            assigner.split(db, first[x1], wrong, by="bob")


def test_shared_entities_from_the_mentions_lift_a_borderline_document(db, settings):
    base, cos = made(5, "en"), THRESHOLD - 0.04  # just below the threshold on its own
    table = {"Talks open": base,
             "Talks close": cos * base + np.sqrt(1 - cos**2) * made(99, "en")}
    table.update({f"Other {i}": made(60 + i, "en") for i in range(5)})
    assigner, _ = assigner_for(settings, table)
    with db.session() as s:
        ukraine, geneva = Entity(key="country/ua", type="LOC"), Entity(key="city/gva", type="LOC")
        s.add_all([ukraine, geneva])
        s.flush()
        entity_ids = ukraine.id, geneva.id
    docs = [add_document(db, f"Other {i}", "en", hours=i) for i in range(5)]
    opened, closed = (add_document(db, t, "en", hours=6) for t in ("Talks open", "Talks close"))
    with db.session() as s:
        for doc_id in docs:
            s.add(Mention(document_id=doc_id, entity_id=entity_ids[0], type="LOC",
                          surface="Ukraine", start=0, end=7))
        for doc_id in (opened, closed):
            for entity_id in entity_ids:
                s.add(Mention(document_id=doc_id, entity_id=entity_id, type="LOC",
                              surface="x", start=0, end=1))
    placed = assigner.assign_many(db, [*docs, opened, closed])
    assert placed[closed] == placed[opened]
    with db.session() as s:
        score = s.scalar(select(StoryMember.score).where(StoryMember.document_id == closed))
    assert THRESHOLD <= score < THRESHOLD + 0.1


def test_assign_pending_places_every_document_without_a_story(db, settings, talks_table):
    assigner, _ = assigner_for(settings, talks_table)
    ids = [add_document(db, title, lang, hours=i) for i, (lang, title) in
           enumerate(TALKS.items())]
    assigner.assign(db, ids[0])
    assert assigner.assign_pending(db, batch=2) == 3
    with db.session() as s:
        assert store.documents_without_story(s) == []
        assert len({store.story_of(s, i) for i in ids}) == 1
