"""What the translation desk shows for one document and language, paragraph by paragraph.

For each paragraph: the original, the draft with its origin, the checks' findings with their
spans marked in the draft, the house terms found in the original with the form the
translation needs (same case), a memory match for it (exact or ≥ 85 %), and its history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from presswatch.store import segments as store_segments
from presswatch.store.tables import Document
from presswatch.translate.editing import TranslationEditor
from presswatch.translate.glossary import CASES, Glossary
from presswatch.translate.memory import DatabaseMemory, Match, language_key


@dataclass(frozen=True, slots=True)
class Hint:
    """A house term in the original and the form the translation should use."""

    term: str
    found: str
    house: str


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of the draft; ``note`` is set where a finding marks it."""

    text: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class EditEntry:
    author: str
    text: str
    origin: str
    at: datetime


@dataclass(frozen=True, slots=True)
class ParagraphView:
    position: int
    kind: str
    source_text: str
    text: str
    origin: str
    accepted: bool
    accepted_by: str | None
    accepted_at: datetime | None
    findings: tuple[dict, ...]
    pieces: tuple[Piece, ...]
    hints: tuple[Hint, ...]
    suggestion: Match | None
    history: tuple[EditEntry, ...]


@dataclass(frozen=True, slots=True)
class TranslationView:
    doc_id: int
    doc_title: str
    doc_status: str
    source_language: str
    language: str
    status: str
    engine: str | None
    note: str
    approved_by: str | None
    approved_at: datetime | None
    override_reason: str | None
    paragraphs: tuple[ParagraphView, ...]

    @property
    def open_checks(self) -> int:
        return sum(len(p.findings) for p in self.paragraphs)

    @property
    def accepted(self) -> int:
        return sum(1 for p in self.paragraphs if p.accepted)


def origin_label(origin: str) -> tuple[str, str]:
    """(badge class, text) for an origin: ("memory", "memory 92 %"), ("editor", "editor: alice"),
    ("engine", "apertium")."""
    kind, _, rest = origin.partition(":")
    if kind == "memory":
        return "memory", "memory" if rest == "exact" else f"memory {rest.split(':')[-1]} %"
    if kind == "editor":
        return "editor", f"editor: {rest}"
    if kind == "engine":
        return "engine", rest
    return "other", origin or "?"


def highlight(text: str, findings: list[dict]) -> tuple[Piece, ...]:
    """``text`` cut into pieces, the spans of findings marked (overlaps joined)."""
    spans = []
    for f in findings:
        span = f.get("span")
        if isinstance(span, list | tuple) and len(span) == 2:
            start, end = max(0, int(span[0])), min(len(text), int(span[1]))
            if start < end:
                spans.append((start, end, str(f.get("message", ""))))
    spans.sort()
    pieces: list[Piece] = []
    pos = 0
    for start, end, note in spans:
        if start < pos:  # overlaps the previous mark: extend it
            last = pieces.pop()
            joined_end = max(end, pos)
            pieces.append(Piece(last.text + text[pos:joined_end], f"{last.note}; {note}"))
            pos = joined_end
            continue
        if start > pos:
            pieces.append(Piece(text[pos:start]))
        pieces.append(Piece(text[start:end], note or "check"))
        pos = end
    if pos < len(text) or not pieces:
        pieces.append(Piece(text[pos:]))
    return tuple(pieces)


class HintFinder:
    """House terms of ``source`` found in a text, with the ``target`` form of the same case."""

    def __init__(self, glossary: Glossary, source: str, target: str) -> None:
        mapping: dict[str, tuple[str, str]] = {}
        for term in glossary.terms:
            src, dst = term.languages.get(source), term.languages.get(target)
            if src is None or dst is None:
                continue
            for case in CASES:
                forms = [src.forms[case]] if case in src.forms else []
                for form in [*forms, *src.wrong.get(case, ())]:
                    mapping.setdefault(form, (dst.form(case), dst.form("nom")))
        self._mapping = mapping
        words = "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<!\w)(?:{words})(?!\w)") if mapping else None

    def hints(self, text: str) -> tuple[Hint, ...]:
        if self._pattern is None:
            return ()
        found = {}
        for match in self._pattern.finditer(text):
            house, nom = self._mapping[match.group(0)]
            found.setdefault((match.group(0), house), Hint(nom, match.group(0), house))
        return tuple(found.values())


def translation_view(
    editor: TranslationEditor, memory: DatabaseMemory | None, doc_id: int, language: str
) -> TranslationView:
    """Everything the desk page shows; the checks run again first."""
    glossary = editor.glossary()
    with editor.db.session() as session:
        row = store_segments.get_row(session, doc_id, language)
        doc = session.get(Document, doc_id)
        segments = editor.recheck(session, row)
        source, target = language_key(doc.language or ""), language_key(row.language)
        edits = store_segments.history(session, [s.id for s in segments])
        finder = HintFinder(glossary, source, target)
        suggestions = (memory.suggestions([s.source_text for s in segments], source, target)
                       if memory is not None and segments else [None] * len(segments))
        paragraphs = tuple(
            ParagraphView(
                position=s.position, kind=s.kind, source_text=s.source_text, text=s.text,
                origin=s.origin, accepted=s.accepted, accepted_by=s.accepted_by,
                accepted_at=s.accepted_at, findings=tuple(s.checks or ()),
                pieces=highlight(s.text, list(s.checks or ())),
                hints=finder.hints(s.source_text),
                suggestion=_useful(suggestion, s.text),
                history=tuple(EditEntry(e.author, e.text, e.origin, e.created_at)
                              for e in edits.get(s.id, ())),
            )
            for s, suggestion in zip(segments, suggestions, strict=True)
        )
        return TranslationView(
            doc_id=doc.id, doc_title=doc.title, doc_status=doc.status,
            source_language=doc.language or "", language=row.language, status=row.status,
            engine=row.engine, note=row.note or "", approved_by=row.approved_by,
            approved_at=row.approved_at, override_reason=row.override_reason,
            paragraphs=paragraphs,
        )


def _useful(match: Match | None, text: str) -> Match | None:
    """A memory match worth offering: one whose translation differs from the draft."""
    return match if match is not None and match.target_text != text else None
