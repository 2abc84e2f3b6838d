"""Exact and near-duplicate fingerprints: a republished copy is found, a sibling story is not."""

from __future__ import annotations

from presswatch.enrich.duplicates import content_hash, minhash_signature, similarity

STORY = """Kharkiv, 14 March. Emergency crews worked through the night to restore heating in the
northern districts of the city after a drone attack damaged a combined heat and power plant,
the regional administration said on Friday morning.

About forty thousand households were left without heating when temperatures dropped below
freezing. Schools in the affected districts moved to remote lessons for the rest of the week,
and the city opened twelve warming points in libraries and sports halls.

The head of the regional administration said that air defence units shot down most of the
drones launched overnight, but that debris from one of them started a fire in the plant's
turbine hall. Firefighters needed four hours to bring it under control. No one was injured.

Engineers expect to restore full heat supply within three days. Until then, the utility will
run mobile boiler units that were delivered last autumn with the help of international donors.
Residents have been asked to limit their use of electric heaters in the evening hours, when
the grid is under the greatest strain.

The attack was the third on the city's energy infrastructure this month. Local officials again
appealed to partners for additional air defence systems to protect critical facilities before
the end of the heating season."""

SIBLING = """Odesa, 14 March. A drone attack on the port of Odesa overnight damaged two grain
warehouses and a section of railway track, the regional governor said on Friday.

Port operations were suspended for several hours while bomb disposal teams checked the
terminals. Two workers were slightly injured by broken glass and treated in hospital.

Shipping companies said that the corridor for grain exports remained open and that vessels
waiting in the roads would be loaded once the railway line was repaired. Insurers have raised
premiums for ships calling at Black Sea ports twice since January.

Regional authorities said that air defence destroyed most of the drones over the sea, and
that repairs to the track would take about two days. The governor urged residents to stay in
shelters during alerts, warning that further attacks on logistics were likely."""


def _republished(text: str) -> str:
    lines = text.splitlines()
    body = "\n".join(line for line in lines if not line.startswith("Kharkiv, 14 March."))
    head = "Emergency crews worked through the night to restore heating in the"
    return (f"{head}\n{body}\nThe city council will discuss the damage at an extraordinary "
            "session on Monday.")


def test_republished_copy_with_trimmed_dateline_and_extra_sentence_is_near_duplicate():
    copy = _republished(STORY)
    assert content_hash(copy) != content_hash(STORY)
    assert similarity(minhash_signature(STORY), minhash_signature(copy)) >= 0.8


def test_different_story_on_the_same_topic_is_not_a_duplicate():
    assert similarity(minhash_signature(STORY), minhash_signature(SIBLING)) < 0.3


def test_content_hash_ignores_case_punctuation_and_spacing():
    variant = STORY.upper().replace(",", "").replace("\n", "  ").replace(".", " .")
    assert content_hash(variant) == content_hash(STORY)
    assert content_hash(STORY) != content_hash(SIBLING)
    assert len(content_hash(STORY)) == 64


def test_signatures_are_compact_stable_and_exact_for_identical_text():
    signature = minhash_signature(STORY)
    assert len(signature) == 128 * 4
    assert minhash_signature(STORY) == signature, "fixed seed: the same text, the same bytes"
    assert similarity(signature, minhash_signature(STORY)) == 1.0
    assert similarity(signature, b"") == 0.0


def test_cyrillic_copy_is_recognised_too():
    text = ("Енергетики працювали всю ніч, щоб відновити опалення в північних районах міста "
            "після атаки дронів на теплоелектроцентраль, повідомила обласна адміністрація. "
            "Без тепла залишилися близько сорока тисяч домогосподарств, школи перейшли на "
            "дистанційне навчання, а місто відкрило дванадцять пунктів обігріву в бібліотеках "
            "і спортивних залах. Інженери розраховують повністю відновити теплопостачання "
            "протягом трьох днів, а до того працюватимуть мобільні котельні.")
    copy = text + " Міська рада обговорить наслідки в понеділок."
    assert similarity(minhash_signature(text), minhash_signature(copy)) >= 0.8
