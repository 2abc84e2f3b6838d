"""The translation service: picks an engine per language pair and applies the house glossary.

``Translator.translate_article`` never fails and never copies silently: the result is
``original`` (same language, text untouched), ``machine`` (engine output with the glossary
applied to every segment and the title) or ``untranslated`` (the original, with a note such as
"no engine for de→uk" or "apertium failed: <reason>" for the editor and the page).
"""

from __future__ import annotations

import logging
import re
from functools import cached_property

from presswatch.errors import NoEngineError, TranslationError
from presswatch.models import Block, Translation
from presswatch.settings import Settings
from presswatch.translate.apertium import ApertiumEngine
from presswatch.translate.engines import Engine
from presswatch.translate.glossary import Glossary

log = logging.getLogger(__name__)

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def language_key(code: str) -> str:
    """The primary subtag of a BCP-47 code, lower case: "uk-UA" → "uk"."""
    return code.strip().split("-")[0].split("_")[0].lower()


def default_engines(settings: Settings) -> list[Engine]:
    """The engines presswatch knows, in order of preference; none starts a process here."""
    return [ApertiumEngine(settings)]


class Translator:
    """Translate articles and texts between languages; cheap to build, engines start lazily."""

    def __init__(
        self,
        settings: Settings,
        engines: list[Engine] | None = None,
        glossary: Glossary | None = None,
    ) -> None:
        self.settings = settings
        self._engines = engines
        self._glossary = glossary

    @cached_property
    def engines(self) -> list[Engine]:
        return list(self._engines) if self._engines is not None else default_engines(
            self.settings)

    @property
    def glossary(self) -> Glossary:
        if self._glossary is None:
            self._glossary = Glossary.load(self.settings.glossary_file)
        return self._glossary

    def available_pairs(self) -> set[tuple[str, str]]:
        return {pair for engine in self.engines if engine.available() for pair in engine.pairs()}

    def engine_for(self, source: str, target: str, name: str | None = None) -> Engine:
        """The first engine that covers the pair (or the one called ``name``)."""
        source, target = language_key(source), language_key(target)
        if name is not None:
            engine = next((e for e in self.engines if e.name == name), None)
            if engine is None:
                known = ", ".join(e.name for e in self.engines) or "none"
                raise _no_engine(source, target, f"no engine named {name!r} (known: {known})")
            if not engine.available():
                raise _no_engine(source, target,
                                 f"engine {name} is not available: {engine.unavailable_reason()}")
            if (source, target) not in engine.pairs():
                raise _no_engine(source, target, f"engine {name} has no {source}→{target}")
            return engine
        for engine in self.engines:
            if engine.covers(source, target):
                return engine
        raise NoEngineError(source, target)

    def translate_segments(
        self, segments: list[str], source: str, target: str, engine: Engine
    ) -> list[str]:
        """Engine output for ``segments`` with the glossary applied; ``TranslationError``
        names the engine that failed."""
        source, target = language_key(source), language_key(target)
        sent = segments
        if engine.copies_unknown_words:
            sent = [self.glossary.inject_terms(s, source, target) for s in segments]
        try:
            out = engine.translate_segments(sent, source, target)
        except TranslationError as err:
            raise TranslationError(f"{engine.name} failed: {err}") from err
        if len(out) != len(segments):
            raise TranslationError(
                f"{engine.name} failed: {len(out)} segments back for {len(segments)}")
        return [self.glossary.apply(text, target) for text in out]

    def translate_article(
        self, title: str, blocks: tuple[Block, ...], source: str, target: str
    ) -> Translation:
        """The article in ``target``: original, machine translation or marked untranslated."""
        src, dst = language_key(source), language_key(target)
        blocks = tuple(blocks)
        if src == dst:
            return Translation(language=target, title=title, blocks=blocks, status="original",
                               source_language=source)
        try:
            engine = self.engine_for(src, dst)
        except NoEngineError as err:
            return _untranslated(title, blocks, source, target, str(err))
        segments = [title, *(block.text for block in blocks)]
        try:
            out = self.translate_segments(segments, src, dst, engine)
        except TranslationError as err:
            log.warning("translation failed: %s", err, extra={"stage": "translate"})
            return _untranslated(title, blocks, source, target, str(err))
        translated = tuple(
            Block(kind=block.kind, text=text) for block, text in zip(blocks, out[1:], strict=True)
        )
        return Translation(language=target, title=out[0], blocks=translated, status="machine",
                           engine=engine.name, source_language=source)

    def translate_text(
        self, text: str, source: str, target: str, engine: str | None = None
    ) -> str:
        """Plain text, paragraphs split on blank lines, each translated as one segment."""
        src, dst = language_key(source), language_key(target)
        if src == dst and engine is None:
            return text
        chosen = self.engine_for(src, dst, engine)
        paragraphs = [p for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]
        if not paragraphs:
            return ""
        return "\n\n".join(self.translate_segments(paragraphs, src, dst, chosen))


def _untranslated(
    title: str, blocks: tuple[Block, ...], source: str, target: str, note: str
) -> Translation:
    return Translation(language=target, title=title, blocks=blocks, status="untranslated",
                       note=note, source_language=source)


def _no_engine(source: str, target: str, detail: str) -> NoEngineError:
    err = NoEngineError(source, target)
    err.args = (detail,)
    return err
