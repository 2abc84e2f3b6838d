"""Is the article behind a paywall? Markup, schema.org and wording in de/en/ru/uk."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import html

# Phrases a paywall teaser shows instead of the rest of the article.
_PHRASES = (
    # en
    r"subscribe to (?:continue|read|keep reading|unlock)",
    r"(?:this (?:article|story|content) is )?(?:only )?(?:available|reserved) (?:only )?"
    r"(?:to|for) (?:paying )?subscribers",
    r"already a subscriber\?",
    r"to continue reading,? (?:please )?(?:subscribe|log in|sign in)",
    r"subscribers only",
    # de
    r"(?:jetzt )?abonnieren,? um weiterzulesen",
    r"(?:nur|exklusiv) für (?:abonnenten|abonnentinnen|abonnent\*innen|abo-?kunden)",
    r"weiterlesen mit (?:\w+\s?)?(?:abo|plus|\+)",
    r"dieser (?:artikel|beitrag) ist (?:nur )?für abonnenten",
    r"sie haben bereits ein abo",
    # ru
    r"(?:подпишитесь|оформите подписку),? чтобы (?:продолжить|читать|дочитать)",
    r"доступ(?:ен|но|на)? только (?:для )?подписчик(?:ам|ов)",
    r"(?:материал|статья) (?:доступ(?:ен|на) )?только для подписчиков",
    # uk
    r"(?:передплатіть|оформіть передплату|підпишіться),? щоб (?:продовжити|читати|дочитати)",
    r"доступн(?:ий|а|е|о) (?:лише|тільки) (?:для )?(?:передплатник|підписник)(?:ам|ів)",
)
PHRASE_RE = re.compile("|".join(f"(?:{p})" for p in _PHRASES))  # matched on lowercased text
_MARKUP_XPATH = (
    "//*[contains(translate(@class, 'PAYWL', 'paywl'), 'paywall')"
    " or contains(translate(@id, 'PAYWL', 'paywl'), 'paywall')"
    " or @data-paywall]"
)
_SCAN_CHARS = 200_000
# Every phrase above contains one of these stems; pages without any skip the regex.
_WINDOW = 80
_STEMS = ("subscri", "abonn", "abo-", "abokund", "ein abo", "weiterlesen", "подпис",
          "передплат", "підпис")


def _not_free(value: object) -> bool:
    if isinstance(value, bool):
        return value is False
    if isinstance(value, str):
        return value.strip().lower() in ("false", "no", "0")
    return False


def is_paywalled(tree: html.HtmlElement, objects: list[dict], source: str) -> bool:
    """True when the page marks or words its content as for subscribers only.

    ``source`` is the page's HTML text: cheap substring tests on it spare the tree walks on
    the many pages that mention no paywall at all.
    """
    if any(_not_free(obj.get("isAccessibleForFree")) for obj in objects):
        return True
    if any(_not_free(meta.get("content")) for meta in tree.iter("meta")
           if (meta.get("itemprop") or meta.get("name") or "").lower() == "isaccessibleforfree"):
        return True
    lowered = source.lower()
    if "paywall" in lowered and tree.xpath(_MARKUP_XPATH):
        return True
    if not any(stem in lowered for stem in _STEMS):
        return False
    body = tree.find("body")
    text = " ".join((body if body is not None else tree).text_content()[:_SCAN_CHARS].split())
    return any(PHRASE_RE.search(window) for window in _windows(text.lower()))


def _windows(text: str) -> Iterator[str]:
    """Stretches of text around each stem, where a phrase could be."""
    for stem in _STEMS:
        start = text.find(stem)
        while start != -1:
            yield text[max(0, start - _WINDOW):start + _WINDOW]
            start = text.find(stem, start + _WINDOW)
