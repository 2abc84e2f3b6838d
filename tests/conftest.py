"""Suite-wide configuration. Shared helpers live in ``tests/support.py``."""

from __future__ import annotations

import os

from hypothesis import settings

# CI runs the property tests on a fixed example sequence, so a run is repeatable; locally they
# explore new examples each time (a failure prints the example to keep as a regular test).
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
