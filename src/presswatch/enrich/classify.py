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
_META = set("\\()[]{}?*+|.^$")


@dataclass(frozen=True, slots=True)
class _Rule:
    """A compiled rule and the literal every match of it starts with ("" when unknown): a
    text without that literal is not scanned, which makes the hundreds of rules cheap."""

    pattern: re.Pattern[str]
    literal: str

    @classmethod
    def compile(cls, source: str, flags: int = 0) -> _Rule:
        return cls(re.compile(source, flags), _literal(source, flags))

    def count(self, text: str, folded: str, cap: int | None = None) -> int:
        """Matches in ``text`` (at most ``cap``); ``folded`` is ``_fold(text)``."""
        if self.literal and self.literal not in (folded if self.pattern.flags & re.I else text):
            return 0
        hits = 0
        for _ in self.pattern.finditer(text):
            hits += 1
            if cap is not None and hits >= cap:
                break
        return hits


def _literal(source: str, flags: int) -> str:
    """The plain letters after a leading ``\\b`` (lower-cased for a case-blind rule), minus a
    last one that a quantifier makes optional; "" when the rule starts otherwise or has an
    alternative at its top level."""
    if not source.startswith("\\b") or _top_level_alternative(source):
        return ""
    chars: list[str] = []
    for char in source[2:]:
        if char in _META:
            if char in "?*{" and chars:
                chars.pop()
            break
        chars.append(char)
    literal = "".join(chars)
    if flags & re.I:
        literal = literal.lower()
        letters = literal.replace(" ", "")
        if not letters.isalpha() or letters.upper().lower() != letters:
            return ""  # case folding that is not one to one: always scan
    return literal if len(literal) >= 2 else ""


def _top_level_alternative(source: str) -> bool:
    depth, escaped, in_class = 0, False, False
    for char in source:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def _fold(text: str) -> str:
    """``text`` lower-cased as a case-blind rule sees it (Turkish İ matches i)."""
    return text.replace("\u0130", "I").lower()


@dataclass(frozen=True, slots=True)
class _SectionRules:
    slug: str
    by_language: dict[str, tuple[_Rule, ...]]
    fallback: bool

    def patterns(self, language: str | None) -> tuple[_Rule, ...]:
        own = self.by_language.get((language or "").split("-")[0].lower())
        if own:
            return own
        return tuple(p for patterns in self.by_language.values() for p in patterns)


@dataclass(frozen=True, slots=True)
class _TopicRules:
    slug: str
    patterns: tuple[_Rule, ...]
    min_mentions: int


@lru_cache(maxsize=8)
def section_rules(path: Path | None) -> tuple[_SectionRules, ...]:
    """The sections of ``path`` (None: built-in) with compiled rules, cached per path."""
    return tuple(
        _SectionRules(
            slug=section.slug,
            by_language={lang: tuple(_Rule.compile(p, re.IGNORECASE) for p in patterns)
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
            patterns=tuple(_Rule.compile(t, re.IGNORECASE) for t in topic.terms)
            + tuple(_Rule.compile(a) for a in topic.acronyms),
            min_mentions=topic.min_mentions,
        )
        for topic in load_topics(path)
    )


def section_scores(title: str, text: str, language: str | None,
                   path: Path | None = None) -> dict[str, int]:
    """Each section's score: title matches weigh TITLE_WEIGHT, text matches 1 (capped)."""
    scores = {}
    title_folded, text_folded = _fold(title), _fold(text)
    for section in section_rules(path):
        score = 0
        for rule in section.patterns(language):
            score += TITLE_WEIGHT * rule.count(title, title_folded, MAX_HITS_PER_RULE)
            score += rule.count(text, text_folded, MAX_HITS_PER_RULE)
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
    title_folded, text_folded = _fold(title), _fold(text)
    for topic in topic_rules(path):
        if topic.slug not in watched:
            continue
        in_title = any(rule.count(title, title_folded, 1) for rule in topic.patterns)
        mentions = sum(rule.count(text, text_folded, topic.min_mentions)
                       for rule in topic.patterns)
        if in_title or mentions >= topic.min_mentions:
            found.append(topic.slug)
    return tuple(found)
