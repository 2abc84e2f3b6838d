"""Quotes: direct and reported speech with the speaker linked to an entity.

``extract_quotes(text, language, mentions=()) -> list[QuoteHit]``:

- **direct**: text inside «…», „…“, “…” or "…" (ten characters or more) with a speech verb
  next to it in the same sentence — «…», — сказав Зеленський; "…," Blinken said;
  Scholz sagte: „…“. The speaker is the name next to the verb; after "he said" / "заявив він"
  it is the last person named before the quote.
- **reported**: a speech verb with "that" (X said that …, X заявив, що …, X sagte, dass …),
  a source phrase (according to X, laut X, за словами X, по словам X) or a statement
  closed by an attribution (…, sagte Scholz. / …, said Blinken.).

``mentions`` are the text's ``MentionHit``s (``entities.link_mentions``); the speaker is a
PER mention where there is one, else an ORG (a ministry, the Kremlin). Word lists live in
``presswatch/data/quote_words.toml``.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from presswatch.enrich.textforms import normalize, tokenize, word_forms

__all__ = ["QuoteHit", "extract_quotes"]

WORDS_PATH = Path(__file__).resolve().parent.parent / "data" / "quote_words.toml"
_QUOTED = re.compile(r"«(?P<a>[^«»]{10,})»|„(?P<b>[^„“”]{10,})[“”]|“(?P<c>[^“”]{10,})”"
                     r"|\"(?P<d>[^\"]{10,})\"")
_SENTENCE = re.compile(r"(?:[^.!?…\n]|[.!?…]+(?![\s\"“”»]|$))*(?:[.!?…]+[\"“”»]?(?=\s|$)|\n|$)")
_WINDOW = 90


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """``text[start:end] == text_`` (the words said); ``speaker`` as written, ``entity`` key."""

    start: int
    end: int
    text: str
    kind: str
    speaker: str = ""
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class _Words:
    verbs: frozenset[str]
    that: frozenset[str]
    according: tuple[str, ...]


@lru_cache(maxsize=8)
def _words(language: str) -> _Words:
    data = tomllib.loads(WORDS_PATH.read_text(encoding="utf-8")).get(language, {})
    return _Words(frozenset(data.get("verbs", ())), frozenset(data.get("that", ())),
                  tuple(sorted(data.get("according", ()), key=len, reverse=True)))


class _Verbs:
    """Where the speech verbs of a text are (found once, queried by range)."""

    def __init__(self, text: str, language: str, words: _Words) -> None:
        self.starts = []
        prefixes = tuple({verb[:2] for verb in words.verbs})
        for token in tokenize(text):
            if not token.text[:2].lower().startswith(prefixes):
                continue
            forms = word_forms(token.text, language) if language in ("uk", "ru") else (
                normalize(token.text),)
            if words.verbs.intersection(forms):
                self.starts.append(token.start)

    def between(self, start: int, end: int) -> list[int]:
        return self.starts[bisect_left(self.starts, start):bisect_left(self.starts, end)]


def _speaker_near(position: int, mentions: Sequence, left: int, right: int):
    """The PER (else ORG) mention in [left, right) closest to ``position``."""
    best, best_key = None, None
    for mention in mentions:
        if mention.start < left or mention.end > right or mention.type not in ("PER", "ORG"):
            continue
        key = (mention.type != "PER", min(abs(mention.start - position),
                                          abs(mention.end - position)))
        if best_key is None or key < best_key:
            best, best_key = mention, key
    return best


def _last_person(before: int, mentions: Sequence):
    people = [m for m in mentions if m.type == "PER" and m.end <= before
              and before - m.end < 600]
    return people[-1] if people else None


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def _sentence_of(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= position < end:
            return start, end
    return spans[-1] if spans else (0, position + 1)


def _hit(start: int, end: int, text: str, kind: str, speaker) -> QuoteHit:
    while end > start and text[end - 1] in " ,.;:—–-":
        end -= 1
    while start < end and text[start] in " ,;:—–-":
        start += 1
    return QuoteHit(start, end, text[start:end], kind,
                    speaker.surface if speaker else "", speaker.entity if speaker else None)


def _direct(text: str, mentions: Sequence, verbs: _Verbs) -> list[QuoteHit]:
    sentences = _sentences(text)
    quotes = []
    for match in _QUOTED.finditer(text):
        group = next(g for g in "abcd" if match.group(g) is not None)
        inner_start, inner_end = match.start(group), match.end(group)
        attributed = text[match.end():match.end() + 3].lstrip().startswith((",", "—", "–"))
        if len(match.group(group).split()) < 3 and not attributed and not match.group(
                group).rstrip().endswith((",", ".", "!", "?")):
            continue  # «news anchor», „Sondervermögen“: a term in quotes, not a quotation
        after_end = min(_sentence_of(sentences, max(match.end() - 1, 0))[1] + 1,
                        match.end() + _WINDOW, len(text))
        after_end = _cut_at_next_quote(text, match.end(), after_end)
        before_start = max(_sentence_of(sentences, match.start())[0], match.start() - _WINDOW)
        after = [] if _closed_sentence(text, match, inner_end) else verbs.between(
            match.end(), after_end)
        before = verbs.between(before_start, match.start())
        if not after and not before:
            continue
        verb, left, right = (after[0], match.end(), after_end) if after else (
            before[-1], before_start, match.start())
        speaker = _speaker_near(verb, mentions, left, right) or _last_person(
            match.start(), mentions)
        quotes.append(_hit(inner_start, inner_end, text, "direct", speaker))
    return quotes


def _closed_sentence(text: str, match: re.Match, inner_end: int) -> bool:
    """The quote ends its sentence and a new one starts after it: no attribution after."""
    rest = text[match.end():match.end() + 3].lstrip()
    return text[inner_end - 1:inner_end] in ".!?…" and (not rest or rest[0].isupper())


def _cut_at_next_quote(text: str, start: int, end: int) -> int:
    nxt = re.compile(r"[«„“\"]").search(text, start, end)
    return nxt.start() if nxt else end


def _reported(text: str, mentions: Sequence, words: _Words, verbs: _Verbs,
              taken: list[tuple[int, int]]) -> list[QuoteHit]:
    quotes = []
    for start, end in _sentences(text):
        if any(s < end and start < e for s, e in taken):
            continue
        found = _according(text, start, end, mentions, words) or _said_that(
            text, start, end, mentions, words, verbs) or _closing_attribution(
            text, start, end, mentions, verbs)
        if found is not None:
            quotes.append(found)
    return quotes


def _according(text: str, start: int, end: int, mentions: Sequence,
               words: _Words) -> QuoteHit | None:
    lowered = text[start:end].lower()
    for phrase in words.according:
        at = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", lowered)
        if at is None:
            continue
        at_start, at_end = start + at.start(), start + at.end()
        if phrase == "zufolge":
            speaker = _speaker_near(at_start, mentions, max(start, at_start - 60), at_start)
        else:
            speaker = _speaker_near(at_end, mentions, at_end, min(end, at_end + 60))
        if speaker is None:
            continue
        if at_start - start < 5 or speaker.start < at_start and at_start - start < 70:
            comma = text.find(",", max(speaker.end, at_end), end)
            return _hit(comma + 1 if comma > 0 else speaker.end, end, text, "reported", speaker)
        return _hit(start, at_start, text, "reported", speaker)
    return None


def _said_that(text: str, start: int, end: int, mentions: Sequence, words: _Words,
               verbs: _Verbs) -> QuoteHit | None:
    for verb in verbs.between(start, end):
        tail = text[verb:min(end, verb + 60)]
        that = next((m for m in tokenize(tail)[1:5] if normalize(m.text) in words.that), None)
        if that is None:
            continue
        speaker = _speaker_near(verb, mentions, max(start, verb - 80), verb + that.start)
        if speaker is None:
            continue
        return _hit(verb + that.end, end, text, "reported", speaker)
    return None


def _closing_attribution(text: str, start: int, end: int, mentions: Sequence,
                         verbs: _Verbs) -> QuoteHit | None:
    comma = max(text.rfind(", ", start, end), text.rfind(", —", start, end))
    if comma <= start + 15 or end - comma > _WINDOW:
        return None  # no closing attribution: the clause after the comma says more
    found = verbs.between(comma, end)
    if not found or found[0] - comma > 30:
        return None
    speaker = _speaker_near(found[0], mentions, comma, end)
    if speaker is None:
        return None
    return _hit(start, comma, text, "reported", speaker)


def extract_quotes(text: str, language: str, mentions: Sequence = ()) -> list[QuoteHit]:
    """Direct quotes, then reported speech in the sentences without one, in text order."""
    words = _words(language)
    verbs = _Verbs(text, language, words)
    direct = _direct(text, mentions, verbs)
    taken = [(q.start, q.end) for q in direct]
    reported = _reported(text, mentions, words, verbs, taken)
    return sorted(direct + reported, key=lambda q: q.start)
