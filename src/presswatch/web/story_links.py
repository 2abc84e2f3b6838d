"""URLs of story and entity pages, number formatting for them, and the article page's link
to its story (kept apart from the routes so ``routes.public`` can import it)."""

from __future__ import annotations

from presswatch.store import story_pages

_GROUPING = {"en": ",", "uk": "\u202f", "ru": "\u202f", "de": "."}
_DECIMAL = {"en": ".", "uk": ",", "ru": ",", "de": ","}


def stories_url(lang: str, page: int = 1) -> str:
    return f"/{lang}/stories/" + (f"?page={page}" if page > 1 else "")


def story_url(lang: str, story_id: int) -> str:
    return f"/{lang}/stories/{story_id}"


def entity_url(lang: str, entity_id: int) -> str:
    return f"/{lang}/entities/{entity_id}"


def format_number(value: float, lang: str) -> str:
    """``130000`` -> ``130 000`` (uk, ru), ``130,000`` (en); at most two decimals."""
    whole, _, fraction = f"{value:,.2f}".partition(".")
    fraction = fraction.rstrip("0")
    whole = whole.replace(",", _GROUPING.get(lang, "\u202f"))
    return whole + (_DECIMAL.get(lang, ".") + fraction if fraction else "")


def page_helpers(lang: str) -> dict:
    """What story and entity templates call: URLs and number formatting in ``lang``."""
    return {"story_url": story_url, "entity_url": entity_url, "stories_url": stories_url,
            "number": lambda value: format_number(value, lang)}


def story_link(state, document_id: int, lang: str) -> str:
    """The story page of a published document whose story has other published reports;
    empty otherwise."""
    with state.db.session() as session:
        story_id = story_pages.story_of_document(session, document_id)
    return story_url(lang, story_id) if story_id is not None else ""
