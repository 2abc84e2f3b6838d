"""Furniture that main-text extraction leaves between the paragraphs, found by its wording.

trafilatura keeps what sits inside the article container, and outlets put more there than the
article: "read also" teasers, photo credits, newsletter and subscription prompts, share bars,
comment counters, and headed link lists ("More on this topic") after the last paragraph.
These are recognised here by their wording in de/en/ru/uk/pl/fr, and only in short blocks:
an article paragraph that happens to mention a newsletter is long and stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from presswatch.models import Block

# "Read also: <linked headline>" and friends, at the start of a block.
_READ_ALSO = (
    # en
    r"read (?:also|more|next)|also read|see also|related(?: articles?| stories| coverage| news)?"
    r"|more (?:on this|from|about)|you (?:may|might) also like|recommended(?: for you)?"
    r"|don'?t miss|watch(?: now)?|listen(?: now)?",
    # de
    r"lesen sie (?:auch|hier|mehr|weiter)|lies auch|auch interessant|ebenfalls interessant"
    r"|mehr (?:zum thema|dazu|lesen|erfahren)|siehe auch|passend (?:dazu|zum thema)"
    r"|das (?:könnte|dürfte) (?:sie|dich) auch interessieren|zum thema"
    r"|empfohlene?r? (?:artikel|beiträge?)"
    r"|weitere (?:artikel|beiträge|themen|nachrichten|informationen)(?: zum thema)?"
    r"|schon gelesen|hören sie (?:auch|hier)|sehen sie (?:auch|hier)|video",
    # fr
    r"(?:à )?lire (?:aussi|également|la suite)|(?:à )?voir aussi|sur le même (?:sujet|thème)"
    r"|en savoir plus|à découvrir|notre sélection",
    # pl
    r"czytaj (?:też|także|również|więcej|dalej)|zobacz (?:też|także|również|więcej)"
    r"|przeczytaj (?:też|także|również)|dowiedz się więcej|polecamy|więcej na ten temat",
    # ru
    r"читайте (?:также|тоже|ещё|еще)|смотрите (?:также|тоже)|см\. также|по теме"
    r"|подробнее|ещё по теме|еще по теме|рекомендуем",
    # uk
    r"читайте (?:також|теж)|дивіться (?:також|теж)|також читайте|по темі|на тему"
    r"|детальніше|рекомендуємо",
)
_READ_ALSO_RE = re.compile(
    rf"^(?:{'|'.join(_READ_ALSO)})(?:\s*[:»›>→|]|\s+[–—-]\s)", re.IGNORECASE)

# Photo and image credits, captions' source lines.
_CREDIT_RE = re.compile(
    r"^(?:\(?(?:foto|fotos|photo|photos|bild|bilder|titelbild|beitragsbild|headerbild"
    r"|image|images|picture|credits?|crédits?(?: photos?)?|fot\.|zdjęcie|zdjęcia|źródło zdjęcia"
    r"|фото|фотографии|фотографія|світлина|ілюстрація|иллюстрация|quelle|source|abbildung"
    r"|grafik|illustration|video)\s*(?:\d+\s*)?[:/©]|©|\(c\)\s|copyright\b)",
    re.IGNORECASE)

# Prompts to subscribe, sign up, follow or share.
_PROMPTS = (
    # en
    r"sign up (?:for (?:our|the|free|a free)|to (?:our|get|receive))|sign up now"
    r"|subscribe (?:to (?:our|the|my)|now|here)|follow us"
    r"|share this (?:article|story|post|page)|share on (?:facebook|twitter|x|whatsapp|linkedin)"
    r"|get (?:the|our) .{0,40}(?:newsletter|app|edition) "
    r"|support (?:our|independent) journalism|become a (?:member|subscriber)"
    r"|all rights reserved|click here to",
    # de
    r"abonnieren sie|jetzt (?:abonnieren|anmelden|registrieren|testen)"
    r"|folgen sie uns|teilen sie (?:diesen|den) (?:artikel|beitrag)|alle rechte vorbehalten"
    r"|unterstützen sie (?:uns|unsere)|melden sie sich (?:hier |jetzt )?(?:an|für)",
    # fr
    r"abonnez-vous|inscrivez-vous|suivez-nous|tous droits réservés|partager (?:cet|l')article",
    # pl
    r"zapisz się|subskrybuj|obserwuj nas|zaprenumeruj|wszelkie prawa zastrzeżone"
    r"|zapraszamy (?:też )?do subskrypcji|wesprzyj nas",
    # ru
    r"подпишитесь|подписывайтесь|подписаться на|все права защищены|поделиться"
    r"|подпишитесь на (?:наш|рассылку)",
    # uk
    r"підпишіться|підписуйтесь|передплатіть|усі права захищені|всі права захищені"
    r"|поділитися",
)
# A newsletter named as the outlet's own, or with a call to order it.
_NEWSLETTER = (
    r"(?:our|unser\w*|notre|nos|nasz\w*|наш\w*)\s(?:\S+\s){0,3}(?:\S*newsletter|рассылк|розсилк)"
    r"|newsletter\S*\s(?:\S+\s){0,4}(?:abonnieren|bestellen|anmelden|subscribe|sign up|s'inscrire)"
    r"|(?:abonnier\w*|anmeld\w*|bestell\w*|subscribe|sign up|inscri\w*|zapisz się|подпиш\w*"
    r"|підпиш\w*)\s(?:\S+\s){0,5}(?:\S*newsletter|рассылк|розсилк)|^newsletter\S*$"
)
_PROMPT_RE = re.compile("|".join(f"(?:{p})" for p in (*_PROMPTS, _NEWSLETTER)),
                        re.IGNORECASE)

# A block that is nothing but a label of page furniture.
_LABELS = frozenset(item for line in """
share|share this|share this article|teilen|teilen mit|artikel teilen|drucken|print|partager
imprimer|udostępnij|drukuj|поделиться|поділитися|печать|друк|comments|kommentare|kommentar
keine kommentare|leserkommentare|commentaires|komentarze|комментарии|коментарі|no comments
advertisement|anzeige|werbung|publicité|reklama|реклама|sponsored|gesponsert
table of contents|inhaltsverzeichnis|sommaire|spis treści|содержание|зміст|tags|schlagworte
schlagwörter|mots-clés|tagi|теги|loading|wird geladen|like this|gefällt mir|related articles
related stories|more stories|more news|weitere artikel|mehr zum thema|weitere themen
weitere nachrichten|das könnte sie auch interessieren|das könnte dich auch interessieren
empfohlene artikel|empfohlene beiträge|auch interessant|lesen sie auch|à lire aussi|lire aussi
sur le même sujet|czytaj też|czytaj także|zobacz też|polecamy|читайте также|читайте також
по теме|по темі|you may also like|recommended|recommended for you|most read|meistgelesen
most popular|top stories|latest news|neueste artikel|les plus lus|najczęściej czytane
самое читаемое|найпопулярніше|weitere informationen|more information|further reading
""".splitlines() for item in line.split("|") if item)

# Labels that head a list of links to other articles: the short blocks under them go too.
_SECTION_LABELS = re.compile(
    r"^(?:related(?: articles| stories| coverage| news)?|more (?:stories|news|on this|from)"
    r"|you (?:may|might) also like|recommended(?: for you)?|most (?:read|popular)|top stories"
    r"|latest news|further reading|weitere (?:artikel|beiträge|themen|nachrichten)"
    r"|mehr zum thema|das (?:könnte|dürfte) (?:sie|dich) auch interessieren|auch interessant"
    r"|empfohlene (?:artikel|beiträge)|meistgelesen|lesen sie auch|neueste artikel"
    r"|(?:à )?lire aussi|sur le même sujet|les plus lus|czytaj (?:też|także)|zobacz (?:też|także)"
    r"|polecamy|najczęściej czytane|читайте (?:также|також)|по теме|по темі|самое читаемое"
    r"|найпопулярніше|ещё по теме|ще по темі)\W*$", re.IGNORECASE)

SHORT = 300
_CREDIT_MAX = 200
_LABEL_MAX = 60
_SECTION_ITEM_MAX = 160


def _label(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" :.!?»›>→–—-|")


def is_read_also(block: Block) -> bool:
    return len(block.text) <= SHORT and bool(_READ_ALSO_RE.match(block.text))


def is_credit(block: Block) -> bool:
    return len(block.text) <= _CREDIT_MAX and bool(_CREDIT_RE.match(block.text))


def is_prompt(block: Block) -> bool:
    return len(block.text) <= SHORT and bool(_PROMPT_RE.search(block.text))


def is_label(block: Block) -> bool:
    return len(block.text) <= _LABEL_MAX and _label(block.text) in _LABELS


RULES: dict[str, Callable[[Block], bool]] = {
    "read_also": is_read_also,
    "credit": is_credit,
    "prompt": is_prompt,
    "label": is_label,
}


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
    """The blocks without teasers, credits, prompts, labels and headed link lists."""
    rules = RULES if rules is None else rules
    kept: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if sections and len(block.text) <= _LABEL_MAX and _SECTION_LABELS.match(
                _label(block.text)):
            index = _section_end(blocks, index)
            continue
        if not any(rule(block) for rule in rules.values()):
            kept.append(block)
        index += 1
    return tuple(kept)
