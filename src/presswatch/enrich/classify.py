"""Sections and watch topics of an article, by the rules of ``presswatch.taxonomy``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from presswatch.taxonomy import load_sections, load_topics

#: A match in the title counts this many text mentions.
TITLE_WEIGHT = 3
#: Text matches of one rule count at most this often (one repeated word cannot decide).
MAX_HITS_PER_RULE = 3


@dataclass(frozen=True, slots=True)
class _SectionRules:
    slug: str
    by_language: dict[str, tuple[re.Pattern[str], ...]]
    fallback: bool

    def patterns(self, language: str | None) -> tuple[re.Pattern[str], ...]:
        own = self.by_language.get((language or "").split("-")[0].lower())
        if own:
            return own
        return tuple(p for patterns in self.by_language.values() for p in patterns)


@dataclass(frozen=True, slots=True)
class _TopicRules:
    slug: str
    patterns: tuple[re.Pattern[str], ...]
    min_mentions: int


@lru_cache(maxsize=8)
def section_rules(path: Path | None) -> tuple[_SectionRules, ...]:
    """The sections of ``path`` (None: built-in) with compiled rules, cached per path."""
    return tuple(
        _SectionRules(
            slug=section.slug,
            by_language={lang: tuple(re.compile(p, re.IGNORECASE) for p in patterns)
                         for lang, patterns in section.rules.items()},
            fallback=section.fallback,
        )
        for section in load_sections(path)
    )


@lru_cache(maxsize=8)
def topic_rules(path: Path | None) -> tuple[_TopicRules, ...]:
    """The watch topics of ``path`` (None: built-in) with compiled terms, cached per path."""
    return tuple(
        _TopicRules(
            slug=topic.slug,
            patterns=tuple(re.compile(t, re.IGNORECASE) for t in topic.terms)
            + tuple(re.compile(a) for a in topic.acronyms),
            min_mentions=topic.min_mentions,
        )
        for topic in load_topics(path)
    )


def _count(pattern: re.Pattern[str], text: str, cap: int | None = None) -> int:
    hits = 0
    for _ in pattern.finditer(text):
        hits += 1
        if cap is not None and hits >= cap:
            break
    return hits


def section_scores(title: str, text: str, language: str | None,
                   path: Path | None = None) -> dict[str, int]:
    """Each section's score: title matches weigh TITLE_WEIGHT, text matches 1 (capped)."""
    scores = {}
    for section in section_rules(path):
        score = 0
        for pattern in section.patterns(language):
            score += TITLE_WEIGHT * _count(pattern, title, MAX_HITS_PER_RULE)
            score += _count(pattern, text, MAX_HITS_PER_RULE)
        scores[section.slug] = score
    return scores


def assign_section(title: str, text: str, language: str | None,
                   path: Path | None = None) -> str | None:
    """The best-scoring section (the first in file order on a tie), else the fallback one."""
    scores = section_scores(title, text, language, path)
    best = max(scores.values(), default=0)
    if best > 0:
        return next(slug for slug, score in scores.items() if score == best)
    return next((s.slug for s in section_rules(path) if s.fallback), None)


def matched_topics(title: str, text: str, watched: tuple[str, ...],
                   path: Path | None = None) -> tuple[str, ...]:
    """The watched topics named in the title or mentioned often enough in the text."""
    found = []
    for topic in topic_rules(path):
        if topic.slug not in watched:
            continue
        in_title = any(p.search(title) for p in topic.patterns)
        mentions = sum(_count(p, text, topic.min_mentions) for p in topic.patterns)
        if in_title or mentions >= topic.min_mentions:
            found.append(topic.slug)
    return tuple(found)
