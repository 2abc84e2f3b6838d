"""The editorial states of a document and the moves allowed between them.

::

    new ──► candidate ──► published
     │          ▲  │          │
     │          │  ▼          │ (unpublish)
     └──────► rejected ◄──────┘
"""

from __future__ import annotations

from presswatch.errors import InputError

NEW = "new"
CANDIDATE = "candidate"
PUBLISHED = "published"
REJECTED = "rejected"
STATES = (NEW, CANDIDATE, PUBLISHED, REJECTED)

TRANSITIONS: dict[str, frozenset[str]] = {
    NEW: frozenset({CANDIDATE, REJECTED}),
    CANDIDATE: frozenset({PUBLISHED, REJECTED}),
    PUBLISHED: frozenset({REJECTED}),
    REJECTED: frozenset({CANDIDATE}),
}


def allowed_targets(current: str) -> tuple[str, ...]:
    """The states a document in ``current`` may move to, in display order."""
    targets = TRANSITIONS.get(current, frozenset())
    return tuple(state for state in STATES if state in targets)


def check_transition(current: str, target: str) -> None:
    """Raise ``InputError`` unless ``current -> target`` is an allowed move."""
    if target not in STATES:
        raise InputError(f"unknown state {target!r}; expected one of {', '.join(STATES)}")
    if target not in TRANSITIONS.get(current, frozenset()):
        allowed = ", ".join(allowed_targets(current)) or "none"
        raise InputError(f"cannot move a {current} document to {target} (allowed: {allowed})")
