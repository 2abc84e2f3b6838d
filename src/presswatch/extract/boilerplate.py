"""Furniture that main-text extraction leaves between the paragraphs, found by its wording.

trafilatura keeps what sits inside the article container, and outlets put more there than the
article: "read also" teasers, photo credits, newsletter and subscription prompts, share bars,
comment counters, update stamps, and headed link lists ("More on this topic") after the last
paragraph. The wording of each kind, per language, is in ``furniture.toml`` beside this
module. Only short blocks are tested: an article paragraph that happens to mention a
newsletter is long and stays.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import html

from presswatch.models import Block

WORDING = Path(__file__).with_name("furniture.toml")

# Class or id words that mark an element as furniture wherever it sits. Each was measured on
# the extraction benchmark and kept only where it removed boilerplate and no article text
# ("caption", "teaser", "share", "social" and "comment" also catch article text there).
MARKED_WORDS = ("credit", "copyright", "newsletter", "disclaimer", "related")
# A marked element holding more than this is a container named oddly, not furniture.
_MARKED_MAX = 1000

SHORT = 300
_CREDIT_MAX = 200
_CAPTION_MAX = 200
_LABEL_MAX = 60
_STAMP_MAX = 80
_SECTION_ITEM_MAX = 160
# A date or time on its own: digits and separators, an am/pm or "Uhr" at most.
_TIMESTAMP = re.compile(r"^[\d\s.,:/-]{6,}(?:\s?(?:am|pm|uhr|h))?$")
# The patterns are lowercase and matched against lowercased text: much faster than
# IGNORECASE with alternations this large.
# What follows a lead-in label: a colon, a guillemet or arrow, a bar, a spaced dash.
_SEPARATOR = r"(?:\s*[:»›>→|]|\s+[–—-]\s)"
_LABEL_TRIM = " :.!?»›>→–—-|*"


@dataclass(frozen=True, slots=True)
class Wording:
    """The compiled patterns of ``furniture.toml``."""

    read_also: re.Pattern[str]
    credit: re.Pattern[str]
    caption_credit: re.Pattern[str]
    prompt: re.Pattern[str]
    labels: frozenset[str]
    section: re.Pattern[str]
    stamp: re.Pattern[str]


def _alternatives(table: dict[str, list[str]]) -> str:
    return "|".join(f"(?:{phrase})" for phrases in table.values() for phrase in phrases)


@cache
def wording(path: Path = WORDING) -> Wording:
    """The furniture patterns of every language in ``path``."""
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    credit = _alternatives(raw["credit"])
    return Wording(
        read_also=re.compile(rf"^(?:{_alternatives(raw['read_also'])}){_SEPARATOR}"
                             rf"|^\*?(?:{_alternatives(raw['advert'])})(?:{_SEPARATOR}|[.,])",
                             ),
        credit=re.compile(rf"^(?:\(?(?:{credit})\s*(?:\d+\s*)?[:/©]|©|\(c\)\s|copyright\b"
                          r"|fot\.\s)"),
        caption_credit=re.compile(
            rf"\((?:{_alternatives(raw['caption'])})\s*[:/©][^()]{{1,80}}\)\W*$"),
        prompt=re.compile(_alternatives(raw["prompt"])),
        labels=frozenset(label for labels in raw["label"].values() for label in labels),
        section=re.compile(rf"^(?:{_alternatives(raw['section'])})$"),
        stamp=re.compile(rf"^(?:{_alternatives(raw['stamp'])})\s*[:.]?\s"),
    )


def _label(text: str) -> str:
    return " ".join(text.casefold().split()).strip(_LABEL_TRIM)


def is_read_also(block: Block) -> bool:
    """"Read also: <headline>" and its kin."""
    return len(block.text) <= SHORT and bool(wording().read_also.match(block.text.lower()))


def is_credit(block: Block) -> bool:
    """A photo or source credit, or a caption that ends in one."""
    text = block.text.lower()
    if len(text) <= _CREDIT_MAX and wording().credit.match(text):
        return True
    return len(text) <= _CAPTION_MAX and bool(wording().caption_credit.search(text))


def is_prompt(block: Block) -> bool:
    """A call to subscribe, sign up, follow, share, comment or donate; a disclosure."""
    return len(block.text) <= SHORT and bool(wording().prompt.search(block.text.lower()))


def is_label(block: Block) -> bool:
    """A block that is only a furniture label ("Share", "Anzeige", "Комментарии")."""
    return len(block.text) <= _LABEL_MAX and _label(block.text) in wording().labels


def is_stamp(block: Block) -> bool:
    """An update or publication stamp, or a bare date."""
    text = block.text.lower()
    if len(text) > _STAMP_MAX:
        return False
    return bool(_TIMESTAMP.match(text) or wording().stamp.match(text + " "))


RULES: dict[str, Callable[[Block], bool]] = {
    "read_also": is_read_also,
    "credit": is_credit,
    "prompt": is_prompt,
    "label": is_label,
    "stamp": is_stamp,
}


def is_section_label(block: Block) -> bool:
    """A heading of a list of links elsewhere ("Related stories", "Mehr zum Thema")."""
    return len(block.text) <= _LABEL_MAX and bool(wording().section.match(_label(block.text)))


def _section_end(blocks: tuple[Block, ...], start: int) -> int:
    """Index after the run of short link-list blocks that follows a section label."""
    end = start + 1
    while end < len(blocks) and len(blocks[end].text) <= _SECTION_ITEM_MAX \
            and blocks[end].kind in ("li", "p", "h3"):
        end += 1
    return end


def drop_furniture(blocks: tuple[Block, ...],
                   rules: dict[str, Callable[[Block], bool]] | None = None,
                   sections: bool = True) -> tuple[Block, ...]:
    """The blocks without teasers, credits, prompts, labels, stamps and headed link lists."""
    rules = RULES if rules is None else rules
    kept: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if sections and is_section_label(block):
            index = _section_end(blocks, index)
            continue
        if not any(rule(block) for rule in rules.values()):
            kept.append(block)
        index += 1
    return tuple(kept)


def _is_marked(element: html.HtmlElement) -> bool:
    names = element.get("class"), element.get("id")
    if not any(names):
        return False
    lowered = " ".join(name for name in names if name).lower()
    return any(word in lowered for word in MARKED_WORDS)


def _marked_texts(tree: html.HtmlElement) -> list[str]:
    # A plain walk: libxml2's XPath with this many conditions is several times slower.
    texts = (" ".join(node.text_content().split()) for node in tree.iter()
             if isinstance(node.tag, str) and _is_marked(node))
    return [text for text in texts if text and len(text) <= _MARKED_MAX]


def drop_marked(blocks: tuple[Block, ...], tree: html.HtmlElement) -> tuple[Block, ...]:
    """The blocks without those that lie inside an element whose class or id names page
    furniture (a credit line, a copyright notice, a newsletter box, related links)."""
    marked = _marked_texts(tree)
    if not marked:
        return blocks
    return tuple(block for block in blocks
                 if not any(" ".join(block.text.split()) in text for text in marked))
