"""The revision view shared by the public revision page and the desk: which two texts to
compare and their diff."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException

from presswatch.review.diff import TextDiff, diff_blocks
from presswatch.store.revisions import RevisionView


@dataclass(frozen=True, slots=True)
class Changes:
    """Revision ``shown.number`` compared with the one before it."""

    revisions: tuple[RevisionView, ...]
    previous: RevisionView
    shown: RevisionView
    diff: TextDiff


def changes(revisions: tuple[RevisionView, ...], rev: int | None) -> Changes | None:
    """The comparison for ``?rev=N`` (default: the latest revision); None with fewer than two
    revisions; 404 for a number that is not a later revision."""
    if len(revisions) < 2:
        if rev not in (None, 1):
            raise HTTPException(status_code=404)
        return None
    numbers = [r.number for r in revisions]
    wanted = numbers[-1] if rev is None else rev
    if wanted not in numbers[1:]:
        raise HTTPException(status_code=404)
    index = numbers.index(wanted)
    previous, shown = revisions[index - 1], revisions[index]
    diff = diff_blocks(previous.title, previous.blocks, shown.title, shown.blocks)
    return Changes(revisions, previous, shown, diff)
