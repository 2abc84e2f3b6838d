"""What changed between two texts of an article: a paragraph-aware word diff.

``diff_blocks(old, new)`` first lines up the paragraphs (headings, quotes, list items) of
both texts; a paragraph that was only edited is then compared word by word, so a changed
number or name shows as one deleted and one inserted word inside an otherwise unchanged
paragraph, while a paragraph added or removed as a whole shows as one block. The result is
plain data (text runs tagged ``equal``, ``insert`` or ``delete``); the page escapes the
text when it renders it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from presswatch.models import Block

__all__ = ["BlockDiff", "Span", "TextDiff", "diff_blocks", "diff_words"]

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
#: Two paragraphs at least this similar (by words) are one edited paragraph, not two.
SAME_PARAGRAPH = 0.5

#: Words: a number with its separators ("100,000", "3.5"), a word with inner hyphens or
#: apostrophes ("об'єкта"), one punctuation mark, or a run of spaces.
_TOKEN = re.compile(r"\s+|\d+(?:[.,:]\d+)*|\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text that is in both versions (``equal``), only the new (``insert``) or only
    the old one (``delete``)."""

    op: str
    text: str


@dataclass(frozen=True, slots=True)
class BlockDiff:
    """One paragraph of the comparison: its kind, what happened to it and its word runs."""

    kind: str
    op: str  # equal | insert | delete | changed
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class TextDiff:
    """A whole comparison: the headline, the body, and how many words went in and out."""

    title: tuple[Span, ...]
    blocks: tuple[BlockDiff, ...]
    inserted: int
    deleted: int

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.deleted)

    @property
    def title_changed(self) -> bool:
        return any(span.op != EQUAL for span in self.title)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _merge(spans: Iterable[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and merged[-1].op == span.op:
            merged[-1] = Span(span.op, merged[-1].text + span.text)
        else:
            merged.append(span)
    return tuple(merged)


def diff_words(old: str, new: str) -> tuple[Span, ...]:
    """``old`` → ``new`` as runs of equal, deleted and inserted words (spaces kept)."""
    a, b = _tokens(old), _tokens(new)
    spans: list[Span] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == EQUAL:
            spans.append(Span(EQUAL, "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            spans.append(Span(DELETE, "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            spans.append(Span(INSERT, "".join(b[j1:j2])))
    return _merge(spans)


def _words(spans: Iterable[Span], op: str) -> int:
    return sum(len(re.findall(r"\w+", span.text)) for span in spans if span.op == op)


def _as_blocks(raw: Iterable[Mapping[str, object] | Block]) -> list[Block]:
    blocks = []
    for item in raw:
        if isinstance(item, Block):
            blocks.append(item)
        else:
            blocks.append(Block(str(item.get("kind", "p")), str(item.get("text", "") or "")))
    return [b for b in blocks if b.text.strip()]


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def _replaced(old: Sequence[Block], new: Sequence[Block]) -> list[BlockDiff]:
    """A run of paragraphs replaced by another: edited pairs word-diffed, the rest whole."""
    out: list[BlockDiff] = []
    i = j = 0
    while i < len(old) and j < len(new):
        if _similar(old[i].text, new[j].text) >= SAME_PARAGRAPH:
            out.append(BlockDiff(new[j].kind, "changed", diff_words(old[i].text, new[j].text)))
            i, j = i + 1, j + 1
        elif len(old) - i >= len(new) - j:
            out.append(BlockDiff(old[i].kind, DELETE, (Span(DELETE, old[i].text),)))
            i += 1
        else:
            out.append(BlockDiff(new[j].kind, INSERT, (Span(INSERT, new[j].text),)))
            j += 1
    out += [BlockDiff(b.kind, DELETE, (Span(DELETE, b.text),)) for b in old[i:]]
    out += [BlockDiff(b.kind, INSERT, (Span(INSERT, b.text),)) for b in new[j:]]
    return out


def diff_blocks(old_title: str, old_blocks: Iterable[Mapping[str, object] | Block],
                new_title: str, new_blocks: Iterable[Mapping[str, object] | Block]) -> TextDiff:
    """Compare two texts of an article (stored JSON blocks or ``Block`` objects)."""
    old, new = _as_blocks(old_blocks), _as_blocks(new_blocks)
    keys_a = [(b.kind, b.text) for b in old]
    keys_b = [(b.kind, b.text) for b in new]
    blocks: list[BlockDiff] = []
    matcher = SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == EQUAL:
            blocks += [BlockDiff(b.kind, EQUAL, (Span(EQUAL, b.text),)) for b in new[j1:j2]]
        else:
            blocks += _replaced(old[i1:i2], new[j1:j2])
    title = diff_words(old_title, new_title)
    spans = [span for block in blocks for span in block.spans]
    return TextDiff(
        title=title, blocks=tuple(blocks),
        inserted=_words(spans, INSERT) + _words(title, INSERT),
        deleted=_words(spans, DELETE) + _words(title, DELETE),
    )
