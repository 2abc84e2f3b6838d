"""The house glossary: every term, in every language, with the case forms a reader sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.errors import ConfigError
from presswatch.translate.glossary import Glossary, Violation


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load()


UK_FIXES = [
    # Kyiv
    ("Київ і Киев", "Київ і Київ"),
    ("мер Киева", "мер Києва"),
    ("з Київа", "з Києва"),
    ("під Києвом і над Киевом", "під Києвом і над Києвом"),
    ("в Києве", "в Києві"),
    ("у Києву", "у Києві"),
    ("на Киеве", "на Києві"),
    ("Рішення прийняли у Києву.", "Рішення прийняли у Києві."),
    ("В Киеве", "В Києві"),
    # Kharkiv
    ("Харьков", "Харків"),
    ("обстріли Харькова", "обстріли Харкова"),
    ("над Харьковом", "над Харковом"),
    ("у Харькове", "у Харкові"),
    ("у Харкову", "у Харкові"),
    # Odesa
    ("Одесса", "Одеса"),
    ("з Одессы", "з Одеси"),
    ("в Одессе", "в Одесі"),
    ("до Одесси", "до Одеси"),
    ("за Одессою", "за Одесою"),
    ("побачити Одессу", "побачити Одесу"),
    # Lviv
    ("Львов", "Львів"),
    ("у Львове", "у Львові"),
    ("у Львову", "у Львові"),
    # Mykolaiv
    ("Николаев", "Миколаїв"),
    ("мер Николаева", "мер Миколаєва"),
    ("під Николаевом", "під Миколаєвом"),
    ("у Николаеве", "у Миколаєві"),
    ("у Миколаєву", "у Миколаєві"),
    # Donbas
    ("Донбасс", "Донбас"),
    ("майбутнє Донбасса", "майбутнє Донбасу"),
    ("над Донбассом", "над Донбасом"),
    ("у Донбассе", "у Донбасі"),
    # Zelenskyy
    ("Владимир Зеленский", "Володимир Зеленський"),
    ("Володимир Зеленский", "Володимир Зеленський"),
    ("зустріч Владимира Зеленского", "зустріч Володимира Зеленського"),
    ("Володимира Зеленского", "Володимира Зеленського"),
    ("Владимиру Зеленскому вручили", "Володимиру Зеленському вручили"),
    ("з Владимиром Зеленским", "з Володимиром Зеленським"),
    ("Зеленский заявив", "Зеленський заявив"),
    ("слова Зеленского", "слова Зеленського"),
    ("зі Зеленским", "зі Зеленським"),
    ("при Зеленском", "при Зеленському"),
]

RU_FIXES = [
    ("Київ", "Киев"),
    ("мэр Києва", "мэр Киева"),
    ("в Києві", "в Киеве"),
    ("в Києву", "в Киеве"),
    ("в Харкові", "в Харькове"),
    ("жители Харкова", "жители Харькова"),
    ("из Одеси", "из Одессы"),
    ("в Одесі", "в Одессе"),
    ("во Львові", "во Львове"),
    ("Львів", "Львов"),
    ("мэр Миколаєва", "мэр Николаева"),
    ("Миколаїв", "Николаев"),
    ("о Донбасі", "о Донбассе"),
    ("будущее Донбасу", "будущее Донбасса"),
    ("Донбас", "Донбасс"),
    ("Владимир Зеленський", "Владимир Зеленский"),
    ("Володимир Зеленський", "Владимир Зеленский"),
    ("встреча Володимира Зеленського", "встреча Владимира Зеленского"),
    ("с Зеленським", "с Зеленским"),
]

EN_FIXES = [
    ("Kiev", "Kyiv"),
    ("Kiev's mayor", "Kyiv's mayor"),
    ("Kharkov", "Kharkiv"),
    ("Odessa", "Odesa"),
    ("Lvov and Lemberg", "Lviv and Lviv"),
    ("Nikolaev", "Mykolaiv"),
    ("the invasion of Donbass", "the invasion of Donbas"),
    ("Ukrainian President Vladimir Zelensky", "Ukrainian President Volodymyr Zelenskyy"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
    ("Zelenskiy said", "Zelenskyy said"),
    ("Selenskyj", "Zelenskyy"),
]


@pytest.mark.parametrize(("text", "expected"), UK_FIXES)
def test_uk_wrong_forms_become_the_house_form_of_the_same_case(glossary, text, expected):
    assert glossary.apply(text, "uk") == expected


@pytest.mark.parametrize(("text", "expected"), RU_FIXES)
def test_ru_wrong_forms_become_the_house_form_of_the_same_case(glossary, text, expected):
    assert glossary.apply(text, "ru") == expected


@pytest.mark.parametrize(("text", "expected"), EN_FIXES)
def test_en_wrong_spellings_become_the_house_spelling(glossary, text, expected):
    assert glossary.apply(text, "en") == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Київ, Києва, Києву, Києвом, у Києві; Харків, Харкова, у Харкові; Одеса, Одеси, "
               "Одесою, в Одесі; Львів, Львова, у Львові; Миколаїв, Миколаєва, у Миколаєві; "
               "Донбас, Донбасу, на Донбасі; Володимир Зеленський, Зеленського, Зеленським."),
        ("uk", "Києве мій! Дорога по Києву. Привіт, Харкове."),
        ("ru", "Киев, Киева, в Киеве; Харьков, в Харькове; Одесса, в Одессе; Львов, во Львове; "
               "Николаев, в Николаеве; Донбасс, в Донбассе; Владимир Зеленский, Зеленского."),
        ("en", "Kyiv, Kharkiv, Odesa, Lviv, Mykolaiv, Donbas, Volodymyr Zelenskyy."),
    ],
)
def test_house_forms_are_left_alone(glossary, lang, text):
    assert glossary.apply(text, lang) == text
    assert glossary.violations(text, lang) == []


def test_only_whole_words_are_replaced(glossary):
    text = "Киевская область, Харьковщина, киевляне; Kievan Rus; kiev.example.org"
    assert glossary.apply(text, "uk") == text
    assert glossary.apply(text, "en") == text


def test_capitals_stay_capitals(glossary):
    assert glossary.apply("НАСТУП НА КИЕВ І ХАРЬКОВ", "uk") == "НАСТУП НА КИЇВ І ХАРКІВ"
    assert glossary.apply("KIEV", "en") == "KYIV"


def test_the_longest_form_wins(glossary):
    text = "Президент Владимир Зеленский і Зеленский"
    assert glossary.violations(text, "uk") == [
        Violation((10, 28), "Владимир Зеленский", "Володимир Зеленський"),
        Violation((31, 40), "Зеленский", "Зеленський"),
    ]


def test_a_full_name_across_a_line_break_is_still_one_name(glossary):
    assert glossary.apply("Владимир\nЗеленский", "uk") == "Володимир\nЗеленський"


def test_violations_give_spans_in_the_original_text(glossary):
    text = "Рішення прийняли у Києву і у Донбассе."
    found = glossary.violations(text, "uk")
    assert [(text[a:b], wrong, right) for (a, b), wrong, right in found] == [
        ("Києву", "Києву", "Києві"),
        ("Донбассе", "Донбассе", "Донбасі"),
    ]


def test_a_language_without_terms_is_untouched(glossary):
    assert glossary.apply("Kiew und Charkiw", "de") == "Kiew und Charkiw"


def test_every_term_has_uk_en_and_ru_house_forms(glossary):
    ids = {term.id for term in glossary.terms}
    assert {"kyiv", "kharkiv", "odesa", "lviv", "mykolaiv", "donbas", "zelenskyy",
            "volodymyr-zelenskyy"} <= ids
    for term in glossary.terms:
        assert {"uk", "en", "ru"} <= set(term.languages), term.id
    kyiv = glossary.term("kyiv")
    assert kyiv is not None
    assert [kyiv.house_form("uk", c) for c in ("nom", "gen", "dat", "ins", "loc")] == [
        "Київ", "Києва", "Києву", "Києвом", "Києві"]
    assert kyiv.house_form("en", "loc") == "Kyiv"


@pytest.mark.parametrize(
    ("source", "target", "text", "expected"),
    [
        ("ru", "uk", "Встреча в Харькове и поезд в Николаев",
         "Встреча в Харкові и поезд в Миколаїв"),
        ("ru", "uk", "Владимира Зеленского ждали в Киеве", "Володимира Зеленського ждали в Києві"),
        ("uk", "ru", "Зустріч у Харкові, Одесі та Києві", "Зустріч у Харькове, Одессе та Киеве"),
        ("ru", "en", "Донбасс и Киев", "Donbas и Kyiv"),
    ],
)
def test_inject_terms_writes_the_target_form_of_the_same_case(
    glossary, source, target, text, expected
):
    assert glossary.inject_terms(text, source, target) == expected


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "glossary.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_glossary_file_replaces_the_built_in_one(tmp_path):
    path = _write(tmp_path, """
[[term]]
id = "chernihiv"
[term.uk]
forms = { nom = "Чернігів", loc = "Чернігові" }
wrong = { nom = ["Чернигов"], loc = ["Чернигове"] }
""")
    custom = Glossary.load(path)
    assert custom.apply("у Чернигове, Чернигов", "uk") == "у Чернігові, Чернігів"
    assert custom.apply("Киев", "uk") == "Киев"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[term]]\nid = "x"\n[term.uk]\nforms = { gen = "A" }\n', "forms needs at least nom"),
        ('[[term]]\nid = "x"\n[term.uk]\nforms = { nom = "A" }\nwrong = { gen = ["B"] }\n',
         "wrong must map cases that forms has"),
        ('[[term]]\nid = "x"\n[term.uk]\nforms = { nom = "A", gen = "B" }\n'
         'wrong = { nom = ["B"] }\n', "is also a house form"),
        ('[[term]]\nid = "x"\n[term.uk]\nforms = { nom = "A" }\nwrong_locative = ["B"]\n',
         "wrong_locative needs a loc form"),
        ('[[term]]\nid = "x"\n[term.uk]\nforms = { nom = "A" }\n'
         '[[term]]\nid = "x"\n[term.uk]\nforms = { nom = "C" }\n', "appears twice"),
        ('[[term]]\nid = "x"\n[term.uk]\nforms = { nom = "A" }\nwrong = { nom = ["Z"] }\n'
         '[[term]]\nid = "y"\n[term.uk]\nforms = { nom = "C" }\nwrong = { nom = ["Z"] }\n',
         "maps to both"),
        ("[[term]\n", "cannot read the glossary"),
    ],
)
def test_a_broken_glossary_is_a_config_error_that_says_what_is_wrong(tmp_path, body, message):
    with pytest.raises(ConfigError, match=message):
        Glossary.load(_write(tmp_path, body))
