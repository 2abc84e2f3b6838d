"""Per-paragraph checks: what an editor is warned about, and what is left alone."""

from __future__ import annotations

import json

import pytest

from presswatch.translate.checks import Finding, check_segments
from presswatch.translate.glossary import Glossary


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load()


def check(source: str, target: str, src: str = "ru", dst: str = "uk", glossary=None):
    return check_segments([source], [target], src, dst, glossary=glossary)


def kinds(findings: list[Finding]) -> list[str]:
    return [f.kind for f in findings]


CLEAN = [
    ("ru", "uk", "Город Палу с населением свыше 380 тысяч человек был завален обломками.",
     "Місто Палу, в якому живе понад 380 000 людей, було засипане уламками."),
    ("en", "uk", "More than 20 million people watched the hearing on Thursday.",
     "Понад 20 мільйонів людей дивилися слухання в четвер."),
    ("en", "uk", "The match starts at 3 p.m. on Wednesday, 1.5 million tickets were sold.",
     "Матч почнеться о 15:00 у середу, продано 1,5 млн квитків."),
    ("en", "uk", "Rosa will bring up to 10 inches of rain.", "Роза принесе до 25,4 см дощу."),
    ("de", "uk", "Rund 100.000 Menschen kamen am 12.–13. Februar nach München.",
     "Близько 100 000 людей приїхали 12–13 лютого до Мюнхена."),
    ("ru", "uk", "Симпсон признался, что ранил Уэйда. Полиция задержала его в пятницу.",
     "Сімпсон зізнався, що поранив Вейда. Поліція затримала його в п'ятницю."),
]


@pytest.mark.parametrize(("src", "dst", "source", "target"), CLEAN)
def test_a_faithful_translation_has_no_findings(glossary, src, dst, source, target):
    assert check(source, target, src, dst, glossary) == []


def test_an_empty_translation_is_one_error():
    [finding] = check("Текст статьи.", "  ")
    assert (finding.kind, finding.severity, finding.span) == ("empty", "error", None)


def test_an_empty_source_is_not_checked():
    assert check("", "") == []


def test_a_changed_number_points_at_both_sides():
    source = "В 2011 году было 2706 побегов."
    target = "У 2011 році було 2708 втеч."
    [finding] = check(source, target)
    assert finding.kind == "number" and finding.severity == "error"
    assert target[slice(*finding.span)] == "2708"
    assert source[slice(*finding.source_span)] == "2706"


def test_a_missing_number_points_at_the_source():
    source = "В Сенате 51 республиканец и 49 демократов."
    [finding] = check(source, "У Сенаті 51 республіканець і демократи.")
    assert finding.kind == "number" and finding.span is None
    assert source[slice(*finding.source_span)] == "49"


def test_a_number_written_as_a_word_is_not_missing():
    assert check("Двое мужчин и 3 женщины.", "2 чоловіки і три жінки.") == []


def test_a_sentence_left_in_the_source_language_is_untranslated():
    source = "Встреча прошла в пятницу. Министры обсудили поставки оружия и новые санкции."
    target = "Зустріч відбулася в п'ятницю. Министры обсудили поставки оружия и новые санкции."
    findings = [f for f in check(source, target) if f.kind == "untranslated"]
    assert [target[slice(*f.span)] for f in findings] == [
        "Министры обсудили поставки оружия и новые санкции."]


def test_an_english_sentence_copied_into_ukrainian_is_untranslated():
    source = "The ministers met on Friday. They discussed arms deliveries and new sanctions."
    target = "Міністри зустрілися в п'ятницю. They discussed arms deliveries and new sanctions."
    assert "untranslated" in kinds(check(source, target, "en", "uk"))


def test_a_house_term_in_a_wrong_form_is_an_error_with_the_fix(glossary):
    [finding] = check("Встреча прошла в Харькове.", "Зустріч відбулася у Харькове.",
                      glossary=glossary)
    assert (finding.kind, finding.severity, finding.suggestion) == ("term", "error", "Харкові")


def test_a_house_term_missing_from_the_translation_is_a_warning(glossary):
    [finding] = check("Встреча прошла в Харькове.", "Зустріч відбулася там.",
                      glossary=glossary)
    assert (finding.kind, finding.severity) == ("term", "warning")
    assert finding.source_span == (17, 25)


def test_a_surname_for_the_full_name_is_not_a_missing_term(glossary):
    assert check("Владимир Зеленский приехал.", "Зеленський приїхав.",
                 glossary=glossary) == []


def test_a_name_in_russian_letters_in_ukrainian_is_an_error():
    target = "Сімпсон зізнався, що поранив Уэйда."
    [finding] = check("Симпсон признался, что ранил Уэйда.", target)
    assert finding.kind == "name" and target[slice(*finding.span)] == "Уэйда"


def test_a_name_missing_from_the_translation_is_a_warning():
    findings = check("В пятницу Джонсон отверг этот план.", "У п'ятницю він відкинув цей план.")
    assert [(f.kind, f.severity) for f in findings] == [("name", "warning")]


def test_a_dropped_sentence_is_an_omission():
    source = ("Цунами обрушилось на побережье в пятницу. Погибли сотни людей. "
              "Спасатели продолжают поиски в районе Палу.")
    target = "Цунамі обрушилося на узбережжя в п'ятницю. Загинули сотні людей."
    assert kinds(check(source, target)) == ["omission"]


def test_an_added_passage_is_an_addition():
    source = "Цунами обрушилось на побережье в пятницу вечером."
    target = ("Цунамі обрушилося на узбережжя в п'ятницю ввечері. Це сталося несподівано. "
              "Мешканці не встигли втекти до пагорбів.")
    assert kinds(check(source, target)) == ["addition"]


def test_a_decoder_loop_is_a_repetition():
    target = "Зустріч відбулася у Києві у Києві у Києві у Києві в п'ятницю."
    [finding] = check("Встреча прошла в Киеве в пятницу.", target)
    assert finding.kind == "repetition"
    assert target[slice(*finding.span)] == "у Києві у Києві у Києві у Києві"


def test_a_repetition_the_source_has_is_not_a_loop():
    assert check("«Нет, нет, нет, нет», — сказал он.", "«Ні, ні, ні, ні», — сказав він.") == []


def test_a_number_against_the_target_convention_is_a_warning_with_the_fix():
    [finding] = check("100,000 people came.", "Прийшли 100,000 людей.", "en", "uk")
    assert (finding.kind, finding.severity) == ("number_format", "warning")
    assert finding.suggestion == "100\u00a0000"


def test_findings_come_per_segment_and_serialize_to_json():
    findings = check_segments(["Текст.", "В 2011 году."], ["Текст.", ""], "ru-RU", "uk-UA")
    assert [(f.index, f.kind) for f in findings] == [(1, "empty")]
    data = json.loads(json.dumps(findings[0].to_dict()))
    assert data == {"kind": "empty", "index": 1, "span": None, "message":
                    "the translation is empty", "severity": "error", "source_span": None,
                    "suggestion": None}


def test_lists_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="2 source segments but 1"):
        check_segments(["a", "b"], ["a"], "ru", "uk")
