"""The engine interface: a translation engine turns a list of segments into as many segments.

A segment is the text of one block (a heading, paragraph, quote or list item), so the structure
of an article survives translation by construction: the service sends the blocks' texts and puts
each output back into a block of the same kind.
"""

from __future__ import annotations

from abc import ABC, abstractmethod


class Engine(ABC):
    """One machine-translation engine.

    ``copies_unknown_words`` is True for engines that leave a word they do not know unchanged
    (rule-based engines such as Apertium): the service then writes the house form of each
    glossary term in the target language into the source before translating.
    """

    name: str = ""
    copies_unknown_words: bool = False

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

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"
