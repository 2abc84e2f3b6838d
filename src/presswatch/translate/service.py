"""The translation service: picks a route per language pair and applies the house glossary.

``Translator.translate_article`` never fails and never copies silently: the result is
``original`` (same language, text untouched), ``machine`` (engine output with the glossary
applied to every segment and the title) or ``untranslated`` (the original, with a note such as
"no engine for de→uk", "apertium failed: <reason>" or "budget exhausted for deepl: ...").

A route is one engine that covers the pair or, where none does, two engines through the pivot
language (English): de→en→uk through ``opus-mt-de-en+opus-mt-en-uk``. Routes are tried in the
order of preference of ``mt_engines``; a route that fails or is over its budget gives way to the
next, and the note lists every reason. Engine outputs are cached (see ``cache``), so a segment
already translated by an engine costs nothing and counts against no budget.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

from presswatch.errors import NoEngineError, TranslationError
from presswatch.models import Block, Translation
from presswatch.settings import Settings
from presswatch.translate import routing
from presswatch.translate.budget import BudgetExhausted, CharBudget
from presswatch.translate.cache import SegmentCache
from presswatch.translate.conventions import apply_conventions
from presswatch.translate.engines import Engine, Hop, Route
from presswatch.translate.glossary import Glossary

if TYPE_CHECKING:
    from presswatch.translate.house_glossary import DatabaseTerms
    from presswatch.translate.memory import DatabaseMemory

log = logging.getLogger(__name__)

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
CACHE_FILE = "mt-cache.db"


def language_key(code: str) -> str:
    """The primary subtag of a BCP-47 code, lower case: "uk-UA" → "uk"."""
    return code.strip().split("-")[0].split("_")[0].lower()


def default_engines(
    settings: Settings, glossary: Callable[[], Glossary] | None = None
) -> list[Engine]:
    """The engines presswatch knows, in order of preference; none starts a process here."""
    return routing.build_engines(settings, glossary)


class Translator:
    """Translate articles and texts between languages; cheap to build, engines start lazily."""

    def __init__(
        self,
        settings: Settings,
        engines: list[Engine] | None = None,
        glossary: Glossary | None = None,
        *,
        memory: DatabaseMemory | None = None,
        house_terms: DatabaseTerms | None = None,
    ) -> None:
        self.settings = settings
        self._engines = engines
        self._glossary = glossary
        # translation memory (matches used before any engine runs) and the desk's glossary
        # terms (merged over the file); see presswatch.translate.memory / house_glossary
        self.memory = memory
        self.house_terms = house_terms
        self.pivot = str(settings.mt_pivot_language or "")
        self.use_cache = bool(settings.mt_cache)

    @cached_property
    def engines(self) -> list[Engine]:
        if self._engines is not None:
            return list(self._engines)
        return default_engines(self.settings, lambda: self.glossary)

    @property
    def glossary(self) -> Glossary:
        if self._glossary is None:
            self._glossary = Glossary.load(self.settings.glossary_file)
        if self.house_terms is not None:
            return self.house_terms.glossary(self._glossary)
        return self._glossary

    @cached_property
    def cache(self) -> SegmentCache:
        """The cache file; also holds the characters each engine was sent this month."""
        path = self.settings.mt_cache_file
        return SegmentCache(Path(path) if path else Path(self.settings.data_dir) / CACHE_FILE)

    @cached_property
    def budget(self) -> CharBudget:
        return CharBudget(self.settings.mt_char_budgets or {}, self.cache)

    def close(self) -> None:
        for engine in self.__dict__.get("engines", ()):
            engine.close()

    def available_pairs(self) -> set[tuple[str, str]]:
        """Pairs some route covers: one engine, or two through the pivot language."""
        direct = {pair for e in self.engines if e.available() for pair in e.pairs()}
        return direct | routing.pivot_pairs(direct, self.pivot)

    def routes(self, source: str, target: str, name: str | None = None) -> list[Route]:
        """The routes for a pair in order of preference (only those using ``name``, if given);
        ``NoEngineError`` when there is none."""
        source, target = language_key(source), language_key(target)
        if name is not None:
            return routing.named_routes(self.engines, source, target, name, self.pivot)
        found = routing.all_routes(self.engines, source, target, self.pivot)
        if not found:
            raise NoEngineError(source, target)
        return found

    def engine_for(self, source: str, target: str, name: str | None = None) -> Engine:
        """The engine of the first one-engine route for the pair (or the one called ``name``)."""
        for route in self.routes(source, target, name):
            if len(route.hops) == 1:
                return route.hops[0].engine
        raise NoEngineError(language_key(source), language_key(target))

    def translate_segments(
        self, segments: list[str], source: str, target: str, engine: Engine | Route
    ) -> list[str]:
        """Output for ``segments`` through one engine or route, with the glossary applied after
        each step; ``TranslationError`` names the engine that failed."""
        source, target = language_key(source), language_key(target)
        route = engine if isinstance(engine, Route) else Route((Hop(engine, source, target),))
        out, _cached = self._run_route(route, list(segments))
        return out

    def _run_route(self, route: Route, segments: list[str]) -> tuple[list[str], int]:
        cached = 0
        for hop in route.hops:
            segments, hits = self._run_hop(hop, segments)
            cached += hits
        return segments, cached

    def _run_hop(self, hop: Hop, segments: list[str]) -> tuple[list[str], int]:
        """One engine call for the segments the cache does not have; blank ones stay."""
        engine, source, target = hop.engine, hop.source, hop.target
        sent = segments
        if engine.copies_unknown_words:
            glossary = self.glossary
            sent = [glossary.inject_terms(s, source, target) for s in segments]
        found = (self.cache.get_many(engine.name, engine.model, source, target, sent)
                 if self.use_cache else {})
        todo = [i for i, s in enumerate(sent) if s.strip() and i not in found]
        out = [found.get(i, s) for i, s in enumerate(sent)]
        if todo:
            chars = sum(len(sent[i]) for i in todo)
            refusal = self.budget.refusal(engine, chars)
            if refusal:
                raise BudgetExhausted(refusal)
            try:
                fresh = engine.translate_segments([sent[i] for i in todo], source, target)
            except TranslationError as err:
                raise TranslationError(f"{engine.name} failed: {err}") from err
            if len(fresh) != len(todo):
                raise TranslationError(
                    f"{engine.name} failed: {len(fresh)} segments back for {len(todo)}")
            self.budget.spend(engine, chars)
            for i, text in zip(todo, fresh, strict=True):
                out[i] = text
            if self.use_cache:
                self.cache.put_many(engine.name, engine.model, source, target,
                                    [(sent[i], out[i]) for i in todo])
        glossary = self.glossary
        return [
            apply_conventions(glossary.apply(text, target), target,
                              source_text=original, source_lang=source)
            for text, original in zip(out, segments, strict=True)
        ], len(found)

    def translate_article(
        self, title: str, blocks: tuple[Block, ...], source: str, target: str, *,
        use_memory: bool = True,
    ) -> Translation:
        """The article in ``target``: original, machine translation or marked untranslated."""
        src, dst = language_key(source), language_key(target)
        blocks = tuple(blocks)
        if src == dst:
            return Translation(language=target, title=title, blocks=blocks, status="original",
                               source_language=source)
        if use_memory and self.memory is not None:
            return self.memory.translate_article(
                partial(self.translate_article, use_memory=False), title, blocks, source, target)
        try:
            routes = self.routes(src, dst)
        except NoEngineError as err:
            return _untranslated(title, blocks, source, target, str(err))
        segments = [title, *(block.text for block in blocks)]
        notes: list[str] = []
        for route in routes:
            try:
                out, cached = self._run_route(route, segments)
            except TranslationError as err:
                log.warning("translation failed: %s", err, extra={"stage": "translate"})
                notes.append(str(err))
                continue
            translated = tuple(Block(kind=block.kind, text=text)
                               for block, text in zip(blocks, out[1:], strict=True))
            extra = {"path": route.path, "cached": f"{cached}/{len(segments) * len(route.hops)}"}
            return Translation(language=target, title=out[0], blocks=translated,
                               status="machine", engine=route.name, source_language=source,
                               note="; ".join(notes), extra=extra)
        return _untranslated(title, blocks, source, target, "; ".join(notes))

    def translate_text(
        self, text: str, source: str, target: str, engine: str | None = None
    ) -> str:
        """Plain text, paragraphs split on blank lines, each translated as one segment."""
        src, dst = language_key(source), language_key(target)
        if src == dst and engine is None:
            return text
        routes = self.routes(src, dst, engine)
        paragraphs = [p for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]
        if not paragraphs:
            return ""
        problems: list[str] = []
        for route in routes:
            try:
                return "\n\n".join(self._run_route(route, paragraphs)[0])
            except TranslationError as err:
                problems.append(str(err))
        raise TranslationError("; ".join(problems))


def _untranslated(
    title: str, blocks: tuple[Block, ...], source: str, target: str, note: str
) -> Translation:
    return Translation(language=target, title=title, blocks=blocks, status="untranslated",
                       note=note, source_language=source)
