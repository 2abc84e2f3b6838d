"""One entity base across languages: the same key for Kyiv, Київ, Киев and Kiew, in any case."""

from __future__ import annotations

import pytest

from presswatch.enrich.entities import entity_keys, link_mentions
from presswatch.enrich.entity_base import default_entity_base, load_entity_base
from presswatch.errors import ConfigError


def _keys(text: str, language: str) -> list[str | None]:
    return [m.entity for m in link_mentions(text, language)]


@pytest.mark.parametrize(("text", "language"), [
    ("Ракети знову летіли на Київ.", "uk"), ("Ракеты снова летели на Киев.", "ru"),
    ("Missiles flew at Kyiv again.", "en"), ("Raketen flogen wieder auf Kiew.", "de"),
    ("Missiles flew at Kiev again.", "en"), ("Raketen flogen auf Kyjiw.", "de"),
])
def test_kyiv_is_one_entity_in_four_languages(text, language):
    assert "city/kyiv" in _keys(text, language)


@pytest.mark.parametrize(("text", "language", "key"), [
    ("Зеленський прибув до Брюсселя.", "uk", "person/zelenskyy"),
    ("Зеленский прибыл в Брюссель.", "ru", "person/zelenskyy"),
    ("Zelenskyy arrived in Brussels.", "en", "person/zelenskyy"),
    ("Selenskyj traf in Brüssel ein.", "de", "person/zelenskyy"),
    ("Країни НАТО обговорили допомогу.", "uk", "org/nato"),
    ("Der Nordatlantikpakt berät über Hilfe.", "de", "org/nato"),
    ("NATO allies discussed aid.", "en", "org/nato"),
])
def test_people_and_organisations_are_linked_across_languages(text, language, key):
    assert key in _keys(text, language)


@pytest.mark.parametrize(("text", "language", "surface", "key"), [
    ("Вибухи пролунали у Києві вночі.", "uk", "Києві", "city/kyiv"),
    ("Президент зустрівся із Зеленським.", "uk", "Зеленським", "person/zelenskyy"),
    ("Заява Міністерства оборони України вийшла вранці.", "uk",
     "Міністерства оборони України", "org/ministry-of-defence-ua"),
    ("Обстріли Харківської області тривають.", "uk", "Харківської області", "oblast/kharkiv"),
    ("Встреча с Олафом Шольцем прошла в Берлине.", "ru", "Олафом Шольцем", "person/scholz"),
    ("Die Armee Russlands rückt vor.", "de", "Russlands", "country/ru"),
    ("Die Truppen der Russischen Föderation rücken vor.", "de", "Russischen Föderation",
     "country/ru"),
])
def test_inflected_names_find_their_entity(text, language, surface, key):
    mentions = {m.surface: m.entity for m in link_mentions(text, language)}
    assert mentions.get(surface) == key


def test_offsets_point_at_the_surface_and_types_are_reported():
    text = "Президент Володимир Зеленський заявив у Києві, що Росія готує наступ."
    mentions = link_mentions(text, "uk")
    assert [(m.type, m.surface) for m in mentions] == [
        ("PER", "Володимир Зеленський"), ("LOC", "Києві"), ("LOC", "Росія")]
    assert all(text[m.start:m.end] == m.surface for m in mentions)


def test_unseen_names_are_found_by_rules_but_not_linked():
    uk = link_mentions("Про це повідомив генерал Олександр Петренко.", "uk")
    assert [(m.type, m.surface, m.entity) for m in uk] == [
        ("PER", "Олександр Петренко", None)]
    de = link_mentions("Das sagte Präsident Max Mustermann in Wolfsburg.", "de")
    assert ("PER", "Max Mustermann") in {(m.type, m.surface) for m in de}
    assert ("LOC", "Wolfsburg") in {(m.type, m.surface) for m in de}


def test_an_unknown_organisation_keeps_its_genitive_words():
    text = "Міністерство цифрової трансформації запустило застосунок."
    (mention,) = link_mentions(text, "uk")
    assert (mention.type, mention.surface) == ("ORG", "Міністерство цифрової трансформації")


def test_articles_in_two_languages_share_entities():
    uk = link_mentions("Зеленський і Шольц обговорили у Берліні постачання Patriot.", "uk")
    de = link_mentions("Selenskyj und Scholz sprachen in Berlin über Patriot-Systeme.", "de")
    shared = entity_keys(uk) & entity_keys(de)
    assert {"person/zelenskyy", "person/scholz", "city/berlin"} <= shared


def test_countries_come_with_names_in_four_languages():
    france = default_entity_base().get("country/fr")
    assert france.names == {"uk": "Франція", "ru": "Франция", "en": "France", "de": "Frankreich"}


def test_lookup_tolerates_a_transliteration_variant_of_the_same_type():
    base = default_entity_base()
    assert base.lookup("Zelenskyi", "en", "PER").key == "person/zelenskyy"
    assert base.lookup("Zelenskyi", "en", "LOC") is None


def test_a_curated_entry_adds_names_to_a_seeded_country(tmp_path):
    path = tmp_path / "entities.toml"
    path.write_text('[[entity]]\nkey = "country/fr"\ntype = "LOC"\nen = "France | la France"\n'
                    '[[entity]]\nkey = "person/test"\ntype = "PER"\nuk = "Тарас Тестенко"\n',
                    encoding="utf-8")
    base = load_entity_base(path)
    assert base.get("country/fr").names["de"] == "Frankreich"
    assert [m.entity for m in link_mentions("Тестенко виступив.", "uk", base)] == ["person/test"]


def test_a_malformed_entity_file_is_a_config_error(tmp_path):
    path = tmp_path / "entities.toml"
    path.write_text('[[entity]]\nkey = "x/y"\ntype = "THING"\nen = "Y"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="x/y"):
        load_entity_base(path, seed=False)


def test_a_name_two_entities_share_goes_to_the_curated_one():
    assert _keys("Америка підтримала Україну.", "uk")[0] == "country/us"
    assert _keys("Die USA und Amerika.", "de") == ["country/us", "country/us"]


def test_a_surname_two_people_share_links_to_neither():
    mentions = link_mentions("Федоров заявив про нові дрони.", "uk")
    assert [(m.type, m.entity) for m in mentions] == [("PER", None)]
    full = link_mentions("Михайло Федоров заявив про нові дрони.", "uk")
    assert [m.entity for m in full] == ["person/mykhailo-fedorov"]
