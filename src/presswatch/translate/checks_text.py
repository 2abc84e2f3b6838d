"""Text measures for the per-paragraph checks: sentences, words, repetition loops, length.

The expected length of a translation is the source's length times the pair's ratio in
``LENGTH_RATIOS``: the median of letters-and-digits counts (target / source) over paragraphs of
the NTREX-128 references (even-numbered documents; ``benchmarks/translation/calibrate.py``
prints the table). A translation below ``OMISSION_FACTOR`` or above ``ADDITION_FACTOR`` times
the expected length lost or gained text; one sentence fewer than the source together with a
length under ``SENTENCE_DROP_FACTOR`` of the expected is read as a dropped sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presswatch.translate.sentence_split import sentence_spans

# target letters per source letter, median over the calibration paragraphs
LENGTH_RATIOS: dict[tuple[str, str], float] = {
    ("en", "uk"): 1.08, ("en", "ru"): 1.13, ("en", "de"): 1.23,
    ("uk", "en"): 0.93, ("ru", "en"): 0.89, ("de", "en"): 0.82,
    ("uk", "ru"): 1.05, ("ru", "uk"): 0.95, ("de", "uk"): 0.88,
    ("uk", "de"): 1.14, ("de", "ru"): 0.93, ("ru", "de"): 1.08,
}
OMISSION_FACTOR = 0.7
ADDITION_FACTOR = 1.45
SENTENCE_DROP_FACTOR = 0.9
SENTENCE_ADD_FACTOR = 1.3
MIN_LENGTH = 40  # letters and digits; shorter segments (titles) are not measured

_WORD = re.compile(r"[^\W_]+(?:['’ʼ-][^\W_]+)*")
_LETTERS = re.compile(r"[^\W_]")


def letter_count(text: str) -> int:
    """Letters and digits: spacing and punctuation conventions do not change it."""
    return len(_LETTERS.findall(text))


def sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``, line by line (a line break always ends a sentence)."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        spans += [(offset + a, offset + b) for a, b in sentence_spans(line.rstrip("\n"), lang)
                  if _LETTERS.search(line[a:b])]
        offset += len(line)
    return spans


def words(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Words in lower case with their spans."""
    return [(m.group().lower(), m.span()) for m in _WORD.finditer(text)]


@dataclass(frozen=True, slots=True)
class Loop:
    """``count`` back-to-back copies of a ``size``-word sequence at ``span``."""

    span: tuple[int, int]
    size: int
    count: int
    phrase: str


def repetition_loops(text: str) -> list[Loop]:
    """Word sequences repeated back to back beyond what prose does: one word 4 times or
    more, 2–4 words 3 times or more, 5 words or more twice."""
    tokens = words(text)
    names = [t for t, _ in tokens]
    loops: list[Loop] = []
    index = 0
    while index < len(names):
        loop = _loop_at(names, index)
        if loop is None:
            index += 1
            continue
        size, count = loop
        span = (tokens[index][1][0], tokens[index + size * count - 1][1][1])
        loops.append(Loop(span, size, count, " ".join(names[index:index + size])))
        index += size * count
    return loops


def _loop_at(names: list[str], index: int) -> tuple[int, int] | None:
    longest = (len(names) - index) // 2
    for size in range(1, longest + 1):
        if names[index + size] != names[index]:
            continue  # the next copy would start with the same word
        unit = names[index:index + size]
        count = 1
        while names[index + count * size:index + (count + 1) * size] == unit:
            count += 1
        needed = 4 if size == 1 else 3 if size <= 4 else 2
        if count >= needed and any(len(w) > 1 or w.isdigit() for w in unit):
            return size, count
    return None


def expected_ratio(source: str, target: str) -> float:
    """Target letters per source letter for the pair; 1.0 for a pair not calibrated."""
    return LENGTH_RATIOS.get((source, target), 1.0)


_ONLY = {"uk": "ыэъё", "ru": "іїєґ"}
_FOREIGN_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")


def foreign_letter_words(text: str, lang: str) -> list[tuple[str, tuple[int, int]]]:
    """Words spelled with letters ``lang`` does not have (ы, э in Ukrainian; і, ї in
    Russian): left in the other language by the engine."""
    letters = _ONLY.get(lang)
    if not letters:
        return []
    return [(m.group(), m.span()) for m in _FOREIGN_WORD.finditer(text)
            if any(ch in letters for ch in m.group().lower())]


_CYRILLIC_TARGETS = ("uk", "ru", "be", "bg", "sr", "mk")
_SCRIPT_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
MIN_RUN_WORDS = 6
MIN_RUN_LOWER = 3


def foreign_script_runs(text: str, lang: str) -> list[tuple[int, int]]:
    """Runs of words in the other script (Latin in Ukrainian, Cyrillic in English) long
    enough to be prose left untranslated rather than a name or a brand: at least
    ``MIN_RUN_WORDS`` words back to back, ``MIN_RUN_LOWER`` of them in lower case."""
    cyrillic_text = lang in _CYRILLIC_TARGETS
    runs: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []
    for match in [*_SCRIPT_WORD.finditer(text), None]:
        foreign = match is not None and _is_cyrillic(match.group()) != cyrillic_text
        if foreign and match is not None:
            run.append(match)
            continue
        lower = sum(w.group().islower() and len(w.group()) > 1 for w in run)
        if len(run) >= MIN_RUN_WORDS and lower >= MIN_RUN_LOWER:
            runs.append((run[0].start(), run[-1].end()))
        run = []
    return runs


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)
