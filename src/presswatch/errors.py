"""The one exception tree of presswatch.

::

    PresswatchError
    ├── ConfigError            abort: the settings or a data file are wrong
    ├── TransientError         retry later: time-out, 5xx, a busy database
    ├── SourceError            record on the source/feed row and back off
    │   ├── FetchError         the page or feed could not be fetched
    │   │   ├── BlockedURLError    private address, robots.txt, bad scheme
    │   │   └── TooLargeError      body, time or redirect limit exceeded
    │   └── FeedError          the feed could not be parsed at all
    ├── InputError             bad input from a user: a file, a form, a CLI argument
    ├── TranslationError       an engine failed; the editor sees the reason
    │   └── NoEngineError      no engine covers the language pair
    └── AuthError              login failed or a CSRF token is wrong

Expected outcomes are values, not exceptions (``Rejected(reason=...)``).
"""

from __future__ import annotations


class PresswatchError(Exception):
    """Root of every error presswatch raises on purpose."""


class ConfigError(PresswatchError):
    """The settings or a data file are wrong; the caller aborts."""


class TransientError(PresswatchError):
    """A failure that may go away: retry with backoff."""


class SourceError(PresswatchError):
    """A source or feed misbehaves: record it on its row and back off."""


class FetchError(SourceError):
    """A URL could not be fetched."""

    def __init__(self, message: str, *, url: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class BlockedURLError(FetchError):
    """The URL is not allowed: private address, robots.txt, scheme."""


class TooLargeError(FetchError):
    """A body, time or redirect limit was exceeded."""


class FeedError(SourceError):
    """A feed could not be parsed at all."""


class InputError(PresswatchError):
    """Bad input from a user (file, form, argument)."""


class TranslationError(PresswatchError):
    """A translation engine failed."""


class NoEngineError(TranslationError):
    """No engine covers the language pair."""

    def __init__(self, source: str, target: str) -> None:
        super().__init__(f"no engine for {source}\u2192{target}")
        self.source = source
        self.target = target


class AuthError(PresswatchError):
    """Login failed or a CSRF token is wrong."""
