"""CTranslate2 models (OPUS-MT, NLLB-200, M2M-100, MADLAD-400) as engines, one per model.

An installed model is a directory under ``models_dir`` (``<data_dir>/models`` by default)
holding what ``ct2-transformers-converter`` writes (``model.bin``, the vocabulary), the
SentencePiece models and ``presswatch-model.json``::

    {"name": "nllb-200-distilled-600M", "source": "facebook/nllb-200-distilled-600M",
     "scheme": "nllb", "languages": {"uk": "ukr_Cyrl", "de": "deu_Latn", ...},
     "source_spm": "sentencepiece.bpe.model", "target_spm": "sentencepiece.bpe.model"}

``pairs`` lists the (source, target) pairs; without it every pair of ``languages`` is covered.
``scheme`` is how languages are marked: ``none`` (OPUS-MT, one pair per model), ``m2m``
(``__de__`` before the source, ``__uk__`` as the target prefix), ``nllb`` (``deu_Latn`` before
the source, ``ukr_Cyrl`` as the target prefix), ``madlad`` (``<2uk>`` before the source) and
``opus-target`` (``>>ukr<<`` before the source, for multi-target OPUS-MT models).

Translating: each segment is split into lines and sentences, every sentence is encoded with
SentencePiece (a sentence longer than ``max_input_tokens`` is cut into pieces at word starts),
all of them go through one ``translate_batch`` call (``batch_size`` sentences at a time), and
the outputs are decoded and put back in place, with the spaces and line breaks of the source.
``ctranslate2`` and ``sentencepiece`` are the optional extra ``mt``; without them every
installed model is listed as unavailable, with the reason.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presswatch.errors import TranslationError
from presswatch.translate.engines import Engine, all_pairs
from presswatch.translate.sentence_split import sentence_spans

DESCRIPTION = "presswatch-model.json"
SCHEMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "none": ((), ()),
    "m2m": (("__{source}__",), ("__{target}__",)),
    "nllb": (("{source}",), ("{target}",)),
    "madlad": (("<2{target}>",), ()),
    "opus-target": ((">>{target}<<",), ()),
}
EOS = "</s>"


def missing_runtime() -> str:
    """Empty when ctranslate2 and sentencepiece import; else what to install."""
    try:
        import ctranslate2  # noqa: F401
        import sentencepiece  # noqa: F401
    except ImportError as err:
        return f"{err.name} is not installed (pip install 'presswatch[mt]')"
    return ""


@dataclass(frozen=True, slots=True)
class ModelDescription:
    """What ``presswatch-model.json`` says about an installed model."""

    name: str
    scheme: str
    pairs: frozenset[tuple[str, str]]
    languages: dict[str, str] = field(default_factory=dict)
    source: str = ""
    source_spm: str = "source.spm"
    target_spm: str = "target.spm"

    @classmethod
    def read(cls, model_dir: Path) -> ModelDescription:
        """The description of ``model_dir``; ``TranslationError`` says what is wrong."""
        path = model_dir / DESCRIPTION
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as err:
            raise TranslationError(f"cannot read {path}: {err}") from err
        if not isinstance(data, dict):
            raise TranslationError(f"{path}: not a JSON object")
        scheme = str(data.get("scheme", "none"))
        if scheme not in SCHEMES:
            raise TranslationError(f"{path}: unknown scheme {scheme!r}")
        languages = {str(k): str(v) for k, v in dict(data.get("languages") or {}).items()}
        try:
            pairs = frozenset((str(s), str(t)) for s, t in data.get("pairs") or ())
        except (TypeError, ValueError) as err:
            raise TranslationError(f"{path}: pairs must be [source, target] lists") from err
        if not pairs:
            pairs = frozenset(all_pairs(set(languages)))
        if not pairs:
            raise TranslationError(f"{path}: no pairs and no languages")
        return cls(
            name=str(data.get("name") or model_dir.name), scheme=scheme, pairs=pairs,
            languages=languages, source=str(data.get("source", "")),
            source_spm=str(data.get("source_spm", "source.spm")),
            target_spm=str(data.get("target_spm", data.get("source_spm", "target.spm"))),
        )

    def tokens(self, source: str, target: str) -> tuple[list[str], list[str]]:
        """The tokens before the source and the target prefix for this pair."""
        names = {"source": self.languages.get(source, source),
                 "target": self.languages.get(target, target)}
        before, prefix = SCHEMES[self.scheme]
        return [t.format(**names) for t in before], [t.format(**names) for t in prefix]


class CTranslate2Engine(Engine):
    """One converted model; the model and the SentencePiece processors load on first use."""

    kind = "ctranslate2"

    def __init__(
        self,
        model_dir: Path,
        *,
        device: str = "auto",
        compute_type: str = "default",
        beam_size: int = 4,
        batch_size: int = 16,
        max_decoding_length: int = 256,
        max_input_tokens: int = 400,
        threads: int = 0,
    ) -> None:
        self.model_dir = Path(model_dir)
        self.name = self.model_dir.name
        self.options = {"device": device, "compute_type": compute_type, "threads": threads}
        self.beam_size = beam_size
        self.batch_size = batch_size
        self.max_decoding_length = max_decoding_length
        self.max_input_tokens = max(8, max_input_tokens)
        self._lock = threading.Lock()
        self._loaded: tuple[Any, Any, Any] | None = None
        self._description: ModelDescription | None = None
        self._reason: str | None = None

    # -- what the model is ----------------------------------------------------------------

    @property
    def description(self) -> ModelDescription:
        if self._description is None:
            self._description = ModelDescription.read(self.model_dir)
        return self._description

    @property
    def model(self) -> str:
        try:
            stamp = int((self.model_dir / "model.bin").stat().st_mtime)
        except OSError:
            stamp = 0
        return f"{self.description.source or self.name}@{stamp}"

    def unavailable_reason(self) -> str:
        if self._reason is None:
            self._reason = missing_runtime() or self._missing_files()
        return self._reason

    def _missing_files(self) -> str:
        try:
            description = self.description
        except TranslationError as err:
            return str(err)
        for name in ("model.bin", description.source_spm, description.target_spm):
            if not (self.model_dir / name).is_file():
                return f"{name} missing in {self.model_dir}"
        return ""

    def pairs(self) -> set[tuple[str, str]]:
        return set(self.description.pairs) if not self.unavailable_reason() else set()

    # -- translation ----------------------------------------------------------------------

    def load(self) -> tuple[Any, Any, Any]:
        """The ``ctranslate2.Translator`` and the source and target SentencePiece models."""
        with self._lock:
            if self._loaded is None:
                self._loaded = self._load()
            return self._loaded

    def _load(self) -> tuple[Any, Any, Any]:
        reason = self.unavailable_reason()
        if reason:
            raise TranslationError(reason)
        import ctranslate2
        import sentencepiece

        description = self.description
        try:
            translator = ctranslate2.Translator(
                str(self.model_dir), device=self.options["device"],
                compute_type=self.options["compute_type"],
                intra_threads=int(self.options["threads"]))
            source = sentencepiece.SentencePieceProcessor(
                model_file=str(self.model_dir / description.source_spm))
            target = sentencepiece.SentencePieceProcessor(
                model_file=str(self.model_dir / description.target_spm))
        except (RuntimeError, ValueError, OSError) as err:
            raise TranslationError(f"cannot load {self.model_dir}: {err}") from err
        return translator, source, target

    def translate_segments(self, segments: list[str], source: str, target: str) -> list[str]:
        if (source, target) not in self.description.pairs:
            raise TranslationError(f"model {self.name} has no {source}\u2192{target}")
        pieces = [_Piece.split(segment, source) for segment in segments]
        sentences = [text for piece in pieces for text in piece.sentences]
        outputs = iter(self.translate_sentences(sentences, source, target))
        return [piece.join([next(outputs) for _ in piece.sentences]) for piece in pieces]

    def translate_sentences(self, sentences: list[str], source: str, target: str) -> list[str]:
        """One translation per sentence (each sentence is one line without breaks)."""
        if not sentences:
            return []
        translator, source_spm, target_spm = self.load()
        before, prefix = self.description.tokens(source, target)
        chunks: list[list[str]] = []
        owner: list[int] = []
        for index, sentence in enumerate(sentences):
            for chunk in _cut(source_spm.encode(sentence, out_type=str),
                              self.max_input_tokens - len(before) - 1):
                chunks.append([*before, *chunk, EOS])
                owner.append(index)
        try:
            results = translator.translate_batch(
                chunks, target_prefix=[prefix] * len(chunks) if prefix else None,
                beam_size=self.beam_size, max_batch_size=self.batch_size,
                max_decoding_length=self.max_decoding_length + len(prefix),
                max_input_length=self.max_input_tokens, return_scores=False)
        except (RuntimeError, ValueError) as err:
            raise TranslationError(f"translation failed: {err}") from err
        out: list[list[str]] = [[] for _ in sentences]
        for index, result in zip(owner, results, strict=True):
            tokens = list(result.hypotheses[0])[len(prefix):]
            out[index].append(target_spm.decode([t for t in tokens if t != EOS]))
        return [" ".join(part for part in parts if part) for parts in out]


@dataclass(slots=True)
class _Piece:
    """One segment cut into sentences, with the text around them kept for the rejoin."""

    gaps: list[str]
    sentences: list[str]

    @classmethod
    def split(cls, segment: str, lang: str) -> _Piece:
        gaps, sentences, gap = [], [], ""
        lines = segment.replace("\r\n", "\n").split("\n")
        for number, line in enumerate(lines):
            pos = 0
            for start, end in sentence_spans(line, lang):
                gaps.append(gap + line[pos:start])
                sentences.append(line[start:end])
                gap, pos = "", end
            gap += line[pos:] + ("\n" if number < len(lines) - 1 else "")
        gaps.append(gap)
        return cls(gaps, sentences)

    def join(self, translated: list[str]) -> str:
        parts = [self.gaps[0]]
        for text, gap in zip(translated, self.gaps[1:], strict=True):
            parts += [text, gap]
        return "".join(parts)


def _cut(tokens: list[str], limit: int) -> list[list[str]]:
    """``tokens`` in pieces of at most ``limit``, cut before a word start where possible."""
    limit = max(1, limit)
    pieces: list[list[str]] = []
    while len(tokens) > limit:
        cut = max((i for i in range(1, limit + 1) if tokens[i].startswith("\u2581")),
                  default=limit)
        pieces.append(tokens[:cut])
        tokens = tokens[cut:]
    if tokens or not pieces:
        pieces.append(tokens)
    return pieces


def installed_engines(models_dir: Path, **options: Any) -> list[CTranslate2Engine]:
    """One engine per model directory (one with ``presswatch-model.json``), by name."""
    if not models_dir.is_dir():
        return []
    return [
        CTranslate2Engine(path, **options)
        for path in sorted(models_dir.iterdir())
        if (path / DESCRIPTION).is_file()
    ]
