"""Bytes to text for HTML pages: BOM, HTTP charset, ``<meta charset>``, then a guess.

The order follows the HTML standard's encoding sniffing: a byte order mark wins, then the
charset of the HTTP ``Content-Type``, then a ``<meta>`` declaration in the first bytes, then
strict UTF-8, and only then a statistical guess (charset_normalizer). A declared charset
that does not decode the bytes strictly is skipped at first; if no encoding decodes them
strictly, a declared one that leaves only a few undecodable bytes (a stray byte in an
otherwise UTF-8 page is common) is preferred to a guess, which tends to produce mojibake.
"""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels the HTML standard maps onto a wider encoding.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "x-cp1251": "cp1251",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_SNIFF_BYTES = 4096
# A declared charset is still used if at most this share of the bytes fails to decode.
_MAX_BAD_SHARE = 0.001


def charset_from_content_type(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if any."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def charset_from_meta(body: bytes) -> str | None:
    """The charset declared by ``<meta charset>`` or ``http-equiv`` in the first bytes."""
    match = _META_CHARSET.search(body[:_SNIFF_BYTES])
    return match.group(1).decode("ascii", "ignore") if match else None


def _codec(label: str | None) -> str | None:
    """A Python codec name for an encoding label, or None if unknown."""
    if not label:
        return None
    name = _ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        log.debug("unknown charset label %r", label)
        return None


def _try(body: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    if codec.startswith("utf-16") or codec.startswith("utf-32"):
        # A page that says utf-16 in an ASCII-readable meta cannot be utf-16.
        return None
    try:
        return body.decode(codec)
    except UnicodeDecodeError:
        log.debug("declared charset %s does not decode the page", codec)
        return None


def _lenient(body: bytes, codec: str) -> str | None:
    """The page decoded with replacement characters, if only a few bytes are bad."""
    if codec.startswith(("utf-16", "utf-32")):
        return None
    text = body.decode(codec, errors="replace")
    bad = text.count("\ufffd") - body.count("\ufffd".encode())
    return text if bad <= max(2, len(body) * _MAX_BAD_SHARE) else None


def decode_html(body: bytes, content_type: str = "") -> str | None:
    """The page as text, or None when no encoding decodes it."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            try:
                return body[len(bom):].decode(codec)
            except UnicodeDecodeError:
                return None
    declared = [_codec(charset_from_content_type(content_type)), _codec(charset_from_meta(body))]
    for codec in (*declared, "utf-8"):
        text = _try(body, codec)
        if text is not None:
            return text
    for codec in dict.fromkeys(c for c in declared if c):
        text = _lenient(body, codec)
        if text is not None:
            return text
    best = from_bytes(body[:200_000]).best()
    if best is None:
        return None
    try:
        return body.decode(best.encoding, errors="replace")
    except LookupError:
        return None
