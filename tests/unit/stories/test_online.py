"""Online assignment: who joins which story, the time window, entities, language centring."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import numpy as np
from tests.unit.stories.fakes import LANGUAGE, direction, flat_means, made

from presswatch.stories.online import (
    EntityRarity,
    OnlineStories,
    StoryDoc,
    StoryRules,
    StoryState,
    best_match,
)
from presswatch.stories.space import LanguageMeans

T0 = datetime(2026, 2, 12, 12, tzinfo=UTC)


def doc(key: str, language: str = "en", hours: float = 0, entities=()) -> StoryDoc:
    return StoryDoc(key, "", language, T0 + timedelta(hours=hours), frozenset(entities))


def test_the_same_event_in_four_languages_is_one_story_and_another_event_is_not():
    stories = OnlineStories(means=flat_means())
    placed = {}
    for i, language in enumerate(("en", "uk", "ru", "de")):
        placed[f"talks/{language}"] = stories.assign(
            doc(f"talks/{language}", language, hours=i), made(7, language, noise=i + 1)).story_id
    placed["floods/en"] = stories.assign(doc("floods/en", hours=5), made(8, "en")).story_id
    assert len({placed[f"talks/{lang}"] for lang in ("en", "uk", "ru", "de")}) == 1
    assert placed["floods/en"] != placed["talks/en"]
    assert [s.size for s in stories.stories] == [4, 1]


def test_a_document_outside_the_time_window_starts_a_new_story():
    stories = OnlineStories(StoryRules(window=timedelta(hours=72)), means=flat_means())
    first = stories.assign(doc("a", hours=0), made(7, "en")).story_id
    near = stories.assign(doc("b", hours=70), made(7, "en", noise=1)).story_id
    # the story was last seen at 70 h, so 140 h is still within 72 h of it ...
    chained = stories.assign(doc("c", hours=140), made(7, "en", noise=2)).story_id
    # ... but 300 h is not
    late = stories.assign(doc("d", hours=300), made(7, "en", noise=3)).story_id
    assert first == near == chained
    assert late != first


def test_documents_without_a_time_are_compared_with_every_story():
    stories = OnlineStories(means=flat_means())
    first = stories.assign(StoryDoc("a", "", "en", None), made(3, "en")).story_id
    second = stories.assign(doc("b", hours=10_000), made(3, "en", noise=4)).story_id
    assert first == second


def test_shared_rare_entities_lift_a_borderline_document_over_the_threshold():
    base = made(5, "en")
    borderline = (0.44 * base + np.sqrt(1 - 0.44**2) * direction(99)).astype(np.float32)
    rules = StoryRules(threshold=0.475, entity_weight=0.1)
    plain, linked = OnlineStories(rules, flat_means()), OnlineStories(rules, flat_means())
    for i in range(6):  # other stories naming Ukraine, so Ukraine is a common entity
        for stories in (plain, linked):
            stories.assign(doc(f"o{i}", entities={"ukraine"}), made(50 + i, "en"))
    plain.assign(doc("a", entities={"ukraine"}), base)
    linked.assign(doc("a", entities={"ukraine", "geneva", "lavrov"}), base)
    alone = plain.assign(doc("b", entities={"ukraine"}), borderline)
    joined = linked.assign(doc("b", entities={"ukraine", "geneva", "lavrov"}), borderline)
    assert alone.story_id == 8 and alone.entity_overlap == 0.0  # a story of its own
    assert joined.story_id == 7 and joined.entity_overlap > 0.9
    assert joined.similarity < rules.threshold <= joined.score


def test_an_entity_named_in_every_document_adds_nothing():
    rarity = EntityRarity()
    for _ in range(10):
        rarity.observe({"ukraine"})
    assert rarity.overlap(frozenset({"ukraine"}), Counter({"ukraine": 3})) == 0.0
    rarity.observe({"geneva"})
    assert rarity.overlap(frozenset({"geneva", "ukraine"}), Counter({"geneva": 1})) > 0.99


def test_best_match_says_none_below_the_threshold():
    story = StoryState(1, made(1, "en").astype(np.float64), T0, T0, 1)
    match = best_match(made(2, "en"), T0, frozenset(), [story], StoryRules(threshold=0.5))
    assert match.story_id is None and match.score < 0.5


def test_centring_by_language_makes_translations_closer_than_same_language_strangers():
    # e5-like: the language direction dominates the topic direction
    en_a, uk_a, en_b = made(1, "en", 1.5), made(1, "uk", 1.5), made(2, "en", 1.5)
    assert float(en_a @ uk_a) < float(en_a @ en_b)
    means = LanguageMeans(prior={}, prior_weight=0)
    for topic in range(20, 60):  # documents on other topics in both languages
        for language in ("en", "uk"):
            means.observe(language, made(topic, language, 1.5).astype(np.float64))
    centred = {k: means.center(lang, v) for k, lang, v in
               (("en_a", "en", en_a), ("uk_a", "uk", uk_a), ("en_b", "en", en_b))}
    assert float(centred["en_a"] @ centred["uk_a"]) > 0.8
    assert abs(float(centred["en_a"] @ centred["en_b"])) < 0.3


def test_a_language_never_seen_starts_from_the_average_prior():
    means = LanguageMeans(prior={"en": LANGUAGE["en"], "uk": LANGUAGE["uk"]}, prior_weight=10)
    expected = (LANGUAGE["en"] + LANGUAGE["uk"]) / 2
    assert np.allclose(means.mean("pl"), expected)
    means.observe("pl", np.ones_like(expected))
    assert np.allclose(means.mean("pl"), (expected * 10 + 1) / 11)
    assert means.count("pl") == 1 and means.count("en") == 0
