"""Ukrainian name rules (enrich/ner_uk.py and the uk branches of ner_rules / ner_phrases)."""

from __future__ import annotations

import pytest

from presswatch.enrich.entities import link_mentions


def _found(text: str) -> set[tuple[str, str]]:
    return {(m.type, m.surface) for m in link_mentions(text, "uk")}


@pytest.mark.parametrize(("text", "expected"), [
    # a legal form or an acronym before a quoted name: one organisation, quotes included
    ("Договір підписали Департамент та ТОВ «Зоряний шлях».", ("ORG", "ТОВ «Зоряний шлях»")),
    ("Землю отримало СФГ «Колосок-2» торік.", ("ORG", "СФГ «Колосок-2»")),
    # a capitalized organisation phrase runs on over its quoted name
    ("Суд зобов'язав Громадську організацію «Чисте поле» сплатити борг.",
     ("ORG", "Громадську організацію «Чисте поле»")),
    # a street word, the street's name and the house number are one place
    ("Магазин відкрили на вул. Садова, 12 у центрі.", ("LOC", "вул. Садова, 12")),
    ("Офіс переїхав на проспект Перемоги, 5-А.", ("LOC", "проспект Перемоги, 5-А")),
    ("Вона живе на вулиці Зеленій.", ("LOC", "вулиці Зеленій")),
    # a short quoted name that reads as a name: an organisation, without its quotes
    ("Підряд виграв «Будмонтаж-Захід» без конкурентів.", ("ORG", "Будмонтаж-Захід")),
    # a capitalized adjective before an organisation head is part of it, even after a title
    ("Виступив депутат Мирненської райради Іван Коваль.", ("ORG", "Мирненської райради")),
    ("Виступив депутат Мирненської райради Іван Коваль.", ("PER", "Іван Коваль")),
    # an acronym, then a person: two names
    ("Голова ОДА Петро Мельник приїхав.", ("PER", "Петро Мельник")),
    # a first name before a surname the entity base knows for someone else: one person
    ("Бізнес-партнер Олександра Януковича купив завод.", ("PER", "Олександра Януковича")),
    # an organisation's genitive chain stops before a person's name
    ("Це сестра голови Херсонської облради Андрія Гончаренка.",
     ("PER", "Андрія Гончаренка")),
    # place adjectives sharing one place noun, and a bare one with «області» understood
    ("Грали команди Мирненського, Зорянського і Тихівського районів.",
     ("LOC", "Зорянського")),
    ("Тиждень він провів у Херсонській.", ("LOC", "Херсонській")),
    # a quoted name in a list of quoted names
    ("Діяли групи «Обрій», «Світанок» та інші.", ("ORG", "Світанок")),
    # "імені" and the full name after an organisation
    ("Працює в Ліцеї імені Тараса Шевченка.", ("ORG", "Ліцеї імені Тараса Шевченка")),
    # a body's name runs on over an acronym, its country and "в … області"
    ("Справу веде ГУ Нацполіції в Херсонській області.",
     ("ORG", "ГУ Нацполіції в Херсонській області")),
    ("Тендер провело Головне управління ДСНС України у Донецькій області.",
     ("ORG", "Головне управління ДСНС України у Донецькій області")),
    # a lowercase court or prosecutor's office named by its region; a court and its town
    ("Позов розглянув господарський суд Вінницької області.",
     ("ORG", "господарський суд Вінницької області")),
    ("Ухвалу виніс Зорянський райсуд м. Мирного.", ("ORG", "Зорянський райсуд м. Мирного")),
    # a hyphenated place adjective is one word of the name
    ("Наказ підписав голова Івано-Франківської облдержадміністрації.",
     ("ORG", "Івано-Франківської облдержадміністрації")),
    # a settlement mark is no part of the place
    ("Школа стоїть у с. Старі Вишні.", ("LOC", "Старі Вишні")),
    # place adjectives in a list after «областях»
    ("Найбільше їх у областях – Волинській, Київській, Рівненській.", ("LOC", "Київській")),
    # a possessive adjective made from a first name or a surname is that person
    ("Ми читали Петрового листа вголос.", ("PER", "Петрового")),
    ("Вона набирала Лесиного вірша.", ("PER", "Лесиного")),
    ("Прилучаймось до Тарасової думи.", ("PER", "Тарасової")),
    # a settlement word before a capitalized name: a place
    ("Вагони прибули на станцію Зоряне вранці.", ("LOC", "Зоряне")),
])
def test_uk_rules_find_names(text, expected):
    assert expected in _found(text)


@pytest.mark.parametrize("text", [
    "Вийшов роман «Тихий берег» у львівському видавництві.",  # a work's title
    "Мати сказала: «Ходімо додому».",  # a quoted sentence opening with a verb
    "Вона сказала: «Я мушу йти».",  # a quoted sentence
    "Гроші виділено. Далі їх розподілили.",  # an everyday word opening a sentence
    "Тендер завершено. Кошти отримає підрядник. Читайте далі.",  # no Costa, no Chita
    "Це сталося у XX столітті.",  # a Roman numeral
    "ЖОВТИЙ БАНАН НА СІРОМУ АСФАЛЬТІ",  # a heading in capitals
    "Найважче — на Покровському та Костянтинівському напрямках.",  # front sectors, no Pokrovsky
])
def test_uk_rules_leave_ordinary_text_alone(text):
    assert {t for t, s in _found(text) if t in ("PER", "ORG")} == set()


def test_a_quoted_title_before_its_author_is_no_organisation():
    found = _found("Він прочитав «Ревізора» Гоголя.")
    assert ("ORG", "Ревізора") not in found and ("PER", "Гоголя") in found


def test_a_title_word_after_a_title_is_no_person():
    assert ("PER", "Президента") not in _found("Так вважає радник Президента.")


def test_a_sentence_opening_common_word_is_no_entity_of_another_lemma():
    found = {(m.surface, m.entity) for m in link_mentions(
        "Сума склала мільйон. Кошти надійшли з Києва.", "uk")}
    assert {surface for surface, _ in found} == {"Києва"}
    assert [(m.surface, m.entity) for m in link_mentions(
        "Він поїхав до Суми. Суми чекають.", "uk")] == [("Суми", "city/sumy")] * 2


def test_a_first_name_after_a_complete_name_starts_another_person():
    found = _found("Зустрілися друзі Тараса Мельника Івана Коваленка вчора.")
    assert {("PER", "Тараса Мельника"), ("PER", "Івана Коваленка")} <= found
    assert ("PER", "Мельника Олександр") not in _found(
        "Брат Петра Мельника Олександр прийшов.")
    assert ("PER", "Коваленко Тарас Петрович") in _found(
        "Заяву подав Коваленко Тарас Петрович.")  # surname first: still one person


def test_a_country_in_a_title_is_no_place():
    found = _found("Він виграв змагання Кубка України, як велить ст. 5 Митного кодексу України.")
    assert not {s for t, s in found if "Україн" in s}
    assert ("LOC", "Європи") in _found("Вона призерка чемпіонатів Європи.")


def test_a_place_named_after_someone_is_no_person():
    assert ("PER", "Петрова") not in _found("Туристи піднялися на Петрову гору.")
