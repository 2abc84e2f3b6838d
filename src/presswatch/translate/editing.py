"""The translation desk's work on one document and language: edit, accept, approve, publish.

* **edit** a paragraph: the text becomes the editor's (origin ``editor:NAME``), the change is
  kept in the paragraph's history, its checks run again, and the language's approval is
  withdrawn;
* **accept** a paragraph: it goes into the translation memory (source → this text), so the
  next article with the same or a similar paragraph reuses it before any engine runs;
* **approve** the language: refused while a house term is in a wrong form (``fix_terms``
  applies the glossary), and while checks are open unless the editor gives a reason (setting
  ``publish_requires_clean_checks``, on by default);
* ``publication_blockers`` says what stops the desk from publishing a document: wrong forms
  of house terms in a machine translation and, with ``publish_requires_approval``, every
  machine-translated language that is not approved.

Findings are ``presswatch.translate.checks.Finding.to_dict()``: ``kind``, ``severity``,
``message``, ``span`` (in the translation), ``source_span``, ``suggestion``; they run with the
glossary in force at that moment. A ``term`` finding of severity ``error`` is a house term in a
wrong form: it blocks approval whatever the reason; every other finding is an open check.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from presswatch.errors import InputError
from presswatch.settings import Settings
from presswatch.store import memory as store_memory
from presswatch.store import segments as store_segments
from presswatch.store.base import Database
from presswatch.store.tables import Document, Segment, TranslationRow
from presswatch.translate.checks import check_segments
from presswatch.translate.glossary import Glossary
from presswatch.translate.memory import language_key, segment_hash

# (sources, targets, source language, target language, glossary) -> findings per segment
Checker = Callable[[Sequence[str], Sequence[str], str, str, Glossary], list[list[dict]]]


def run_checks(sources: Sequence[str], targets: Sequence[str], source: str, target: str,
               glossary: Glossary) -> list[list[dict]]:
    """The per-paragraph checks of ``presswatch.translate.checks``, one list per segment."""
    found: list[list[dict]] = [[] for _ in sources]
    for finding in check_segments(list(sources), list(targets), source, target,
                                  glossary=glossary):
        data = finding.to_dict()
        data.pop("index", None)
        found[finding.index].append(data)
    return found


def is_wrong_term(finding: dict) -> bool:
    """A house term in a wrong form (which blocks approval and publication)."""
    return finding.get("kind") == "term" and finding.get("severity", "error") == "error"


def term_findings(glossary: Glossary, text: str, lang: str) -> list[dict]:
    """A finding for each wrong form of a house term in ``text``."""
    return [{"kind": "term", "severity": "error", "span": list(v.span),
             "message": f"{v.wrong} → {v.right} (house form)", "suggestion": v.right}
            for v in glossary.violations(text, lang)]


@dataclass(frozen=True, slots=True)
class Approval:
    language: str
    by: str
    open_checks: int
    reason: str | None


class TranslationEditor:
    """Desk operations over the database; ``glossary()`` is the house glossary now in force."""

    def __init__(
        self, db: Database, glossary: Callable[[], Glossary], *,
        checker: Checker | None = None, require_clean: bool = True,
        require_approval: bool = False,
    ) -> None:
        self.db = db
        self.glossary = glossary
        self.checker = checker or run_checks
        self.require_clean = require_clean
        self.require_approval = require_approval

    @classmethod
    def from_settings(cls, db: Database, settings: Settings, glossary: Callable[[], Glossary],
                      checker: Checker | None = None) -> TranslationEditor:
        return cls(db, glossary, checker=checker,
                   require_clean=settings.publish_requires_clean_checks,
                   require_approval=settings.publish_requires_approval)

    # -- findings ------------------------------------------------------------------------

    def recheck(self, session: Session, row: TranslationRow,
                only: Segment | None = None) -> list[Segment]:
        """Run the checks on every paragraph (or ``only`` one) again and keep the findings
        on the segments."""
        source, target = _languages(session, row)
        segments = store_segments.ensure_segments(session, row)
        todo = [only] if only is not None else segments
        glossary = self.glossary()
        found = self.checker([s.source_text for s in todo], [s.text for s in todo], source,
                             target, glossary)
        for seg, checked in zip(todo, found, strict=True):
            # wrong house terms come from the glossary in force, whatever the checker does
            findings = [f for f in checked if not is_wrong_term(f)]
            findings += term_findings(glossary, seg.text, target)
            findings.sort(key=lambda f: f.get("span") or [-1, -1])
            if findings != (seg.checks or []):
                seg.checks = findings
        session.flush()
        return segments

    # -- paragraphs ------------------------------------------------------------------------

    def edit(self, doc_id: int, language: str, position: int, text: str, author: str) -> bool:
        """An editor's new text for a paragraph; False when it is the same text."""
        text = _clean(text)
        if not text:
            raise InputError("a paragraph cannot be empty")
        with self.db.session() as session:
            row = store_segments.get_row(session, doc_id, language)
            seg = store_segments.get_segment(session, row, position)
            changed = store_segments.edit_segment(session, row, seg, text, author)
            if changed:
                self.recheck(session, row, only=seg)
            return changed

    def accept(self, doc_id: int, language: str, position: int, by: str,
               text: str | None = None) -> None:
        """Accept a paragraph (after saving ``text`` when it differs) into the memory."""
        if text is not None:
            self.edit(doc_id, language, position, text, by)
        with self.db.session() as session:
            row = store_segments.get_row(session, doc_id, language)
            seg = store_segments.get_segment(session, row, position)
            source, target = _languages(session, row)
            store_segments.accept_segment(session, seg, by)
            store_memory.upsert_unit(
                session, source=source, target=target, source_hash=segment_hash(seg.source_text),
                source_text=seg.source_text, target_text=seg.text, origin=f"editor:{by}",
                created_by=by)

    def fix_terms(self, doc_id: int, language: str, by: str) -> int:
        """Put every house term of the translation in its house form; how many paragraphs
        changed (each change is an edit by ``by``)."""
        glossary = self.glossary()
        changed = 0
        with self.db.session() as session:
            row = store_segments.get_row(session, doc_id, language)
            target = language_key(row.language)
            for seg in store_segments.ensure_segments(session, row):
                fixed = glossary.apply(seg.text, target)
                if store_segments.edit_segment(session, row, seg, fixed, by):
                    changed += 1
            self.recheck(session, row)
        return changed

    # -- the language ------------------------------------------------------------------------

    def approve(self, doc_id: int, language: str, by: str, reason: str = "") -> Approval:
        """Approve the language; ``InputError`` says why not."""
        reason = " ".join(reason.split())
        with self.db.session() as session:
            row = store_segments.get_row(session, doc_id, language)
            if row.status != "machine":
                raise InputError(f"the {language} text is not a machine translation")
            segments = self.recheck(session, row)
            terms = [(s.position, f) for s in segments for f in s.checks if is_wrong_term(f)]
            open_checks = sum(1 for s in segments for f in s.checks if not is_wrong_term(f))
        if terms:
            listed = "; ".join(f"{_where(pos)}: {f['message']}" for pos, f in terms[:5])
            raise InputError(f"house terms in a wrong form ({listed}): fix them or apply the "
                             "glossary before approving")
        if open_checks and self.require_clean and not reason:
            raise InputError(f"{open_checks} open check(s): fix the paragraphs or give a "
                             "reason to override them")
        with self.db.session() as session:
            row = store_segments.get_row(session, doc_id, language)
            store_segments.approve(session, row, by, reason if open_checks else reason or None)
        return Approval(language, by, open_checks, reason or None)

    def publication_blockers(self, doc_id: int) -> list[str]:
        """Why the desk may not publish the document yet; empty when it may."""
        glossary = self.glossary()
        problems = []
        with self.db.session() as session:
            rows = session.scalars(select(TranslationRow).where(
                TranslationRow.document_id == doc_id, TranslationRow.status == "machine")
                .order_by(TranslationRow.language))
            for row in rows:
                lang = language_key(row.language)
                texts = [row.title, *(b["text"] for b in row.blocks or ())]
                wrong = [f for text in texts for f in term_findings(glossary, text, lang)]
                if wrong:
                    problems.append(f"{row.language}: house terms in a wrong form "
                                    f"({', '.join(f['message'] for f in wrong[:3])})")
                if self.require_approval and row.approved_at is None:
                    problems.append(f"{row.language}: the translation is not approved")
        return problems


def _languages(session: Session, row: TranslationRow) -> tuple[str, str]:
    doc = session.get(Document, row.document_id)
    return language_key(doc.language or "") if doc else "", language_key(row.language)


def _where(position: int) -> str:
    return "title" if position == 0 else f"paragraph {position}"


def _clean(text: str) -> str:
    """Form text: Windows line breaks and trailing spaces gone, paragraph kept in one piece."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()
