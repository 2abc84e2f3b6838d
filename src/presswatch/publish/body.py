"""An article body (a list of blocks) as sanitized HTML, for pages and feeds alike."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from presswatch.models import Block
from presswatch.publish.sanitize import plain_html

HEADING_KINDS = ("h2", "h3")


@dataclass(frozen=True, slots=True)
class BodyPart:
    """A run of the body: one heading, paragraph or quote, or a list of consecutive items."""

    kind: str  # h2 | h3 | p | quote | list
    texts: tuple[str, ...]


def as_blocks(raw: Iterable[Mapping[str, object] | Block]) -> tuple[Block, ...]:
    """Blocks from stored JSON (``{"kind", "text"}``) or ``Block`` objects; unknown kinds
    become paragraphs and empty texts are dropped."""
    blocks = []
    for item in raw:
        if isinstance(item, Block):
            kind, text = item.kind, item.text
        else:
            kind, text = str(item.get("kind", "p")), str(item.get("text", "") or "")
        if not text.strip():
            continue
        blocks.append(Block(kind=kind if kind in (*HEADING_KINDS, "p", "quote", "li") else "p",
                            text=text.strip()))
    return tuple(blocks)


def group_blocks(blocks: Iterable[Block]) -> list[BodyPart]:
    """Consecutive list items joined into one ``list`` part; every other block its own part."""
    parts: list[BodyPart] = []
    for block in blocks:
        if block.kind == "li":
            if parts and parts[-1].kind == "list":
                parts[-1] = BodyPart("list", (*parts[-1].texts, block.text))
            else:
                parts.append(BodyPart("list", (block.text,)))
        else:
            parts.append(BodyPart(block.kind, (block.text,)))
    return parts


def render_body(raw: Iterable[Mapping[str, object] | Block]) -> Markup:
    """The body as HTML: ``<h2>``/``<h3>`` kept, ``<p>``, ``<blockquote>``, ``<ul>``."""
    out: list[str] = []
    for part in group_blocks(as_blocks(raw)):
        if part.kind == "list":
            items = "".join(f"<li>{plain_html(text)}</li>" for text in part.texts)
            out.append(f"<ul>{items}</ul>")
        elif part.kind == "quote":
            out.append(f"<blockquote><p>{plain_html(part.texts[0])}</p></blockquote>")
        elif part.kind in HEADING_KINDS:
            out.append(f"<{part.kind}>{plain_html(part.texts[0])}</{part.kind}>")
        else:
            out.append(f"<p>{plain_html(part.texts[0])}</p>")
    return Markup("\n".join(out))


def excerpt(raw: Iterable[Mapping[str, object] | Block], limit: int = 240) -> str:
    """The first paragraph, cut at a word boundary near ``limit`` characters (plain text)."""
    for block in as_blocks(raw):
        if block.kind == "p":
            text = block.text
            if len(text) <= limit:
                return text
            cut = text[:limit].rsplit(" ", 1)[0]
            return cut.rstrip(",;:") + "…"
    return ""
