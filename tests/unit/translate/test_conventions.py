"""Numbers and dates carried over in the target language's conventions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from presswatch.translate.conventions import (
    NBSP,
    apply_conventions,
    convention_fixes,
    find_numbers,
    format_number,
)
from presswatch.translate.conventions_dates import find_dates, format_date


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Загинули 100,000 людей.", "uk", f"Загинули 100{NBSP}000 людей."),
        ("Погибли 100.000 человек.", "ru", f"Погибли 100{NBSP}000 человек."),
        ("Ріст на 1.5 відсотка.", "uk", "Ріст на 1,5 відсотка."),
        ("Рост на 1.5 процента.", "ru", "Рост на 1,5 процента."),
        ("Ein Plus von 1.5 Prozent.", "de", "Ein Plus von 1,5 Prozent."),
        ("Es kamen 100,000 Menschen.", "de", "Es kamen 100.000 Menschen."),
        ("Some 100 000 people came.", "en", "Some 100,000 people came."),
        ("Some 100.000 people came.", "en", "Some 100,000 people came."),
        ("Growth of 2,75 percent.", "en", "Growth of 2.75 percent."),
        ("Бюджет 1.234.567,5 гривень.", "uk", f"Бюджет 1{NBSP}234{NBSP}567,5 гривень."),
    ],
)
def test_numbers_take_the_target_convention(text, lang, expected):
    assert apply_conventions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Some 100,000 people and 1.5 percent.", "en"),
        ("Це 1,5 відсотка, а у 2024 році 1500 осіб.", "uk"),
        ("Es kamen 100.000 Menschen, 1.500 davon aus Kiel.", "de"),
    ],
)
def test_numbers_already_in_the_convention_stay(text, lang):
    assert apply_conventions(text, lang) == text


def test_a_plain_space_in_a_group_becomes_a_no_break_space():
    assert apply_conventions("Понад 380 000 людей.", "uk") == f"Понад 380{NBSP}000 людей."
    assert apply_conventions("1 500 гривень", "uk") == f"1{NBSP}500 гривень"


@pytest.mark.parametrize(
    "text",
    [
        "Дивіться https://example.com/a/100,000?id=1.5 тут.",
        "Пишіть на press.1.5@example.com.",
        "Версія 2.6.0, телефон 859-292-3680, рахунок 16,5:10,5.",
        "COVID-19, G7 і рейс MH17.",
        "Початок о 12.30.",
    ],
)
def test_numbers_in_urls_ids_and_times_are_not_touched(text):
    assert apply_conventions(text, "uk") == text


def test_a_number_that_reads_two_ways_takes_the_sources_reading():
    assert apply_conventions("Прийшли 1,500 осіб.", "uk") == "Прийшли 1,500 осіб."
    assert apply_conventions("Прийшли 1,500 осіб.", "uk", source_text="1,500 people came.",
                             source_lang="en") == "Прийшли 1500 осіб."
    assert apply_conventions("Прийшли 1.500 осіб.", "uk", source_text="1.500 Menschen kamen.",
                             source_lang="de") == "Прийшли 1500 осіб."
    assert apply_conventions("Рост 1,500 процента.", "ru", source_text="A rise of 1.500 percent",
                             source_lang="en") == "Рост 1,500 процента."


def test_with_a_source_only_numbers_the_source_has_are_rewritten():
    text = "Початок о 12.30, ріст 1.5 відсотка."
    assert apply_conventions(text, "uk", source_text="Start at 12:30, growth of 1.5 percent.",
                             source_lang="en") == "Початок о 12.30, ріст 1,5 відсотка."


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Зустріч 12.–13. Februar у Мюнхені.", "uk", "Зустріч 12–13 лютого у Мюнхені."),
        ("Встреча 12.–13. Februar в Мюнхене.", "ru", "Встреча 12–13 февраля в Мюнхене."),
        ("The meeting on 12.–13. Februar.", "en", "The meeting on February 12–13."),
        ("Зустріч 12. лютого 2024 року.", "uk", "Зустріч 12 лютого 2024 року."),
        ("Зустріч лютого 12, 2024 року.", "uk", "Зустріч 12 лютого 2024 року."),
        ("Зустріч 5 травень.", "uk", "Зустріч 5 травня."),
        ("Зустріч 30 сентября.", "uk", "Зустріч 30 вересня."),
        ("Встреча 1 травня.", "ru", "Встреча 1 мая."),
        ("Held on 12 February 2024 in Kyiv.", "en", "Held on February 12, 2024 in Kyiv."),
        ("Am 12–13 лютого in Kiew.", "de", "Am 12.–13. Februar in Kiew."),
    ],
)
def test_dates_take_the_target_convention(text, lang, expected):
    assert apply_conventions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("12–13 лютого 2024 року", "uk"),
        ("у лютому 2024 року", "uk"),
        ("On Feb. 12, 2024, they met.", "en"),
        ("They may 5 times.", "en"),
        ("am 12. Februar", "de"),
    ],
)
def test_dates_already_in_the_convention_stay(text, lang):
    assert apply_conventions(text, lang) == text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("uk", "12–13 лютого 2024"), ("ru", "12–13 февраля 2024"),
     ("en", "February 12–13, 2024"), ("de", "12.–13. Februar 2024")],
)
def test_format_date(lang, expected):
    assert format_date(12, 2, lang, day_end=13, year=2024) == expected


@pytest.mark.parametrize(
    "word",
    ["січня", "лютий", "березні", "квітнем", "травню", "червня", "листопаді", "грудня",
     "января", "мае", "августом", "декабре", "Januar", "März", "Sept.", "December"],
)
def test_month_names_are_known_in_every_case(word):
    [date] = find_dates(f"3 {word}")
    assert date.day == 3


def test_format_number():
    assert format_number(Decimal("100000"), "uk") == f"100{NBSP}000"
    assert format_number(Decimal("1500"), "uk") == "1500"
    assert format_number(Decimal("1500"), "en") == "1,500"
    assert format_number(Decimal("1234567.25"), "de") == "1.234.567,25"


def test_find_numbers_reads_scales_and_keeps_ids_apart():
    found = {m.text: m for m in find_numbers("2,8 млрд, 20 мільйонів, 859-292-3680", "uk")}
    assert found["2,8"].scaled == (Decimal("2.8E9"),)
    assert found["20"].scaled == (Decimal("2E7"),)
    assert {"859", "292", "3680"} <= set(found)
    assert not found["859"].free


def test_convention_fixes_give_spans_for_the_desk():
    [fix] = convention_fixes("Прийшли 100,000 людей.", "uk")
    assert (fix.span, fix.written, fix.right, fix.kind) == ((8, 15), "100,000",
                                                            f"100{NBSP}000", "number")
