"""German name rules (enrich/ner_de.py, enrich/ner_de_lexicon.py), on sentences written for it."""

from __future__ import annotations

import pytest

from presswatch.enrich import ner
from presswatch.enrich.entities import link_mentions
from presswatch.enrich.ner_de import german_spans
from presswatch.enrich.ner_de_post import drop_compound_parts
from presswatch.enrich.textforms import tokenize

pytest.importorskip("HanTa")


def _found(text: str) -> set[tuple[str, str]]:
    return {(m.type, m.surface) for m in link_mentions(text, "de")}


def test_the_lexicon_tells_names_from_common_nouns_and_adjectives():
    from presswatch.enrich.ner_de_lexicon import word_class

    assert word_class("Merkel") == "NE"
    assert word_class("Häuser") == "NN"
    assert word_class("Kühlschranktür") in ("NN", "NNC")
    assert word_class("deutschen") == "ADJ"
    assert word_class("Sagte") == "FUNC"


def test_a_first_name_and_the_word_after_it_are_a_person():
    found = _found("Gestern traf sich Renate Kowalczyk mit dem Vorstand.")
    assert ("PER", "Renate Kowalczyk") in found


def test_a_role_word_before_an_unknown_name_makes_a_person():
    found = _found("Das sagte Bürgermeister Hollweck am Abend im Rathaus.")
    assert ("PER", "Hollweck") in found


def test_particles_stay_inside_a_persons_name():
    found = _found("Das Bild malte Giacomo della Porta im Auftrag des Papstes.")
    assert ("PER", "Giacomo della Porta") in found


def test_a_city_after_a_preposition_is_a_place():
    found = _found("Der Zug fuhr von Hamburg nach Wuppertal und weiter nach Solingen.")
    assert {("LOC", "Wuppertal"), ("LOC", "Solingen")} <= found


def test_organisation_phrases_take_their_adjectives_and_tails():
    found = _found("Die Europäische Union und das Bundesamt für Verbraucherschutz warnten.")
    assert {("ORG", "Europäische Union"), ("ORG", "Bundesamt für Verbraucherschutz")} <= found


def test_a_describing_head_noun_is_not_part_of_the_name():
    found = _found("Der Chemiekonzern Velthoff meldete einen Gewinn.")
    assert ("ORG", "Velthoff") in found
    assert not any("Chemiekonzern" in surface for _, surface in found)


def test_derived_adjectives_and_common_nouns_are_no_names():
    text = "Die deutschen Berliner Verkäufer boten am Morgen frische Brötchen an."
    assert not {s for s in _found(text) if s[1] in ("deutschen", "Berliner", "Verkäufer")}


def test_a_name_inside_a_hyphenated_common_noun_is_dropped():
    text = "Viele US-Bürger reisen nach Kanada."
    found = _found(text)
    assert ("LOC", "US") not in found and ("LOC", "Kanada") in found
    spans = german_spans(text, tokenize(text))
    assert drop_compound_parts(text, spans) == [s for s in spans if text[s.start] != "U"]


def test_a_surname_seen_in_a_full_name_marks_the_person_later():
    text = "Trainer Jörg Wallraff lobte die Mannschaft. Später sagte Wallraff, alles sei gut."
    surfaces = [(m.type, m.surface) for m in link_mentions(text, "de")]
    assert surfaces.count(("PER", "Wallraff")) == 1 and ("PER", "Jörg Wallraff") in surfaces


def test_recognizers_name_the_german_lexicon():
    assert "HanTa" in ner.recognizers()["de"]


def test_sentence_openers_and_common_nouns_after_an_article_are_no_persons():
    found = _found("Anders als geplant kam der Fischer erst am Abend zurück.")
    assert not {s for s in found if s[1] in ("Anders", "Fischer")}
    # Andere is a first name too, but opening a sentence it is the adjective
    assert not _found("Andere Mitglieder, darunter zwei Vereine, warnen davor.")


def test_an_article_after_a_name_is_no_name_particle():
    found = _found("Gestern traf Kurt Wendler den Minister in Bonn.")
    assert ("PER", "Kurt Wendler") in found
    assert not any("Minister" in surface for _, surface in found)


def test_a_finite_verb_next_to_a_lone_unknown_name_makes_a_person():
    found = _found("Das Ergebnis sei gut, sagte Wendrich nach dem Spiel.")
    assert ("PER", "Wendrich") in found


def test_a_lone_name_in_a_sentence_about_companies_is_an_organisation():
    found = _found("Die Aktien von Bremtec stiegen am Montag um drei Prozent, meldete Bremtec.")
    assert ("ORG", "Bremtec") in found and ("PER", "Bremtec") not in found


def test_names_listed_with_a_place_are_places_and_slashed_places_are_one():
    found = _found("Im Sommer fährt die Fähre nach Hokkavaara und Lindbergsholm.")
    assert {("LOC", "Hokkavaara"), ("LOC", "Lindbergsholm")} <= found
    assert ("LOC", "München/Hamburg") in _found("München/Hamburg (dpa) Der Zug war pünktlich.")


def test_a_genitive_place_after_an_organisation_is_a_place_of_its_own():
    found = _found("Der Oberste Gerichtshof Polens entschied gestern.")
    assert ("ORG", "Oberste Gerichtshof") in found and ("LOC", "Polens") in found


def test_a_small_town_named_next_to_a_persons_verb_is_a_person_a_big_city_stays_a_place():
    from presswatch.enrich.ner_de_lexicon import major_place, place_name

    assert place_name("Harlow") and not major_place("Harlow")
    assert major_place("Bochum") and major_place("Mailand")
    assert ("PER", "Harlow") in _found("Im Winter starb Harlow nach langer Krankheit.")
    assert ("LOC", "Harlow") in _found("Der Zug fährt heute nach Harlow.")


def test_a_line_break_hyphen_with_a_space_keeps_a_compound_name_whole():
    found = _found("Das Land fördert in Nordrhein- Westfalen neue Projekte.")
    assert ("LOC", "Nordrhein- Westfalen") in found


def test_currency_and_unit_acronyms_are_no_organisations():
    found = _found("Der Kurs stieg auf 12 CHF, der Sender sendet auf UKW.")
    assert not {surface for kind, surface in found if kind == "ORG"} & {"CHF", "UKW"}


def test_motorways_and_federal_roads_are_places():
    found = _found("Auf der A 7 staute sich der Verkehr, auf der A3 und der B 27 nicht.")
    assert {("LOC", "A 7"), ("LOC", "A3"), ("LOC", "B 27")} <= found


def test_a_word_typed_a_person_by_its_verb_alone_is_a_place_when_listed_with_one():
    found = _found("Zwischen Varnsdal und Kravenholm verkehrt ein Bus.")
    assert {("LOC", "Varnsdal"), ("LOC", "Kravenholm")} <= found


def test_bei_makes_a_place_only_of_a_known_place():
    assert not any(t == "LOC" for t, _ in _found("Die Sage wird schon bei Xerandos erwähnt."))
    assert ("LOC", "Kassel") in _found("Das Werk liegt bei Kassel an der Fulda.")


def test_a_clubs_number_belongs_to_its_name():
    found = _found("Er wechselte vom 1. FC Wendelbach zur SG 07 Oberhausach und zum TSV 1899 Rinn.")
    assert ("ORG", "1. FC Wendelbach") in found
    assert ("ORG", "SG 07 Oberhausach") in found
    assert ("ORG", "TSV 1899 Rinn") in found


def test_an_unknown_genitive_before_a_common_noun_is_a_person():
    found = _found("Die Kritiker lobten vor allem Wendrochs Entscheidung für das Finale.")
    assert ("PER", "Wendrochs") in found


def test_an_unknown_compound_ending_in_a_common_noun_is_no_name():
    assert not any(s == "Streunerkatzen" for _, s in _found(
        "Im Heim fressen Streunerkatzen gern Fisch."))
    assert ("PER", "Wendt") in _found("Gestern sagte Schuldnerexpertin Wendt , es gehe besser.")


def test_an_unknown_word_opening_a_sentence_before_its_verb_is_a_name():
    found = _found("Der Landtag tagte lange. Wendrich erklärte danach, die Fraktion stimme zu.")
    assert ("PER", "Wendrich") in found
    found = _found("Zahlungsverzögerungen erklärte der Sprecher mit dem Streik.")
    assert not found  # shaped like a common noun


def test_the_lexicon_reads_todays_spelling_of_ss():
    from presswatch.enrich.ner_de_lexicon import finite_verb, word_class

    assert finite_verb("musste") and finite_verb("lässt")  # the lexicon spells mußte, läßt
    assert word_class("Anschluss") == "NN"
    assert word_class("Kasse") == "NN"  # ss between vowels stays ss


def test_news_agencies_and_papers_are_linked_and_their_common_words_are_not():
    found = _found("Berlin (dpa) - Wie die Süddeutsche Zeitung und Reuters berichten, "
                   "blickt die Welt auf die Zeit nach dem Gipfel.")
    assert {("ORG", "dpa"), ("ORG", "Süddeutsche Zeitung"), ("ORG", "Reuters")} <= found
    assert not {s for s in found if s[1] in ("Welt", "Zeit")}


def test_a_run_of_english_words_with_no_cue_is_a_title_not_a_person():
    found = _found("Das Album endet mit einer langen Improvisation zu Sometime Ago.")
    assert not {s for s in found if "Sometime" in s[1]}
    assert ("LOC", "Canning Town") in _found("Die Bahn fährt künftig nach Canning Town.")


def test_a_council_member_before_a_name_is_a_person_and_a_council_of_a_town_is_not():
    assert ("PER", "Heinz Seiffert") in _found("Das unterstrich Landrat Heinz Seiffert gestern.")
    assert ("PER", "Mario Gierl") in _found("Das sagte Mibrag-Betriebsrat Mario Gierl am Montag.")
    assert not {s for s in _found("Der Stadtrat Leipzig tagte am Abend.") if s[0] == "PER"}


def test_a_noun_that_describes_an_organisation_types_the_name_after_it():
    found = _found("Er wechselte zum bulgarischen Erstligisten Litex Lovech und später zum "
                   "Mobilfunkbetreiber Kelora.")
    assert {("ORG", "Litex Lovech"), ("ORG", "Kelora")} <= found
    assert ("ORG", "BFC Pankow") in _found("Am Ende gewann der BFC Pankow knapp.")


def test_states_historic_lands_and_city_districts_are_places():
    found = _found("Er wirkte an der Landesbeschreibung Tirols und Böhmens mit und zog später "
                   "nach Düsseldorf-Gerresheim.")
    assert {("LOC", "Tirols"), ("LOC", "Böhmens"), ("LOC", "Düsseldorf-Gerresheim")} <= found
    assert not _found("Die Berlin-Reise war lang.")


def test_parties_and_companies_of_the_coverage_are_linked():
    found = {(m.surface, m.entity) for m in link_mentions(
        "Die Grünen und die SPD forderten mehr Panzer von Rheinmetall und Krauss-Maffei "
        "Wegmann; Gazprom und die Sberbank stehen auf der Sanktionsliste.", "de")}
    assert {("Die Grünen", "org/greens-de"), ("SPD", "org/spd"),
            ("Krauss-Maffei Wegmann", "org/knds"), ("Sberbank", "org/sberbank")} <= found
    # a surname is no company: Diehl and Antonov are named only in their companies' forms
    named = {m.entity for m in link_mentions("Wie Diehl sagte, habe Antonow recht.", "de")}
    assert not named & {"org/diehl-defence", "org/antonov"}


def test_a_square_or_street_word_after_an_adjective_is_a_common_noun():
    assert not _found("Mit dem Sieg klettert die Mannschaft auf den vierten Tabellenplatz.")
    assert ("LOC", "Gendarmenmarkt") in _found("Das Konzert findet am Gendarmenmarkt statt.")
