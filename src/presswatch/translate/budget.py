"""Per-engine character budgets: an engine that would go over its monthly budget is skipped.

Limits come from the setting ``mt_char_budgets`` (engine name or kind → characters per calendar
month, UTC); an engine without a limit is never skipped. Only characters actually sent count:
segments served from the cache are free.
"""

from __future__ import annotations

from collections.abc import Mapping

from presswatch.errors import TranslationError
from presswatch.translate.cache import SegmentCache, current_month
from presswatch.translate.engines import Engine


class CharBudget:
    """Checks and records the characters each engine is sent."""

    def __init__(self, limits: Mapping[str, int], counter: SegmentCache) -> None:
        self.limits = {str(key): int(value) for key, value in dict(limits).items()}
        self.counter = counter

    def limit_for(self, engine: Engine) -> int | None:
        if engine.name in self.limits:
            return self.limits[engine.name]
        return self.limits.get(engine.kind) if engine.kind else None

    def refusal(self, engine: Engine, chars: int) -> str:
        """Empty when ``engine`` may be sent ``chars`` more characters; else the note."""
        limit = self.limit_for(engine)
        if limit is None or chars <= 0:
            return ""
        month = current_month()
        used = self.counter.usage(engine.name, month)
        if used + chars <= limit:
            return ""
        return (f"budget exhausted for {engine.name}: {used} of {limit} characters used in "
                f"{month}, {chars} more needed")

    def spend(self, engine: Engine, chars: int) -> None:
        if chars > 0:
            self.counter.add_usage(engine.name, chars)

    def remaining(self, engine: Engine) -> int | None:
        limit = self.limit_for(engine)
        return None if limit is None else max(0, limit - self.counter.usage(engine.name))


class BudgetExhausted(TranslationError):
    """An engine would go over its character budget; the route is skipped."""
