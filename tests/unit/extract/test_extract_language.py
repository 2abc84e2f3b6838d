"""Language identification restricted to configured languages, with the page's own hint."""

from __future__ import annotations

from presswatch.extract.language import detect_language, detector_for

ALL = ("uk", "en", "ru", "de", "pl", "fr")


def test_detects_each_configured_language():
    samples = {
        "de": "Die Bundesregierung hat am Montag neue Hilfen für die Stromversorgung beschlossen.",
        "pl": "Rząd przyjął w poniedziałek nowy pakiet pomocy dla sektora energetycznego.",
        "fr": "Le gouvernement a adopté lundi un nouveau plan d'aide pour le réseau électrique.",
        "uk": "Уряд у понеділок ухвалив новий пакет допомоги для енергетичної системи.",
        "ru": "Правительство в понедельник приняло новый пакет помощи для энергосистемы.",
    }
    for code, text in samples.items():
        assert detect_language(text, ALL) == code


def test_short_text_takes_the_declared_language():
    assert detect_language("Kyiv", ALL, hint="uk") == "uk"
    assert detect_language("Kyiv", ALL, hint="es") is None, "a hint outside the set is ignored"


def test_one_configured_language_needs_no_detector():
    assert detect_language("Whatever the text says.", ("de",)) == "de"


def test_detector_is_built_once_per_language_set_and_skips_unknown_codes():
    assert detector_for(("de", "en")) is detector_for(("de", "en"))
    assert detect_language("The ministers met in Brussels on Thursday morning.",
                           ("en", "de", "xx")) == "en"
