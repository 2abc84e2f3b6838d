"""Editorial states: the allowed moves and the refusal of every other one."""

from __future__ import annotations

import itertools

import pytest

from presswatch.editorial import STATES, allowed_targets, check_transition
from presswatch.errors import InputError

ALLOWED = {
    ("new", "candidate"), ("new", "rejected"), ("candidate", "published"),
    ("candidate", "rejected"), ("published", "rejected"), ("rejected", "candidate"),
}


@pytest.mark.parametrize(("current", "target"), sorted(itertools.product(STATES, STATES)))
def test_only_the_documented_moves_are_allowed(current, target):
    if (current, target) in ALLOWED:
        check_transition(current, target)
    else:
        with pytest.raises(InputError, match=f"cannot move a {current} document to {target}"):
            check_transition(current, target)


def test_unknown_state_is_an_input_error():
    with pytest.raises(InputError, match="unknown state 'archived'"):
        check_transition("new", "archived")


def test_allowed_targets_in_display_order():
    assert allowed_targets("new") == ("candidate", "rejected")
    assert allowed_targets("published") == ("rejected",)
