"""Fingerprints for duplicates: an exact hash and a MinHash signature of an article's text.

The same article reached twice (a URL variant, a republished copy on another outlet) shares
its ``content_hash`` when the text is the same up to case, punctuation and spacing, and has a
MinHash ``similarity`` near 1 when a few lines differ (a credit line, an appended sentence).

Signatures are 128 MinHash values over word 5-shingles of the normalized text, with a fixed
seed, stored as 512 bytes (128 little-endian uint32). They stay comparable only while
NUM_PERM, SEED, SHINGLE_WORDS and the datasketch scheme stay the same.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np
from datasketch import MinHash

__all__ = ["content_hash", "minhash_signature", "normalize_text", "similarity"]

NUM_PERM = 128
SEED = 20240301
SHINGLE_WORDS = 5
_DTYPE = np.dtype("<u4")
_SPACES = re.compile(r"\s+")


def _drop_punctuation(text: str) -> str:
    return "".join(" " if unicodedata.category(ch)[0] in "PS" else ch for ch in text)


def normalize_text(text: str) -> str:
    """Casefolded, NFC, punctuation and symbols dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).casefold()
    return _SPACES.sub(" ", _drop_punctuation(text)).strip()


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalized text: equal for copies that differ only in form."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def _shingles(text: str) -> list[bytes]:
    words = normalize_text(text).split()
    if len(words) <= SHINGLE_WORDS:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
            for i in range(len(words) - SHINGLE_WORDS + 1)]


def minhash_signature(text: str) -> bytes:
    """The MinHash signature of the text's word 5-shingles, as 512 bytes."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")
    shingles = _shingles(text)
    if shingles:
        minhash.update_batch(shingles)
    return np.asarray(minhash.hashvalues, dtype=_DTYPE).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets (0.0 to 1.0)."""
    if not a or not b:
        return 0.0
    if len(a) != len(b):
        raise ValueError(f"signatures differ in size ({len(a)} and {len(b)} bytes)")
    left, right = np.frombuffer(a, dtype=_DTYPE), np.frombuffer(b, dtype=_DTYPE)
    return float(np.count_nonzero(left == right)) / len(left)
