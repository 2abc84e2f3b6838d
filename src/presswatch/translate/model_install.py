"""``presswatch models install NAME``: download and convert a model, or install a copy.

Known names: ``opus-mt-SRC-TGT`` (Helsinki-NLP OPUS-MT, one pair), ``nllb-200-distilled-600M``,
``nllb-200-distilled-1.3B``, ``nllb-200-1.3B``, ``nllb-200-3.3B`` (NLLB-200), ``m2m100_418M``,
``m2m100_1.2B`` (M2M-100) and ``madlad400-3b-mt`` (MADLAD-400). Downloading needs the internet
and ``transformers`` + ``torch`` for CTranslate2's converter; each is checked first and the
error says what is missing. Where there is no internet, a model converted elsewhere (the
output of ``ct2-transformers-converter`` plus the SentencePiece files) is installed with
``--from DIR``; the description ``presswatch-model.json`` is written for it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx

from presswatch.errors import PresswatchError
from presswatch.translate.ctranslate import DESCRIPTION, ModelDescription

NLLB_CODES = {
    "uk": "ukr_Cyrl", "ru": "rus_Cyrl", "en": "eng_Latn", "de": "deu_Latn", "pl": "pol_Latn",
    "fr": "fra_Latn", "es": "spa_Latn", "it": "ita_Latn", "cs": "ces_Latn", "be": "bel_Cyrl",
    "lt": "lit_Latn", "lv": "lvs_Latn", "et": "est_Latn", "ro": "ron_Latn", "hu": "hun_Latn",
    "sk": "slk_Latn", "bg": "bul_Cyrl", "tr": "tur_Latn", "nl": "nld_Latn", "fi": "fin_Latn",
}
_FIXED = {
    **{name: ("nllb", "sentencepiece.bpe.model") for name in (
        "nllb-200-distilled-600M", "nllb-200-distilled-1.3B", "nllb-200-1.3B", "nllb-200-3.3B")},
    "m2m100_418M": ("m2m", "sentencepiece.bpe.model"),
    "m2m100_1.2B": ("m2m", "sentencepiece.bpe.model"),
    "madlad400-3b-mt": ("madlad", "sentencepiece.model"),
}
_HUB_OWNER = {"nllb": "facebook", "m2m": "facebook", "madlad": "google"}
_OPUS = re.compile(r"^opus-mt-([a-z]{2})-([a-z]{2})$")


class ModelInstallError(PresswatchError):
    """A model could not be installed; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    name: str
    hub_id: str
    scheme: str
    spm_files: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...] = ()

    def description(self, languages: set[str]) -> dict[str, object]:
        data: dict[str, object] = {"name": self.name, "source": self.hub_id,
                                   "scheme": self.scheme, "source_spm": self.spm_files[0],
                                   "target_spm": self.spm_files[-1]}
        if self.pairs:
            data["pairs"] = [list(pair) for pair in self.pairs]
        elif self.scheme == "nllb":
            data["languages"] = {k: v for k, v in NLLB_CODES.items() if k in languages}
        else:
            data["languages"] = {lang: lang for lang in sorted(languages)}
        return data


def catalog_entry(name: str) -> CatalogEntry:
    """What ``name`` is; ``ModelInstallError`` lists the known names when it is unknown."""
    opus = _OPUS.match(name)
    if opus:
        return CatalogEntry(name, f"Helsinki-NLP/{name}", "none", ("source.spm", "target.spm"),
                            ((opus.group(1), opus.group(2)),))
    if name in _FIXED:
        scheme, spm = _FIXED[name]
        return CatalogEntry(name, f"{_HUB_OWNER[scheme]}/{name}", scheme, (spm,))
    known = ", ".join(["opus-mt-SRC-TGT", *_FIXED])
    raise ModelInstallError(f"unknown model {name!r}; known: {known}")


def hub_endpoint() -> str:
    return os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")


def hub_reachable(endpoint: str, timeout: float = 5.0) -> str:
    """Empty when ``endpoint`` answers; else the reason."""
    try:
        httpx.head(endpoint, timeout=timeout)
    except httpx.HTTPError as err:
        return str(err) or type(err).__name__
    return ""


def install_model(
    name: str,
    models_dir: Path,
    languages: set[str],
    *,
    from_dir: Path | None = None,
    quantization: str = "int8",
) -> Path:
    """Install ``name`` under ``models_dir`` and return its directory."""
    entry = catalog_entry(name)
    target = models_dir / name
    if from_dir is not None:
        return _install_copy(entry, Path(from_dir), target, languages)
    problem = hub_reachable(hub_endpoint())
    if problem:
        raise ModelInstallError(
            f"no network: cannot download {entry.hub_id} ({problem}); copy a converted model "
            f"into {target} or install one with --from DIR")
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
        from ctranslate2.converters import TransformersConverter
    except ImportError as err:
        raise ModelInstallError(
            f"converting {entry.hub_id} needs {err.name}: pip install 'presswatch[mt]' "
            "transformers torch") from err
    models_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=models_dir))
    try:
        converter = TransformersConverter(entry.hub_id, copy_files=list(entry.spm_files))
        converter.convert(str(work / "model"), quantization=quantization, force=True)
        _write_description(work / "model", entry, languages)
        _replace_dir(work / "model", target)
    except (OSError, ValueError, RuntimeError) as err:
        raise ModelInstallError(f"converting {entry.hub_id} failed: {err}") from err
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _install_copy(entry: CatalogEntry, source: Path, target: Path, languages: set[str]) -> Path:
    if not (source / "model.bin").is_file():
        raise ModelInstallError(f"{source} is not a converted CTranslate2 model (no model.bin)")
    missing = [f for f in entry.spm_files if not (source / f).is_file()]
    if missing and not (source / DESCRIPTION).is_file():
        raise ModelInstallError(f"{source} lacks {', '.join(missing)}")
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{entry.name}-", dir=target.parent))
    try:
        shutil.copytree(source, work / "model")
        if not (work / "model" / DESCRIPTION).is_file():
            _write_description(work / "model", entry, languages)
        description = ModelDescription.read(work / "model")
        absent = [f for f in (description.source_spm, description.target_spm)
                  if not (work / "model" / f).is_file()]
        if absent:
            raise ModelInstallError(f"{source} lacks {', '.join(absent)}")
        _replace_dir(work / "model", target)
    except OSError as err:
        raise ModelInstallError(f"cannot install {source} as {target}: {err}") from err
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _write_description(model_dir: Path, entry: CatalogEntry, languages: set[str]) -> None:
    text = json.dumps(entry.description(languages), indent=2, ensure_ascii=False)
    (model_dir / DESCRIPTION).write_text(text + "\n", encoding="utf-8")


def _replace_dir(new: Path, target: Path) -> None:
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
        new.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        new.rename(target)


def model_size(model_dir: Path) -> int:
    return sum(p.stat().st_size for p in model_dir.rglob("*") if p.is_file())
