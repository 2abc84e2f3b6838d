"""The engine interface: a translation engine turns a list of segments into as many segments.

A segment is the text of one block (a heading, paragraph, quote or list item), so the structure
of an article survives translation by construction: the service sends the blocks' texts and puts
each output back into a block of the same kind.

A ``Route`` is how one language pair gets translated: one engine (``apertium``) or two engines
through a pivot language (``opus-mt-de-en+opus-mt-en-uk`` for de→en→uk).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass


class Engine(ABC):
    """One machine-translation engine.

    ``kind`` names the implementation (``apertium``, ``ctranslate2``, ``deepl``, ...), ``name``
    this engine (for CTranslate2, the installed model: ``opus-mt-de-en``); ``model`` is what the
    translation cache keys on besides the name (a model version, a remote model id).

    ``copies_unknown_words`` is True for engines that leave a word they do not know unchanged
    (rule-based engines such as Apertium): the service then writes the house form of each
    glossary term in the target language into the source before translating.
    """

    name: str = ""
    kind: str = ""
    copies_unknown_words: bool = False

    @property
    def model(self) -> str:
        return ""

    @abstractmethod
    def pairs(self) -> set[tuple[str, str]]:
        """The (source, target) pairs this engine can translate on this machine now."""

    @abstractmethod
    def unavailable_reason(self) -> str:
        """Empty when the engine can run; otherwise why not (binary or data missing, ...)."""

    def available(self) -> bool:
        return not self.unavailable_reason()

    def covers(self, source: str, target: str) -> bool:
        return self.available() and (source, target) in self.pairs()

    @abstractmethod
    def translate_segments(self, segments: list[str], source: str, target: str) -> list[str]:
        """One output per input segment, in order. Raises ``TranslationError`` on failure."""

    def close(self) -> None:
        """Release what the engine holds (HTTP connections, a loaded model)."""
        return None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


@dataclass(frozen=True, slots=True)
class Hop:
    """One engine call: ``engine`` translates ``source`` → ``target``."""

    engine: Engine
    source: str
    target: str


@dataclass(frozen=True, slots=True)
class Route:
    """One engine, or two through a pivot language; ``name`` joins the engines with "+"."""

    hops: tuple[Hop, ...]

    @property
    def name(self) -> str:
        return "+".join(hop.engine.name for hop in self.hops)

    @property
    def path(self) -> str:
        """The languages on the way: "de→en→uk"."""
        return "\u2192".join([self.hops[0].source, *(hop.target for hop in self.hops)])

    def uses(self, engine_name: str) -> bool:
        return any(hop.engine.name == engine_name for hop in self.hops)


def configured_languages(settings: object) -> set[str]:
    """The primary subtags of the languages presswatch reads and publishes."""
    codes = [*settings.source_languages, *settings.site_languages]
    return {code.strip().split("-")[0].split("_")[0].lower() for code in codes if code.strip()}


def all_pairs(languages: set[str]) -> set[tuple[str, str]]:
    return {(s, t) for s in languages for t in languages if s != t}
