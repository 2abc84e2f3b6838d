"""Reported figures: value, unit, qualifier and subject in four languages, linked to an entity."""

from __future__ import annotations

import pytest

from presswatch.enrich.entities import analyze_text
from presswatch.enrich.figures import extract_figures, parse_number


@pytest.mark.parametrize(("text", "language"), [
    ("Russia has massed more than 100,000 servicemen at the border.", "en"),
    ("Росія зосередила понад 100 тисяч військовослужбовців біля кордону.", "uk"),
    ("Россия сосредоточила более 100 тысяч военных у границы.", "ru"),
    ("Russland hat mehr als 100.000 Soldaten an der Grenze zusammengezogen.", "de"),
])
def test_the_same_troop_figure_reads_alike_in_four_languages(text, language):
    (figure,) = extract_figures(text, language)
    assert (figure.value, figure.unit, figure.qualifier) == (100_000, "troops", "min")
    assert text[figure.start:figure.end] == figure.surface
    assert figure.surface.split()[-1] == figure.subject.split()[-1]


@pytest.mark.parametrize(("text", "language", "value", "unit", "qualifier"), [
    ("The US pledged $2.5 billion in aid.", "en", 2.5e9, "USD", "exact"),
    ("ЄС виділить 2,5 млрд євро Україні.", "uk", 2.5e9, "EUR", "exact"),
    ("Бюджет получит около 1,2 трлн рублей.", "ru", 1.2e12, "RUB", "approx"),
    ("Berlin sagte bis zu 500 Millionen Euro zu.", "de", 5e8, "EUR", "max"),
    ("About 40% of the grid was damaged.", "en", 40, "percent", "approx"),
    ("Близько 300 дронів атакували країну.", "uk", 300, "drones", "approx"),
    ("Die Front ist rund 1.000 Kilometer lang.", "de", 1000, "km", "approx"),
    ("Выплаты составили 15 000 грн.", "ru", 15000, "UAH", "exact"),
    ("He ran about 30 yards with the ball.", "en", 30, "yards", "approx"),
])
def test_money_percent_units_and_counted_things(text, language, value, unit, qualifier):
    (figure,) = extract_figures(text, language)
    assert (figure.value, figure.unit, figure.qualifier) == (pytest.approx(value), unit,
                                                             qualifier)


def test_years_and_bare_numbers_are_not_figures():
    assert extract_figures("In 2022 the war began; 3 ministers met on 24 February.", "en") == []
    assert extract_figures("У 2023 році.", "uk") == []
    assert extract_figures("Кількість зросла до 832.", "uk") == []


@pytest.mark.parametrize(("digits", "language", "value"), [
    ("100,000", "en", 100000), ("2.5", "en", 2.5), ("100.000", "de", 100000),
    ("2,5", "de", 2.5), ("100 000", "uk", 100000), ("2,5", "ru", 2.5), ("1.500", "ru", 1500),
])
def test_numbers_follow_the_language_separators(digits, language, value):
    assert parse_number(digits, language) == pytest.approx(value)


def test_a_figure_is_linked_to_the_entity_it_describes():
    text = "Kyiv is quiet. Russia has moved more than 100,000 troops to the border."
    (figure,) = analyze_text(text, "en").figures
    assert figure.entity == "country/ru"
