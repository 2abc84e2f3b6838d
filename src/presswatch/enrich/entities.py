"""Entity mentions in a text, linked to the multilingual entity base.

Public API (stable; other stages and the stories stage call it through ``pipeline.py``)::

    link_mentions(text: str, language: str, base: EntityBase | None = None, *,
                  model: bool = True) -> list[MentionHit]
    entity_keys(hits: Sequence[MentionHit]) -> frozenset[str]
    analyze_text(text: str, language: str, base: EntityBase | None = None) -> TextAnalysis

``MentionHit(start, end, type, surface, entity)``: ``text[start:end] == surface``; ``type`` is
PER, ORG, LOC or EVT (military units are ORG mentions of UNIT entities); ``entity`` is the key
of the linked entity (``person/zelenskyy``, ``city/kyiv``) or None for a name the base does
not know. Kyiv, Київ, Киев and Kiew give the same key, so ``entity_keys`` of two articles in
different languages overlap when they name the same people and places.

How: the entity base finds the names it knows (lemma-aware, so «Києві», «Зеленського»); a
statistical model (spaCy for en, natasha for ru, with the ``nlp`` extra) finds the others and
each is linked by ``EntityBase.lookup``; for uk, and for en/ru without the extra, the
rules in ``ner_rules`` find unseen names, for de those of ``ner_de`` (a word-class lexicon
decides which capitalized words are names). ``base=None`` uses the packaged base, built once
per process; models also load once, on first use.

``analyze_text`` adds the figures (``figures.extract_figures``) and quotes
(``quotes.extract_quotes``) of the text, linked to the same mentions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from presswatch.enrich.entity_base import EntityBase, default_entity_base
from presswatch.enrich.ner import NamedSpan, model_available, recognize
from presswatch.enrich.ner_de import german_spans
from presswatch.enrich.ner_de_post import drop_compound_parts, join_slashed_places
from presswatch.enrich.ner_rules import rule_spans
from presswatch.enrich.textforms import tokenize

__all__ = ["MentionHit", "TextAnalysis", "analyze_text", "entity_keys", "link_mentions"]

MENTION_TYPES = ("PER", "ORG", "LOC", "EVT")
_STRIP_LEFT = ("the ", "The ")
_POSSESSIVE = ("'s", "’s")


@dataclass(frozen=True, slots=True)
class MentionHit:
    """A name in a text: ``surface == text[start:end]``, linked to ``entity`` (a key) or not."""

    start: int
    end: int
    type: str
    surface: str
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class TextAnalysis:
    """Everything the enrich stage finds in one text."""

    mentions: tuple[MentionHit, ...]
    figures: tuple  # tuple[figures.FigureHit, ...]
    quotes: tuple  # tuple[quotes.QuoteHit, ...]


def _mention_type(entity_type: str) -> str:
    return "ORG" if entity_type == "UNIT" else entity_type


def link_mentions(text: str, language: str, base: EntityBase | None = None, *,
                  model: bool = True) -> list[MentionHit]:
    """Names in ``text`` (uk, ru, en or de), in order, each linked where the base knows it."""
    base = base if base is not None else default_entity_base()
    tokens = tokenize(text)
    if not tokens:
        return []
    known, keys = [], {}
    for m in base.match(tokens, text, language):
        span = NamedSpan(tokens[m.first].start, tokens[m.last].end,
                         _mention_type(base.records[m.key].type))
        known.append(span)
        keys[(span.start, span.end)] = m.key
    use_model = model and model_available(language)
    spans = _merge(known, recognize(text, language) if use_model else [])
    if language == "de":  # German: the word-class lexicon and cues of ner_de
        spans = drop_compound_parts(text, spans)
        spans = join_slashed_places(text, _merge(spans, german_spans(text, tokens, spans)))
    else:
        taken = [(s.start, s.end) for s in spans]
        spans = _merge(spans, rule_spans(text, tokens, language, taken, strict=use_model))
    hits = []
    for span in spans:
        span = _trim(text, span)
        surface = text[span.start:span.end]
        key = keys.get((span.start, span.end))
        if key is None:
            record = base.lookup(surface, language, span.type)
            key = record.key if record is not None else None
        hits.append(MentionHit(span.start, span.end, span.type, surface, key))
    return hits


def _merge(known: list[NamedSpan], model: list[NamedSpan]) -> list[NamedSpan]:
    """Model spans, except where a known name overlaps them (the known name wins if longer)."""
    result = list(known)
    for span in model:
        overlapping = [k for k in known if k.start < span.end and span.start < k.end]
        if not overlapping:
            result.append(span)
        elif all(span.start <= k.start and k.end <= span.end for k in overlapping) and (
                len(overlapping) > 1 or _extends_known(span, overlapping[0])):
            result = [r for r in result if r not in overlapping] + [span]
    return sorted(result, key=lambda s: s.start)


def _extends_known(span: NamedSpan, known: NamedSpan) -> bool:
    """A span that adds a word to a known name (Ministry of Defence of X ⊃ X, Средней Азии)."""
    return (span.end - span.start) - (known.end - known.start) >= 3


def _trim(text: str, span: NamedSpan) -> NamedSpan:
    start, end = span.start, span.end
    for prefix in _STRIP_LEFT:
        if text.startswith(prefix, start) and end - start > len(prefix):
            start += len(prefix)
    for suffix in _POSSESSIVE:
        if text.endswith(suffix, start, end) and end - start > len(suffix) + 1:
            end -= len(suffix)
    return NamedSpan(start, end, span.type) if (start, end) != (span.start, span.end) else span


def entity_keys(hits: Sequence[MentionHit]) -> frozenset[str]:
    """The linked entities of some mentions (for overlap between articles)."""
    return frozenset(h.entity for h in hits if h.entity)


def analyze_text(text: str, language: str, base: EntityBase | None = None) -> TextAnalysis:
    """Mentions, figures and quotes of one text, figures and speakers linked to the mentions."""
    from presswatch.enrich.figures import extract_figures
    from presswatch.enrich.quotes import extract_quotes

    mentions = link_mentions(text, language, base)
    return TextAnalysis(
        mentions=tuple(mentions),
        figures=tuple(extract_figures(text, language, mentions)),
        quotes=tuple(extract_quotes(text, language, mentions)),
    )
