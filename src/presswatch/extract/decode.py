"""Bytes to text for HTML pages.

The charset is chosen in this order, and every choice is checked against the bytes:

1. a byte order mark (or the NUL pattern of UTF-16 markup);
2. a page of ASCII bytes only is ASCII, whatever it declares;
3. bytes that are valid UTF-8 (and not ASCII) are UTF-8: legacy text almost never is;
4. the charset of the HTTP ``Content-Type``, then ``<meta charset>``, then ``<?xml encoding>``,
   each only if it decodes the bytes *and* reads as plausible text: not Cyrillic in a Latin
   code page ("Ìèíèñòðû"), not KOI8-R as windows-1251 or the reverse (wrong letter
   frequencies, "мИНИСТРЫ"), not German as windows-1251 ("Grцяe"); a symbol inside a word
   ("c½ur") means a near relative fits better (ISO-8859-15 for œ and €, KOI8-U for і/ї/є/ґ);
5. UTF-8 with a few stray bytes (many valid multi-byte characters, very few bad bytes);
6. the least suspicious of windows-1252, ISO-8859-15, windows-1251, KOI8-R, KOI8-U and
   charset_normalizer's guess (ties: Cyrillic first where ``<html lang>`` says so; KOI8-R
   with box drawing inside a word is KOI8-U).

``decode_page`` says which charset it used and why (``Decoded.source``, ``.note``);
``decode_html`` gives the text alone. The screen that keeps unparseable pages from the parsers
is ``extract.screen``.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass, replace

from charset_normalizer import from_bytes

log = logging.getLogger(__name__)

__all__ = ["Decoded", "charset_from_content_type", "charset_from_meta", "decode_html",
           "decode_page", "suspicion"]

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
# Labels the HTML standard maps onto a wider encoding, and common misspellings.
_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254", "tis-620": "cp874",
    "x-cp1251": "cp1251", "win-1251": "cp1251", "cp-1251": "cp1251", "koi8r": "koi8-r",
    "koi8u": "koi8-u", "x-mac-cyrillic": "mac-cyrillic", "gb2312": "gb18030", "gbk": "gb18030",
    "x-sjis": "shift_jis", "ks_c_5601-1987": "cp949", "euc-kr": "cp949", "big5": "big5hkscs",
}
# Code pages that differ in a few positions: the one that reads the bytes better wins.
_RELATIVES = {"cp1252": ("iso8859-15",), "iso8859-1": ("cp1252", "iso8859-15"),
              "iso8859-15": ("cp1252",), "koi8-r": ("koi8-u",)}
# Guesses, in the order that breaks ties: Latin first unless <html lang> names a language
# written in Cyrillic (a page with one "€" is likelier Latin than one with a lone "є").
_LATIN_GUESSES = ("cp1252", "iso8859-15")
_CYRILLIC_GUESSES = ("cp1251", "koi8-r", "koi8-u")
_BOX_IN_WORD = re.compile("[а-яёА-ЯЁ][\u2500-\u257f]|[\u2500-\u257f][а-яёА-ЯЁ]")
_CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn",
                                 "ba", "tt", "cv", "ce", "os", "rue"})
_HTML_LANG = re.compile(rb"<html[^>]*?\slang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]+encoding\s*=\s*[\"']\s*([\w.:-]+)", re.IGNORECASE)
_SNIFF_BYTES = 4096
_SAMPLE_HEAD, _SAMPLE_TAIL = 65_536, 16_384
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
# Bytes that text never has (the HTML standard's "binary data bytes"; NUL included).
_BINARY_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
# A declared reading is implausible above this share of suspicious characters (mojibake
# scores 0.5 to 1; a page may quote a little mojibake of its own); the best guess is taken
# unless even it is worse than _NO_READING.
_MAX_SUSPICION, _NO_READING = 0.25, 0.75
# Undecodable bytes tolerated in a declared charset (share of the bytes), and in UTF-8
# without a declaration (share of the valid multi-byte characters).
_MAX_BAD_SHARE, _MAX_BAD_UTF8 = 0.001, 0.02
_MIN_UTF8_CHARS = 20

# --- plausibility ---------------------------------------------------------------------------

# C1 controls, replacement characters, private use, box drawing, the currency sign ¤.
_NEVER_TEXT = re.compile("[\x80-\x9f\ufffd\ue000-\uf8ff\u2500-\u259f\u00a4]")
# Three Latin-1 letters in a row (four with Czech or Polish ones: "příští" has three).
_LATIN_RUN = re.compile("[\u00c0-\u00ff]{3,}|[\u00c0-\u024f]{4,}")
_UTF8_AS_LATIN = re.compile(
    "[\u00c2\u00c3\u00c5\u00d0\u00d1][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d"
    "\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039"
    "\u203a\u20ac\u2122]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_CYR_UPPER = re.compile("[\u0400-\u042f\u0490]")
_FREQUENT = re.compile("[оеаинтсрвліОЕАИНТСРВЛІ]")
_RARE = re.compile("[фщъэюцжшґФЩЪЭЮЦЖШҐ]")
_CASE_FLIP = re.compile("[\u0430-\u045f\u0491][\u0400-\u042f\u0490]")
# Each pattern starts with its rare character, so that the scan skips ahead quickly.
_SCRIPT_MIX = re.compile("[\u0400-\u04ff](?:(?<=[A-Za-z].)|(?=[A-Za-z]))")
_SYMBOL_IN_WORD = re.compile(
    r"[\u00a1-\u00a9\u00ab\u00ac\u00ae-\u00b6\u00b8\u00b9\u00bb-\u00bf\u00d7"
    r"\u00f7\u2020\u2021\u2030\u2116\u2122\u221a\u2248\u2260\u2264\u2265\u2320\u2321]"
    r"(?<=[^\W\d_].)(?=[^\W\d_])")
# Where ISO-8859-15 has Š š Ž ž Œ œ Ÿ, Latin-1 has signs no word starts or ends with.
_LATIN9_SIGN = re.compile(r"[\u00a6\u00a8\u00b4\u00b8\u00bc-\u00be]"
                          r"(?:(?<=[^\W\d_].)|(?=[^\W\d_]))")


def _cyrillic_suspicion(text: str) -> int:
    """Letters that look like KOI8 read as windows-1251 or the reverse: upper case inside a
    word ("мИНИСТРЫ"); then, marking 30%, 20%, 20% of the letters (real text shows at most one
    sign, a misreading two or three): mostly upper case (real text: 3%), few о е а и н т с р в
    л і (two letters in three; misread, one), many ф щ ъ э ю ц ж ш ґ (5%; misread, 15%)."""
    letters = len(_CYRILLIC.findall(text))
    bad = 2 * len(_CASE_FLIP.findall(text))
    if letters >= 16:
        signs = (3 * (len(_CYR_UPPER.findall(text)) > 0.6 * letters)
                 + 2 * (len(_FREQUENT.findall(text)) < 0.45 * letters)
                 + 2 * (len(_RARE.findall(text)) > 0.1 * letters))
        bad += letters * signs // 10
    return bad


def suspicion(text: str) -> tuple[int, int]:
    """(suspicious characters, non-ASCII characters) of a decoded text: those real text almost
    never has there (C1 controls, box drawing, "Ã©", "Grцяe", "c½ur", "Ìèíèñòðû", "мИНИСТРЫ")."""
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if not non_ascii:
        return 0, 0
    bad = len(_NEVER_TEXT.findall(text)) + len(_SYMBOL_IN_WORD.findall(text))
    bad += len(_LATIN9_SIGN.findall(text))
    bad += sum(len(run) for run in _LATIN_RUN.findall(text))
    bad += 2 * len(_UTF8_AS_LATIN.findall(text)) + len(_SCRIPT_MIX.findall(text))
    return min(bad + _cyrillic_suspicion(text), non_ascii), non_ascii


# --- declarations ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decoded:
    """A page's text and how its charset was chosen.

    ``source``: ``bom``, ``ascii``, ``utf-8`` (valid UTF-8), ``http``, ``meta``, ``xml`` (the
    declaration that was used), ``utf-8-lenient`` or ``guess``. ``note`` says why, above all
    when a declaration was overruled; ``replaced`` counts undecodable bytes shown as U+FFFD.
    """

    text: str
    charset: str
    source: str
    note: str = ""
    replaced: int = 0


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
    name = _ALIASES.get((label or "").strip().lower(), (label or "").strip().lower())
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


def _label(codec: str) -> str:
    """The usual web name of a Python codec: windows-1251, iso-8859-15, koi8-u, utf-8."""
    name = codec.lower().replace("_", "-")
    if re.fullmatch(r"cp125\d", name):
        return "windows-" + name[2:]
    return re.sub(r"^iso8859-", "iso-8859-", name)


def _declarations(body: bytes, content_type: str) -> list[tuple[str, str, str | None]]:
    """(source, label as written, codec) for each declaration, HTTP first."""
    xml = _XML_ENCODING.match(body[:_SNIFF_BYTES])
    found = [("http", charset_from_content_type(content_type)), ("meta", charset_from_meta(body)),
             ("xml", xml.group(1).decode("ascii", "ignore") if xml else None)]
    return [(source, label, _codec(label)) for source, label in found if label]


def _sample(body: bytes) -> bytes:
    """What the charset is judged on: from just before the first non-ASCII byte, and the end."""
    first = _HIGH_BYTE.search(body)
    start = max(0, first.start() - 1024) if first else 0
    short = len(body) - start <= _SAMPLE_HEAD + _SAMPLE_TAIL
    return body[start:] if short else body[start:start + _SAMPLE_HEAD] + body[-_SAMPLE_TAIL:]


def _full(body: bytes, codec: str, source: str, note: str) -> Decoded:
    """The whole body in ``codec``, strictly if possible, else with replacement characters."""
    try:
        return Decoded(body.decode(codec), _label(codec), source, note)
    except UnicodeDecodeError:
        text = body.decode(codec, errors="replace")
        return Decoded(text, _label(codec), source, note, _replaced(body, text, codec))


def _replaced(body: bytes, text: str, codec: str) -> int:
    """Replacement characters in ``text`` that were not already in ``body``."""
    already = body.count(b"\xef\xbf\xbd") if codec == "utf-8" else 0
    return max(text.count("\ufffd") - already, 0)


# --- choosing -------------------------------------------------------------------------------


def _from_bom(body: bytes) -> Decoded | None:
    for bom, codec in _BOMS:  # UTF-16 markup without one shows itself by its NUL bytes
        if body.startswith(bom):
            return _full(body[len(bom):], codec, "bom", "")
    codec = {b"<\x00": "utf-16-le", b"\x00<": "utf-16-be"}.get(body[:2])
    if codec and body[:64].count(0) >= 24:
        return _full(body, codec, "bom", f"{codec} markup without a byte order mark")
    return None


def _best_relative(codec: str, sample: bytes) -> str:
    """``codec`` or a near relative that reads ``sample`` with fewer suspicious characters."""
    options = (codec, *_RELATIVES.get(codec, ()))
    return min(options, key=lambda option: (
        suspicion(sample.decode(option, errors="replace"))[0], options.index(option)))


def _try_declared(body: bytes, sample: bytes, source: str, label: str, codec: str | None,
                  notes: list[str]) -> Decoded | None:
    """The page in a declared charset, if that decodes it and reads as plausible text."""
    if codec is None:
        notes.append(f"{source} charset {label!r} is unknown")
        return None
    if codec == "utf-8":
        return None  # not valid UTF-8: a few stray bytes are judged after the declarations
    if codec.startswith(("utf-16", "utf-32")):
        notes.append(f"{source} said {label}, but the bytes are not {_label(codec)}")
        return None
    try:
        body.decode(codec)
    except UnicodeDecodeError as err:
        bad = body.decode(codec, errors="replace").count("\ufffd")
        if bad > max(2, len(body) * _MAX_BAD_SHARE):
            notes.append(f"{source} said {label}, but {err.reason} at byte {err.start}")
            return None
    bad, total = suspicion(sample.decode(codec, errors="replace"))
    if bad > total * _MAX_SUSPICION:
        notes.append(f"{source} said {label}, but that reading looks like mojibake "
                     f"({bad} of {total} non-ASCII characters)")
        return None
    better = _best_relative(codec, sample)
    if better != codec:
        notes.append(f"{source} said {label}; {_label(better)} reads the bytes better")
    return _full(body, better, source, "; ".join(notes))


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """``data`` as UTF-8 and its count of bad bytes, if very few bytes are bad."""
    text = data.decode("utf-8", errors="replace")
    bad = _replaced(data, text, "utf-8")
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if good < _MIN_UTF8_CHARS or bad > max(1, good * _MAX_BAD_UTF8):
        return None
    return text, bad


def _lenient_utf8(body: bytes, sample: bytes, notes: list[str]) -> Decoded | None:
    """UTF-8 with a few stray bytes: many valid multi-byte characters, very few bad ones."""
    found = _mostly_utf8(sample) and _mostly_utf8(body)
    if not found:
        return None
    text, bad = found
    notes.append(f"UTF-8 with {bad} undecodable byte(s)")
    return Decoded(text, "utf-8", "utf-8-lenient", "; ".join(notes), bad)


def _declared_utf8(body: bytes, declared: list[tuple[str, str, str | None]],
                   notes: list[str]) -> Decoded | None:
    """A page declared UTF-8 that no other charset reads either, if only a few bytes are bad."""
    source = next((source for source, _, codec in declared if codec == "utf-8"), None)
    text = body.decode("utf-8", errors="replace") if source else ""
    bad = _replaced(body, text, "utf-8")
    if source is None or bad > max(2, len(body) * _MAX_BAD_SHARE):
        return None
    notes.append(f"{bad} undecodable byte(s) replaced")
    return Decoded(text, "utf-8", source, "; ".join(notes), bad)


def _guess(body: bytes, sample: bytes, notes: list[str]) -> tuple[Decoded, bool] | None:
    """The least suspicious of the usual legacy code pages and charset_normalizer's guess
    (which must be clearly better: it is there for Greek, Hebrew, CJK), and if it is
    plausible; None when not even that reads the bytes."""
    lang = _HTML_LANG.search(sample[:_SNIFF_BYTES])
    cyrillic = lang is not None and lang.group(1).decode().lower() in _CYRILLIC_LANGUAGES
    candidates = [*_CYRILLIC_GUESSES, *_LATIN_GUESSES] if cyrillic else [
        *_LATIN_GUESSES, *_CYRILLIC_GUESSES]
    best = from_bytes(sample).best()
    extra = _codec(best.encoding) if best is not None else None
    if extra and extra not in candidates and not extra.startswith(("utf-16", "utf-32")):
        candidates.append(extra)
    scored = []
    for rank, codec in enumerate(candidates):
        text = sample.decode(codec, errors="replace")
        bad, total = suspicion(text)
        # A multi-byte reading (CJK) that decodes is strong evidence; a single-byte one is not.
        handicap = (0.0 if codec in (*_LATIN_GUESSES, *_CYRILLIC_GUESSES)
                    else 0.05 if len(text) < 0.95 * len(sample) else 0.25)
        scored.append(((bad / total if total else 0.0) + handicap, rank, codec, bad, total))
    _, _, codec, bad, total = min(scored)
    if codec == "koi8-r" and _BOX_IN_WORD.search(sample.decode(codec, errors="replace")):
        codec = "koi8-u"
    if bad > total * _NO_READING:
        log.debug("no plausible charset: %s is the best, %d of %d suspicious", codec, bad, total)
        return None
    notes.append(f"guessed {_label(codec)}")
    return _full(body, codec, "guess", "; ".join(notes)), bad <= total * _MAX_SUSPICION


def decode_page(body: bytes, content_type: str = "") -> Decoded | None:
    """The page as text with the charset used and why, or None when no charset reads it.

    A stray NUL becomes U+FFFD, as in the HTML standard's tokenizer (the parsers refuse NUL);
    a body of binary bytes (more than 1% control bytes) is no text at all.
    """
    decoded = _decode(body, content_type)
    if decoded is None or "\x00" not in decoded.text:
        return decoded
    return replace(decoded, text=decoded.text.replace("\x00", "\ufffd"),
                   replaced=decoded.replaced + decoded.text.count("\x00"))


def _decode(body: bytes, content_type: str) -> Decoded | None:
    found = _from_bom(body)
    if found is not None:
        return found
    sample = _sample(body)
    if len(sample) - len(sample.translate(None, _BINARY_BYTES)) > max(8, len(sample) // 100):
        log.debug("binary data, not text")
        return None
    if body.isascii():
        return Decoded(body.decode("ascii"), "ascii", "ascii", "only ASCII bytes")
    declared = _declarations(body, content_type)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        others = [f"{source} said {label}" for source, label, codec in declared
                  if codec != "utf-8"]
        note = "; ".join(others) + (", but the bytes are valid UTF-8" if others else "")
        return Decoded(text, "utf-8", "utf-8", note)
    notes: list[str] = []
    for source, label, codec in declared:
        result = _try_declared(body, sample, source, label, codec, notes)
        if result is not None:
            return result
    lenient = _lenient_utf8(body, sample, notes)
    if lenient is not None:
        return lenient
    guess, plausible = _guess(body, sample, notes) or (None, False)
    # A page declared UTF-8 with a few bad bytes beats a poor guess.
    return guess if plausible else _declared_utf8(body, declared, notes) or guess


def decode_html(body: bytes, content_type: str = "") -> str | None:
    """The page as text, or None when no encoding decodes it."""
    decoded = decode_page(body, content_type)
    if decoded is not None and decoded.note:
        log.debug("decoded as %s (%s): %s", decoded.charset, decoded.source, decoded.note)
    return decoded.text if decoded is not None else None
