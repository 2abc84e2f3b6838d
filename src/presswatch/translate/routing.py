"""Which engines exist, in which order, and the routes they give for a language pair.

``build_engines`` makes every engine presswatch knows from the settings (Apertium, one
CTranslate2 engine per installed model, DeepL, the OpenAI-compatible endpoint, LibreTranslate),
each with its time-out and retry settings, and orders them by ``mt_engines``: a list of engine
kinds or names, most preferred first; an engine matching no entry is left out.

Routes for source→target: first every engine that covers the pair, in that order; then, when
neither language is the pivot, every pair of engines source→pivot and pivot→target.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from presswatch.errors import NoEngineError
from presswatch.settings import Settings
from presswatch.translate.apertium import ApertiumEngine
from presswatch.translate.ctranslate import installed_engines
from presswatch.translate.deepl import DeepLEngine
from presswatch.translate.engines import Engine, Hop, Route
from presswatch.translate.glossary import Glossary
from presswatch.translate.libretranslate import LibreTranslateEngine
from presswatch.translate.openai_chat import OpenAIChatEngine

DEFAULT_ORDER = ("deepl", "openai", "ctranslate2", "libretranslate", "apertium")


def models_dir(settings: Settings) -> Path:
    configured = settings.models_dir
    return Path(configured) if configured else Path(settings.data_dir) / "models"


def engine_timeout(settings: Settings, name: str) -> float:
    timeouts = settings.mt_timeouts or {}
    return float(timeouts.get(name, settings.translate_timeout))


def _http_options(settings: Settings, name: str) -> dict[str, Any]:
    return {
        "timeout": engine_timeout(settings, name),
        "retries": int(settings.mt_retries),
        "backoff": float(settings.mt_backoff),
        "max_wait": float(settings.mt_max_retry_wait),
    }


def _ct2_options(settings: Settings) -> dict[str, Any]:
    return {
        "device": str(settings.mt_device),
        "compute_type": str(settings.mt_compute_type),
        "beam_size": int(settings.mt_beam_size),
        "batch_size": int(settings.mt_batch_size),
        "max_decoding_length": int(settings.mt_max_decoding_length),
        "threads": int(settings.mt_threads),
    }


def build_engines(
    settings: Settings, glossary: Callable[[], Glossary] | None = None
) -> list[Engine]:
    engines: list[Engine] = [
        ApertiumEngine(settings, timeout=engine_timeout(settings, "apertium")),
        *installed_engines(models_dir(settings), **_ct2_options(settings)),
        DeepLEngine.from_settings(settings, **_http_options(settings, "deepl")),
        OpenAIChatEngine.from_settings(settings, glossary, **_http_options(settings, "openai")),
        LibreTranslateEngine.from_settings(settings,
                                           **_http_options(settings, "libretranslate")),
    ]
    order = tuple(settings.mt_engines or DEFAULT_ORDER)
    return order_engines(engines, order)


def order_engines(engines: list[Engine], order: tuple[str, ...]) -> list[Engine]:
    """``engines`` sorted by the first entry of ``order`` naming them (name before kind)."""
    def rank(engine: Engine) -> int | None:
        if engine.name in order:
            return order.index(engine.name)
        if engine.kind in order:
            return order.index(engine.kind)
        return None

    ranked = [(rank(e), i, e) for i, e in enumerate(engines)]
    return [e for r, _i, e in sorted((x for x in ranked if x[0] is not None),
                                     key=lambda x: (x[0], x[1]))]


def all_routes(
    engines: list[Engine], source: str, target: str, pivot: str, *, every: bool = False
) -> list[Route]:
    """Direct routes, then pivot routes; a pivot through an engine that covers the pair
    directly (which failed or was preferred already) only with ``every``."""
    direct = [e for e in engines if e.covers(source, target)]
    routes = [Route((Hop(e, source, target),)) for e in direct]
    if pivot and pivot not in (source, target):
        firsts = [e for e in engines if e.covers(source, pivot) and (every or e not in direct)]
        seconds = [e for e in engines if e.covers(pivot, target) and (every or e not in direct)]
        routes += [Route((Hop(a, source, pivot), Hop(b, pivot, target)))
                   for a in firsts for b in seconds]
    return routes


def pivot_pairs(direct: set[tuple[str, str]], pivot: str) -> set[tuple[str, str]]:
    if not pivot:
        return set()
    into = {s for s, t in direct if t == pivot}
    out_of = {t for s, t in direct if s == pivot}
    return {(s, t) for s in into for t in out_of if s != t}


def named_routes(
    engines: list[Engine], source: str, target: str, name: str, pivot: str
) -> list[Route]:
    """The routes called ``name`` ("a" or "a+b"), else those through engine ``name``."""
    parts = name.split("+")
    known = {e.name: e for e in engines}
    unknown = [part for part in parts if part not in known]
    if unknown:
        listed = ", ".join(known) or "none"
        raise _no_engine(source, target, f"no engine named {unknown[0]!r} (known: {listed})")
    for part in parts:
        if not known[part].available():
            raise _no_engine(source, target, f"engine {part} is not available: "
                             f"{known[part].unavailable_reason()}")
    routes = all_routes(engines, source, target, pivot, every=True)
    chosen = [r for r in routes if r.name == name]
    if not chosen and len(parts) == 1:
        chosen = [r for r in routes if r.uses(name)]
    if not chosen:
        raise _no_engine(source, target, f"engine {name} has no {source}\u2192{target}")
    return chosen


def _no_engine(source: str, target: str, detail: str) -> NoEngineError:
    err = NoEngineError(source, target)
    err.args = (detail,)
    return err
