"""TMX, TBX and CSV: what other tools write is read, what presswatch writes reads back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from presswatch.errors import InputError
from presswatch.translate.house_glossary import (
    read_glossary_file,
    records_from_glossary,
    write_glossary_file,
)
from presswatch.translate.interchange import (
    TermRecord,
    UnitRecord,
    read_glossary_csv,
    read_tmx,
    write_tmx,
)
from presswatch.translate.tbx import read_tbx, write_tbx

UNITS = [
    UnitRecord("ru", "uk", "Встреча прошла в Харькове & <Киеве>.", "Зустріч відбулася в Харкові.",
               origin="editor:alice", created_by="alice",
               created_at=datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
               changed_at=datetime(2025, 3, 2, 10, 0, tzinfo=UTC), use_count=4),
    UnitRecord("ru", "en", "Поезд прибыл.", "The train arrived.", origin="tmx:old.tmx"),
]
TERMS = [
    TermRecord("kyiv", "uk", "Київ", (("gen", "Києва"), ("loc", "Києві")),
               (("", "Киев"), ("gen", "Київа"), ("after_prep", "Києву")), "capital; since 1995"),
    TermRecord("kyiv", "en", "Kyiv", (), (("nom", "Kiev"),)),
    TermRecord("moldova", "ru", "Молдова", (), (("", "Молдавия"),), "not Moldavia"),
]

OTHER_TOOL_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="X" creationtoolversion="1" segtype="sentence" o-tmf="x"
          adminlang="en-US" srclang="ru-RU" datatype="html"/>
  <body>
    <tu creationdate="20240105T101500Z" creationid="bob">
      <tuv xml:lang="ru-RU"><seg>Цены <bpt i="1">&lt;b&gt;</bpt>выросли<ept i="1">&lt;/b&gt;</ept>.
        </seg></tuv>
      <tuv xml:lang="uk-UA"><seg>Ціни <bpt i="1">&lt;b&gt;</bpt>зросли<ept i="1">&lt;/b&gt;</ept>.
        </seg></tuv>
      <tuv xml:lang="en-GB"><seg>Prices <hi>rose</hi>.</seg></tuv>
    </tu>
    <tu><tuv xml:lang="ru"><seg>Только источник.</seg></tuv></tu>
  </body>
</tmx>""".encode()

TBX_2008 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>old</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="kharkiv">
      <langSet xml:lang="uk">
        <tig><term>Харків</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig><term>Харьков</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="en"><ntig><termGrp><term>Kharkiv</term></termGrp></ntig></langSet>
    </termEntry>
  </body></text>
</martif>""".encode()


def test_tmx_round_trip_keeps_text_markup_characters_dates_and_origin():
    back = read_tmx(write_tmx(UNITS)).units
    assert back == UNITS


def test_tmx_from_another_tool_gives_every_target_and_drops_inline_codes():
    content = read_tmx(OTHER_TOOL_TMX, "other.tmx")
    pairs = {(u.source_language, u.target_language): u.target_text for u in content.units}
    assert pairs == {("ru", "uk"): "Ціни зросли.", ("ru", "en"): "Prices rose."}
    unit = content.units[0]
    assert unit.source_text == "Цены выросли."
    assert unit.created_by == "bob" and unit.created_at == datetime(2024, 1, 5, 10, 15,
                                                                    tzinfo=UTC)
    assert unit.origin == "tmx:other.tmx"
    assert len(content.skipped) == 1 and "needs a source and a target" in content.skipped[0]


def test_control_characters_are_dropped_so_the_file_stays_xml():
    unit = UnitRecord("ru", "uk", "a\x00b\x1fc", "x\x0by")
    assert read_tmx(write_tmx([unit])).units[0].source_text == "abc"


@pytest.mark.parametrize(("data", "message"), [
    (b"<tmx><body><tu>", "not well-formed XML"),
    (b"<html><body/></html>", "not a TMX file: the root element is <html>"),
    (b"<tmx version='1.4'><header/></tmx>", "needs a <body>"),
    (b"<tmx><body><tu><tuv><seg>x</seg></tuv></tu></body></tmx>", "line 1: <tuv> without"),
    (b'<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     b"<tmx><body><tu><tuv xml:lang='ru'><seg>&x;</seg></tuv></tu></body></tmx>", ""),
])
def test_a_bad_tmx_file_is_an_input_error_that_says_what_is_wrong(data, message):
    if not message:  # an external entity is never read
        assert "root:" not in str(read_tmx(data, "bad.tmx").units)
        return
    with pytest.raises(InputError, match="bad.tmx") as err:
        read_tmx(data, "bad.tmx")
    assert message in str(err.value)


def test_tbx_round_trip_keeps_forms_wrong_forms_cases_and_notes():
    data = write_tbx(TERMS)
    assert b'<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic"' in data
    assert read_tbx(data) == TERMS


def test_tbx_2008_files_read_with_preferred_and_deprecated_terms():
    records = read_tbx(TBX_2008, "old.tbx")
    assert records == [TermRecord("kharkiv", "uk", "Харків", (), (("", "Харьков"),)),
                       TermRecord("kharkiv", "en", "Kharkiv")]


def test_csv_round_trip_and_the_cell_syntax():
    data = write_glossary_file(TERMS, "csv")
    assert data.splitlines()[0] == b"concept,language,term,forms,variants,note"
    assert "Киев; gen=Київа; after_prep=Києву" in data.decode()
    assert read_glossary_file(data, "terms.csv") == TERMS


@pytest.mark.parametrize(("text", "message"), [
    ("concept,term\nx,y\n", "missing column(s) language"),
    ("concept,language,term,colour\n", "unknown column(s) colour"),
    ("concept,language,term\nkyiv,uk,\n", "line 2: term is empty"),
    ("concept,language,term,forms\nkyiv,uk,Київ,dative=Києву\n", "unknown case 'dative'"),
    ("concept,language,term\nkyiv,uk,Київ\nkyiv,uk,Київ\n", "kyiv (uk) appears twice"),
])
def test_a_bad_csv_file_names_the_problem_and_the_line(text, message):
    with pytest.raises(InputError, match="terms.csv") as err:
        read_glossary_csv(text.encode(), "terms.csv")
    assert message in str(err.value)


def test_unknown_glossary_file_kinds_and_non_utf8_csv_are_refused():
    with pytest.raises(InputError, match="use a .csv or .tbx file"):
        read_glossary_file(b"x", "terms.xlsx")
    with pytest.raises(InputError, match="not UTF-8"):
        read_glossary_csv("concept,language,term\nk,uk,Київ\n".encode("cp1251"), "t.csv")
    with pytest.raises(InputError, match="not a TBX file"):
        read_tbx(b"<tmx/>", "t.tbx")


def test_the_built_in_glossary_survives_an_export_and_import(tmp_path):
    from presswatch.translate.glossary import Glossary
    from presswatch.translate.house_glossary import merge

    base = Glossary.load()
    records = records_from_glossary(base)
    again = merge(base, read_tbx(write_tbx(records)))
    text = "Зустріч у Києве, потім у Харькова."
    assert again.apply(text, "uk") == base.apply(text, "uk") == "Зустріч у Києві, потім у Харкова."
