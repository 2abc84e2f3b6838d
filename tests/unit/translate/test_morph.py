"""pymorphy3 inflection for the house glossary: case forms from a lemma, lemma-only entries."""

from __future__ import annotations

import pytest

from presswatch.errors import ConfigError
from presswatch.translate import morph
from presswatch.translate.glossary import Glossary


@pytest.mark.parametrize(
    ("lemma", "lang", "kind", "expected"),
    [
        ("Київ", "uk", "place",
         {"nom": "Київ", "gen": "Києва", "dat": "Києву", "acc": "Київ", "ins": "Києвом",
          "loc": "Києві"}),
        ("Харків", "uk", "place",
         {"nom": "Харків", "gen": "Харкова", "dat": "Харкову", "acc": "Харків",
          "ins": "Харковом", "loc": "Харкові"}),
        ("Миколаїв", "uk", "place",
         {"nom": "Миколаїв", "gen": "Миколаєва", "dat": "Миколаєву", "acc": "Миколаїв",
          "ins": "Миколаєвом", "loc": "Миколаєві"}),
        ("Одеса", "uk", "place",
         {"nom": "Одеса", "gen": "Одеси", "dat": "Одесі", "acc": "Одесу", "ins": "Одесою",
          "loc": "Одесі"}),
        ("Зеленський", "uk", "person",
         {"nom": "Зеленський", "gen": "Зеленського", "dat": "Зеленському",
          "acc": "Зеленського", "ins": "Зеленським", "loc": "Зеленському"}),
        ("Володимир Зеленський", "uk", "person",
         {"nom": "Володимир Зеленський", "gen": "Володимира Зеленського",
          "dat": "Володимиру Зеленському", "acc": "Володимира Зеленського",
          "ins": "Володимиром Зеленським", "loc": "Володимирові Зеленському"}),
        ("Киев", "ru", "place",
         {"nom": "Киев", "gen": "Киева", "dat": "Киеву", "acc": "Киев", "ins": "Киевом",
          "loc": "Киеве"}),
        ("Зеленский", "ru", "person",
         {"nom": "Зеленский", "gen": "Зеленского", "dat": "Зеленскому", "acc": "Зеленского",
          "ins": "Зеленским", "loc": "Зеленском"}),
    ],
)
def test_case_forms_of_names_and_places(lemma, lang, kind, expected):
    assert morph.case_forms(lemma, lang, kind) == expected


def test_capitals_follow_the_lemma():
    assert morph.case_forms("КИЇВ", "uk", "place")["loc"] == "КИЄВІ"
    assert morph.case_forms("Івано-Франківськ", "uk", "place")["gen"] == "Івано-Франківська"


def test_a_word_pymorphy3_cannot_decline_stays_as_written():
    assert set(morph.case_forms("НАТО", "uk").values()) == {"НАТО"}


def test_the_kind_decides_the_accusative_of_a_name():
    assert morph.case_forms("Володимир", "uk", "person")["acc"] == "Володимира"
    assert morph.case_forms("Миколаїв", "uk", "place")["acc"] == "Миколаїв"


def test_verify_forms_names_a_written_form_of_the_wrong_case():
    written = {"nom": "Харків", "gen": "Харкову", "loc": "Харкові"}
    problems = morph.verify_forms(written, "Харків", "uk", "place")
    assert problems == ["uk gen 'Харкову': pymorphy3 has Харкова"]


def test_the_built_in_glossary_forms_are_all_known_to_pymorphy3():
    assert Glossary.load().form_problems() == []


def test_an_unknown_kind_is_a_config_error():
    with pytest.raises(ConfigError, match="kind"):
        morph.case_forms("Київ", "uk", "city")


def test_only_uk_and_ru_are_declined():
    with pytest.raises(ConfigError, match="uk, ru"):
        morph.analyzer("de")


LEMMA_GLOSSARY = """
[locative]
uk = ["в", "у", "на", "при"]
ru = ["в", "во", "на", "при", "о", "об"]

[[term]]
id = "kyiv"
[term.uk]
lemma = "Київ"
kind = "place"
wrong_lemmas = ["Киев"]
[term.ru]
lemma = "Киев"
kind = "place"
wrong_lemmas = ["Київ"]
[term.en]
lemma = "Kyiv"
wrong_lemmas = ["Kiev"]

[[term]]
id = "volodymyr-zelenskyy"
[term.uk]
lemma = "Володимир Зеленський"
kind = "person"
wrong_lemmas = ["Владимир Зеленский"]

[[term]]
id = "zaporizhzhia"
[term.uk]
lemma = "Запоріжжя"
kind = "place"
forms = { loc = "Запоріжжі" }
wrong = { gen = ["Запорожья"] }
"""


@pytest.fixture
def lemma_glossary(tmp_path):
    path = tmp_path / "glossary.toml"
    path.write_text(LEMMA_GLOSSARY, encoding="utf-8")
    return Glossary.load(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Зустріч у Киеве.", "Зустріч у Києві."),
        ("Зустріч у Києву.", "Зустріч у Києві."),  # a dative after a locative preposition
        ("Зустріч у Києве.", "Зустріч у Києві."),  # a vocative after a locative preposition
        ("Дорога до Киева.", "Дорога до Києва."),
        ("Дорога до Київа.", "Дорога до Києва."),  # pymorphy3's distorted form
        ("Слова Владимира Зеленского.", "Слова Володимира Зеленського."),
        ("Поруч із Владимиром Зеленским.", "Поруч із Володимиром Зеленським."),
        ("Поблизу Запорожья.", "Поблизу Запоріжжя."),
    ],
)
def test_a_lemma_entry_corrects_every_case(lemma_glossary, text, expected):
    assert lemma_glossary.apply(text, "uk") == expected


@pytest.mark.parametrize("text", ["Іду по Києву.", "Києве мій!", "Лист Володимиру Зеленському."])
def test_a_lemma_entry_leaves_right_forms_alone(lemma_glossary, text):
    assert lemma_glossary.apply(text, "uk") == text


def test_a_lemma_entry_works_in_russian_and_english(lemma_glossary):
    assert lemma_glossary.apply("Встреча в Києві и в Киеву.", "ru") == "Встреча в Киеве и в Киеве."
    assert lemma_glossary.apply("Kiev's mayor", "en") == "Kyiv's mayor"


def test_a_lemma_entry_injects_forms_for_apertium(lemma_glossary):
    assert lemma_glossary.inject_terms("Встреча в Киеве.", "ru", "uk") == "Встреча в Києві."


def test_written_forms_win_over_generated_ones(lemma_glossary):
    term = lemma_glossary.term("zaporizhzhia")
    assert term.house_form("uk", "loc") == "Запоріжжі"
    assert term.house_form("uk", "gen") == "Запоріжжя"


def test_a_lemma_entry_with_a_bad_wrong_lemmas_list_says_so(tmp_path):
    path = tmp_path / "glossary.toml"
    path.write_text('[[term]]\nid = "x"\n[term.uk]\nlemma = "Київ"\nwrong_lemmas = "Киев"\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError, match="wrong_lemmas must be a list of text"):
        Glossary.load(path)
