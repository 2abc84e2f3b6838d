"""Segments saved with their origins, editors' work kept, approval rules, desk glossary terms."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from tests.support import migrated_database

from presswatch.errors import InputError
from presswatch.models import Block, Translation
from presswatch.store import articles
from presswatch.store.base import Database
from presswatch.store.tables import Document, MemoryUnit, Segment, SegmentEdit, TranslationRow
from presswatch.translate.editing import TranslationEditor
from presswatch.translate.engines import Engine
from presswatch.translate.glossary import Glossary
from presswatch.translate.house_glossary import DatabaseTerms, row_values
from presswatch.translate.interchange import TermRecord
from presswatch.translate.memory import DatabaseMemory
from presswatch.translate.service import Translator

SOURCE = [("p", "Встреча прошла в Харькове."), ("p", "Поезд прибыл вовремя.")]
MACHINE = Translation(language="uk", title="Новини", status="machine", engine="apertium",
                      blocks=(Block("p", "Зустріч минула у Харкові."),
                              Block("p", "Потяг прибув вчасно.")), source_language="ru",
                      segment_origins=("engine:apertium",) * 3)


class EchoEngine(Engine):
    """Marks its input as translated; the glossary then runs over it like over any output."""

    name = "echo"

    def pairs(self):
        return {("ru", "uk")}

    def unavailable_reason(self):
        return ""

    def translate_segments(self, segments, source, target):
        return list(segments)


@pytest.fixture
def db(tmp_path):
    with migrated_database(tmp_path / "desk.db") as database:
        with database.session() as s:
            s.add(Document(id=1, content_hash="h", title="Новости", language="ru",
                           status="candidate", section="politics",
                           blocks=[{"kind": k, "text": t} for k, t in SOURCE]))
        yield database


def save(db: Database, tr: Translation = MACHINE, checks=None) -> None:
    with db.session() as s:
        articles.save_translation(s, 1, tr, checks)


def segments(db: Database) -> list[tuple[int, str, str, str]]:
    with db.session() as s:
        rows = s.scalars(select(Segment).order_by(Segment.position))
        return [(r.position, r.kind, r.source_text, r.text, r.origin) for r in rows]


def editor(db: Database, findings=None, **kwargs) -> TranslationEditor:
    """An editor whose checker reports ``findings`` (position → list) for every run."""
    findings = findings or {}

    def checker(sources, targets, source, target, glossary):
        return [list(findings.get(i, [])) for i in range(len(sources))]

    base = Glossary.load()
    return TranslationEditor(db, lambda: base, checker=checker, **kwargs)


def test_a_machine_translation_is_saved_as_segments_once(db):
    save(db)
    save(db)
    assert segments(db) == [
        (0, "title", "Новости", "Новини", "engine:apertium"),
        (1, "p", "Встреча прошла в Харькове.", "Зустріч минула у Харкові.", "engine:apertium"),
        (2, "p", "Поезд прибыл вовремя.", "Потяг прибув вчасно.", "engine:apertium"),
    ]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Segment)) == 3


def test_findings_given_with_the_translation_are_stored_per_segment(db):
    save(db, checks=[[], [{"kind": "number", "message": "12 is missing", "span": [0, 5]}], []])
    with db.session() as s:
        assert s.scalar(select(Segment.checks).where(Segment.position == 1))[0]["kind"] == "number"


def test_an_editors_paragraph_survives_a_new_machine_translation(db):
    save(db)
    editor(db).edit(1, "uk", 2, "Потяг прибув точно за розкладом.", "alice")
    save(db)  # the pipeline translates the same document again
    assert segments(db)[2][3:] == ("Потяг прибув точно за розкладом.", "editor:alice")
    with db.session() as s:
        row = s.scalar(select(TranslationRow))
        assert row.blocks[1]["text"] == "Потяг прибув точно за розкладом."


def test_untranslated_and_original_texts_have_no_segments(db):
    save(db)
    save(db, Translation(language="uk", title="Новости", blocks=(), status="untranslated",
                         note="no engine for ru→uk"))
    assert segments(db) == []


def test_history_keeps_the_machine_draft_and_every_edit(db):
    save(db)
    desk = editor(db)
    assert desk.edit(1, "uk", 1, "Зустріч відбулася у Харкові.", "alice")
    assert not desk.edit(1, "uk", 1, "Зустріч відбулася у Харкові.\r\n", "alice")
    desk.edit(1, "uk", 1, "Зустріч відбулася в Харкові.", "bob")
    with db.session() as s:
        edits = s.execute(select(SegmentEdit.author, SegmentEdit.text)
                          .order_by(SegmentEdit.id)).all()
    assert [tuple(e) for e in edits] == [
        ("engine:apertium", "Зустріч минула у Харкові."),
        ("alice", "Зустріч відбулася у Харкові."), ("bob", "Зустріч відбулася в Харкові.")]


def test_approval_is_refused_with_open_checks_and_no_reason(db):
    save(db)
    desk = editor(db, {1: [{"kind": "number", "severity": "error", "message": "12 is missing"}]})
    with pytest.raises(InputError, match="1 open check"):
        desk.approve(1, "uk", "alice", reason="  ")
    approval = desk.approve(1, "uk", "alice", reason="the outlet corrected the figure")
    assert approval.open_checks == 1
    with db.session() as s:
        row = s.scalar(select(TranslationRow))
        assert (row.approved_by, row.override_reason) == ("alice",
                                                          "the outlet corrected the figure")


def test_clean_text_is_approved_without_a_reason_and_the_setting_can_waive_it(db):
    save(db)
    assert editor(db).approve(1, "uk", "alice").reason is None
    lax = editor(db, {1: [{"kind": "omission", "severity": "warning", "message": "short"}]},
                 require_clean=False)
    assert lax.approve(1, "uk", "bob").open_checks == 1


def test_an_edit_withdraws_the_approval(db):
    save(db)
    desk = editor(db)
    desk.approve(1, "uk", "alice")
    desk.edit(1, "uk", 0, "Новини дня", "bob")
    assert desk.publication_blockers(1) == []
    desk.require_approval = True
    assert desk.publication_blockers(1) == ["uk: the translation is not approved"]


def test_a_wrong_house_term_blocks_approval_whatever_the_reason(db):
    save(db)
    desk = editor(db)
    desk.edit(1, "uk", 1, "Зустріч минула у Харькове.", "alice")
    with pytest.raises(InputError, match="Харькове → Харкові"):
        desk.approve(1, "uk", "alice", reason="deadline")
    assert "uk: house terms in a wrong form" in desk.publication_blockers(1)[0]
    assert desk.fix_terms(1, "uk", "alice") == 1
    assert segments(db)[1][3] == "Зустріч минула у Харкові."
    desk.approve(1, "uk", "alice")


def test_accepting_a_paragraph_makes_the_next_article_reuse_it(db, tmp_path):
    save(db)
    editor(db).accept(1, "uk", 2, "alice", "Потяг прибув точно за розкладом.")
    with db.session() as s:
        assert s.scalar(select(MemoryUnit.target_text)) == "Потяг прибув точно за розкладом."
    translator = Translator(_settings(tmp_path), engines=[EchoEngine()], memory=DatabaseMemory(db))
    tr = translator.translate_article("Заголовок", (Block("p", "Поезд прибыл вовремя."),),
                                      "ru", "uk")
    assert tr.blocks[0].text == "Потяг прибув точно за розкладом."
    assert tr.segment_origins == ("engine:echo", "memory:exact")


def test_a_glossary_term_edited_in_the_desk_reaches_the_next_translation(db, tmp_path):
    terms = DatabaseTerms(db)
    translator = Translator(_settings(tmp_path), engines=[EchoEngine()], house_terms=terms)
    text = "Встреча в Кишиневе."
    assert translator.translate_article("T", (Block("p", text),), "ru", "uk").blocks[0].text == text
    terms.import_records(translator._glossary, [TermRecord(
        "chisinau", "uk", "Кишинів", (("loc", "Кишиневі"),), (("loc", "Кишиневе"),))], "alice")
    out = translator.translate_article("T", (Block("p", text),), "ru", "uk").blocks[0].text
    assert out == "Встреча в Кишиневі."
    # a change to the term is seen at once
    with db.session() as s:
        from presswatch.store import glossary_terms

        glossary_terms.upsert_term(s, **row_values(TermRecord(
            "chisinau", "uk", "Кишинів", (("loc", "Кишиневі"),), (("loc", "Кишиневе"),
                                                                    ("", "Встреча")))), by="bob")
    assert "Встреча" not in translator.translate_article("T", (Block("p", text),), "ru",
                                                         "uk").blocks[0].text


def test_a_term_that_breaks_the_glossary_is_refused(db):
    terms = DatabaseTerms(db)
    base = Glossary.load()
    with pytest.raises(InputError, match="would not be valid"):
        # "Харкова" is the house genitive of Kharkiv: it cannot also be a wrong form
        terms.import_records(base, [TermRecord("x", "uk", "Ікс", (), (("gen", "Харкова"),))],
                             "alice")
    assert terms.records() == []


def _settings(tmp_path):
    from presswatch.settings import Settings

    return Settings(_env_file=None, data_dir=tmp_path / "var", glossary_file=None)
