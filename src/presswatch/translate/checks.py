"""Checks per paragraph: where the machine (or an editor) probably went wrong.

``check_segments(sources, targets, source, target)`` takes aligned lists of source and target
segments and returns ``Finding``s, each with its ``kind``, the segment ``index``, the
character ``span`` in the target (and ``source_span`` in the source where that is where the
problem shows), a ``message`` for the editor, a ``severity`` and, where there is one, the
``suggestion`` that would fix it.

=============== ======== ===================================================================
kind            severity what
=============== ======== ===================================================================
empty           error    the source has text, the translation none
untranslated    error    a sentence of the translation is in the source language (lingua)
                         or copies a source sentence; a word in the other Cyrillic alphabet
                         is a warning
number          error    a number of the source is missing or changed ("added": warning)
number_format   warning  a number or date written against the target's convention
term            error    a house term in a wrong form ("Харькова" → "Харкова");
                         a source term missing from the translation is a warning
name            error    a name spelled in the other Cyrillic alphabet ("Уэст" in Ukrainian);
                         a source name without a sound-alike in the translation: warning
omission        warning  the translation is much shorter than the pair's usual ratio, or has
                         a sentence fewer and is shorter than usual
addition        warning  the same, longer
repetition      error    a word sequence repeated back to back (a decoder loop)
=============== ======== ===================================================================
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from presswatch.translate import checks_language, checks_text
from presswatch.translate.checks_names import TermFinder, missing_names, missing_terms
from presswatch.translate.checks_numbers import compare_numbers
from presswatch.translate.conventions import convention_fixes
from presswatch.translate.glossary import Glossary

KINDS = ("empty", "untranslated", "number", "number_format", "term", "name", "omission",
         "addition", "repetition")
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    index: int
    span: tuple[int, int] | None
    message: str
    severity: str = ERROR
    source_span: tuple[int, int] | None = None
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["span"] = list(self.span) if self.span else None
        data["source_span"] = list(self.source_span) if self.source_span else None
        return data


def check_segments(sources: list[str], targets: list[str], source: str, target: str, *,
                   glossary: Glossary | None = None) -> list[Finding]:
    """Findings for each aligned (source, target) segment pair, in segment and text order."""
    return Checker(source, target, glossary).check(sources, targets)


def _primary(code: str) -> str:
    """The primary subtag of a BCP-47 code: "uk-UA" → "uk"."""
    return code.strip().replace("_", "-").split("-")[0].lower()


class Checker:
    """The checks for one language pair; holds the glossary's term finders and lingua."""

    def __init__(self, source: str, target: str, glossary: Glossary | None = None) -> None:
        self.source, self.target = _primary(source), _primary(target)
        self.glossary = glossary
        self._finders = ((TermFinder(glossary, self.source), TermFinder(glossary, self.target))
                         if glossary is not None else None)

    def check(self, sources: list[str], targets: list[str]) -> list[Finding]:
        if len(sources) != len(targets):
            raise ValueError(f"{len(sources)} source segments but {len(targets)} targets")
        findings: list[Finding] = []
        for index, (src, tgt) in enumerate(zip(sources, targets, strict=True)):
            findings += self.check_pair(index, src, tgt)
        return findings

    def check_pair(self, index: int, src: str, tgt: str) -> list[Finding]:
        """Findings for one segment and its translation."""
        if not src.strip():
            return []
        if not tgt.strip():
            return [Finding("empty", index, None, "the translation is empty")]
        found = self._untranslated(index, src, tgt)
        found += self._numbers(index, src, tgt)
        found += self._terms(index, src, tgt)
        found += self._names(index, src, tgt, found)
        found += self._length(index, src, tgt)
        found += self._repetition(index, src, tgt)
        found += [Finding("number_format", index, fix.span,
                          f"{fix.written} is written {fix.right} in {self.target}", WARNING,
                          suggestion=fix.right)
                  for fix in convention_fixes(tgt, self.target, source_text=src,
                                              source_lang=self.source)
                  if fix.written.split() != fix.right.split()]  # not for a no-break space
        return sorted(found, key=lambda f: (f.span or (-1, -1), KINDS.index(f.kind)))

    def _untranslated(self, index: int, src: str, tgt: str) -> list[Finding]:
        copied = {" ".join(src[a:b].split()) for a, b in checks_text.sentences(src, self.source)}
        found = []
        for start, end in checks_text.sentences(tgt, self.target):
            sentence = tgt[start:end]
            is_copy = " ".join(sentence.split()) in copied and sum(
                ch.isalpha() for ch in sentence) >= checks_language.MIN_LETTERS
            confidence = checks_language.source_confidence(sentence, self.source, self.target)
            if is_copy or (confidence is not None
                           and confidence >= checks_language.MIN_CONFIDENCE):
                why = "copies the source" if is_copy else f"reads as {self.source}"
                found.append(Finding("untranslated", index, (start, end),
                                     f"this sentence {why}"))
        for start, end in checks_text.foreign_script_runs(tgt, self.target):
            if not any(a <= start < b for a, b in (f.span for f in found if f.span)):
                found.append(Finding("untranslated", index, (start, end),
                                     "these words are not translated"))
        return found

    def _numbers(self, index: int, src: str, tgt: str) -> list[Finding]:
        found = []
        for issue in compare_numbers(src, tgt, self.source, self.target):
            if issue.kind == "changed":
                message = f"{issue.source_text} in the source became {issue.target_text}"
            elif issue.kind == "missing":
                message = f"{issue.source_text} of the source is missing"
            else:
                message = f"{issue.target_text} is not in the source"
            found.append(Finding("number", index, issue.target_span, message,
                                 WARNING if issue.kind == "added" else ERROR,
                                 source_span=issue.source_span))
        return found

    def _terms(self, index: int, src: str, tgt: str) -> list[Finding]:
        if self.glossary is None or self._finders is None:
            return []
        found = [Finding("term", index, v.span, f"{v.wrong} → {v.right} (house form)",
                         suggestion=v.right)
                 for v in self.glossary.violations(tgt, self.target)]
        source_finder, target_finder = self._finders
        for term_id, span in missing_terms(source_finder.find(src), target_finder.find(tgt),
                                           target_finder):
            found.append(Finding("term", index, None,
                                 f"{src[span[0]:span[1]]} is not in the translation "
                                 f"(house form: {target_finder.house[term_id]})", WARNING,
                                 source_span=span))
        return found

    def _names(self, index: int, src: str, tgt: str, so_far: list[Finding]) -> list[Finding]:
        covered = [f.span for f in so_far if f.span and f.kind in ("untranslated", "term")]
        found = []
        for word, span in checks_text.foreign_letter_words(tgt, self.target):
            if any(a <= span[0] < b for a, b in covered):
                continue
            if word[:1].isupper():
                found.append(Finding("name", index, span,
                                     f"{word} is spelled in {self.source} letters"))
            else:
                found.append(Finding("untranslated", index, span,
                                     f"{word} is not a {self.target} word", WARNING))
        sentences = checks_text.sentences(src, self.source)
        for name in missing_names(src, tgt, self.source, sentences):
            found.append(Finding("name", index, None,
                                 f"{name.text} has no counterpart in the translation", WARNING,
                                 source_span=name.source_span))
        return found

    def _length(self, index: int, src: str, tgt: str) -> list[Finding]:
        src_len = checks_text.letter_count(src)
        if src_len < checks_text.MIN_LENGTH:
            return []
        ratio = checks_text.letter_count(tgt) / (
            src_len * checks_text.expected_ratio(self.source, self.target))
        src_n = len(checks_text.sentences(src, self.source))
        tgt_n = len(checks_text.sentences(tgt, self.target))
        percent = f"{ratio:.0%} of the expected length"
        if ratio < checks_text.OMISSION_FACTOR or (
                tgt_n < src_n and ratio < checks_text.SENTENCE_DROP_FACTOR):
            return [Finding("omission", index, None,
                            f"{tgt_n} of {src_n} sentences, {percent}", WARNING)]
        if ratio > checks_text.ADDITION_FACTOR or (
                tgt_n > src_n and ratio > checks_text.SENTENCE_ADD_FACTOR):
            return [Finding("addition", index, None,
                            f"{tgt_n} sentences for {src_n}, {percent}", WARNING)]
        return []

    def _repetition(self, index: int, src: str, tgt: str) -> list[Finding]:
        """Loops the source does not have: a source "нет, нет, нет, нет" allows one
        one-word loop in the translation."""
        in_source = [(loop.size, loop.count) for loop in checks_text.repetition_loops(src)]
        found = []
        for loop in checks_text.repetition_loops(tgt):
            twin = next((s for s in in_source if s[0] == loop.size and s[1] >= loop.count - 1),
                        None)
            if twin is not None:
                in_source.remove(twin)
                continue
            found.append(Finding("repetition", index, loop.span,
                                 f"“{loop.phrase}” {loop.count} times in a row"))
        return found
