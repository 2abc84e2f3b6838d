"""The translation cache and the engines' character counts, in a SQLite file of their own.

``SegmentCache`` keeps every engine output keyed by (engine, model, source, target, segment), so
translating the same text again costs nothing and calls no engine. The same file counts the
characters each engine was sent per calendar month (UTC), for the character budgets.

The file (``<data_dir>/mt-cache.db`` by default) is created on first use; several worker
threads and processes may share it (WAL journal, a busy time-out).
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from presswatch.errors import TranslationError

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS segment ("
    " key TEXT PRIMARY KEY, engine TEXT NOT NULL, model TEXT NOT NULL, source TEXT NOT NULL,"
    " target TEXT NOT NULL, output TEXT NOT NULL, created TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS usage ("
    " engine TEXT NOT NULL, month TEXT NOT NULL, chars INTEGER NOT NULL,"
    " PRIMARY KEY (engine, month))",
)
_CHUNK = 400  # SQLite host parameters per query stay well under the limit


def segment_key(engine: str, model: str, source: str, target: str, segment: str) -> str:
    raw = "\x1f".join((engine, model, source, target, segment)).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


def current_month(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y-%m")


class SegmentCache:
    """Engine outputs and character counts in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._ready = False

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            if not self._ready:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30)
        except (OSError, sqlite3.Error) as err:
            raise TranslationError(f"cannot open the translation cache {self.path}: {err}") \
                from err
        try:
            with self._lock:
                if not self._ready:
                    conn.execute("PRAGMA journal_mode=WAL")
                    for statement in _SCHEMA:
                        conn.execute(statement)
                    self._ready = True
            with conn:
                yield conn
        except sqlite3.Error as err:
            raise TranslationError(f"translation cache {self.path}: {err}") from err
        finally:
            conn.close()

    def get_many(
        self, engine: str, model: str, source: str, target: str, segments: list[str]
    ) -> dict[int, str]:
        """The cached outputs, by the index of their segment in ``segments``."""
        keys = [segment_key(engine, model, source, target, s) for s in segments]
        found: dict[str, str] = {}
        with self._connect() as conn:
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    f"SELECT key, output FROM segment WHERE key IN ({marks})", chunk)
                found.update(rows.fetchall())
        return {i: found[key] for i, key in enumerate(keys) if key in found}

    def put_many(
        self, engine: str, model: str, source: str, target: str,
        pairs: list[tuple[str, str]],
    ) -> None:
        """Store (segment, output) pairs."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        rows = [
            (segment_key(engine, model, source, target, seg), engine, model, source, target,
             out, now)
            for seg, out in pairs
        ]
        with self._connect() as conn:
            conn.executemany("INSERT OR REPLACE INTO segment VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def count(self) -> int:
        with self._connect() as conn:
            return int(conn.execute("SELECT count(*) FROM segment").fetchone()[0])

    def add_usage(self, engine: str, chars: int, month: str | None = None) -> None:
        with self._connect() as conn:
            conn.execute(
                "INSERT INTO usage VALUES (?, ?, ?) ON CONFLICT(engine, month)"
                " DO UPDATE SET chars = chars + excluded.chars",
                (engine, month or current_month(), chars),
            )

    def usage(self, engine: str, month: str | None = None) -> int:
        with self._connect() as conn:
            row = conn.execute("SELECT chars FROM usage WHERE engine = ? AND month = ?",
                               (engine, month or current_month())).fetchone()
        return int(row[0]) if row else 0
