"""URL slugs: lower-case ASCII words joined by hyphens, Cyrillic transliterated."""

from __future__ import annotations

import re
import unicodedata

# Ukrainian national transliteration (2010), lower case; capitals are lowered first.
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
}
# Russian (a simple scheme close to the passport one).
_RU = {
    **{k: v for k, v in _UK.items() if k not in "гиіїєґ"},
    "г": "g", "и": "i", "й": "y", "ё": "yo", "ъ": "", "ы": "y", "э": "e", "ю": "yu", "я": "ya",
    "е": "e",
}
_GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
_RU_ONLY = set("ёъыэ")
_UK_ONLY = set("ґєії")
MAX_SLUG = 80


def _table_for(text: str, language: str | None) -> dict[str, str]:
    if language == "ru":
        return _RU
    if language == "uk":
        return _UK
    letters = set(text)
    if letters & _RU_ONLY and not letters & _UK_ONLY:
        return _RU
    return _UK


def transliterate(text: str, language: str | None = None) -> str:
    """``text`` with Cyrillic and German letters spelled in ASCII, accents dropped."""
    lowered = text.lower()
    table = {**_table_for(lowered, language), **_GERMAN}
    spelled = "".join(table.get(ch, ch) for ch in lowered)
    decomposed = unicodedata.normalize("NFKD", spelled)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str, language: str | None = None, *, fallback: str = "article") -> str:
    """A URL slug: ``"НАТО згуртовується"`` -> ``"nato-zhurtovuietsia"``."""
    ascii_text = transliterate(text, language).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG:
            break
        slug = candidate
    return slug or (words[0][:MAX_SLUG] if words else fallback)
