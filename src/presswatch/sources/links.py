"""Article links on front, section and archive pages: found, kept on the site, scored.

A page without a feed still links its articles. ``article_links`` reads every ``<a href>`` of
a page and keeps the links that look like articles:

* **same site**: the page's host and port (a leading ``www.`` aside); another subdomain is
  another site;
* **canonical and new**: ``canonicalize_url``, fragments and tracking parameters gone, and
  not one of the ``known`` URLs;
* **not a known non-article**: tags, categories, authors, search, login, subscription,
  pagination, legal pages, feeds, images, date listings, ``mailto:`` and ``javascript:``;
* **scored** on the URL's shape (a date, a long hyphenated slug, a numeric id, depth, ``.html``),
  the anchor text (a headline has 4 to 20 words) and where the link sits (in ``<main>``,
  ``<article>`` or a headline scores, in ``<nav>``, ``<footer>`` or ``<aside>`` costs).

A link is kept when its best occurrence on the page reaches ``THRESHOLD``; ``score_links``
gives every candidate with its score and reasons, to see why a link was left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

import lxml.html
from lxml import etree

from presswatch.models import FeedItem
from presswatch.urls import DEFAULT_PORTS, absolute_url, canonicalize_url

__all__ = ["THRESHOLD", "ScoredLink", "article_links", "exclusion", "page_items", "same_site",
           "score_links"]

#: The score a link needs to count as an article link.
THRESHOLD = 5.0
#: Links read from one page at most (a page with more is not a news page).
MAX_ANCHORS = 5000

NON_ARTICLE_SEGMENTS = frozenset({
    # tags, topics, categories, authors
    "tag", "tags", "teg", "tegi", "thema", "themen", "topic", "topics", "tema", "temy", "temi",
    "category", "categories", "kategorie", "kategorien", "kategoriya", "rubric", "rubrics",
    "author", "authors", "autor", "autoren", "avtor", "avtory", "avtori", "person", "people",
    "тег", "теги", "тема", "темы", "теми", "автор", "автори", "авторы", "рубрика",
    # search, accounts, subscriptions
    "search", "suche", "poisk", "poshuk", "пошук", "поиск", "login", "logout", "signin",
    "sign-in", "signup", "sign-up", "register", "registration", "account", "profile", "konto",
    "subscribe", "subscription", "subscriptions", "abo", "abonnement", "newsletter",
    "newsletters", "podpiska", "pidpyska", "передплата", "подписка", "rozsylka", "cart", "shop",
    # feeds, admin
    "feed", "feeds", "rss", "atom", "wp-admin", "wp-login.php", "cdn-cgi", "sitemap",
    # about the outlet, legal
    "impressum", "imprint", "datenschutz", "privacy", "privacy-policy", "terms", "agb",
    "cookies", "kontakt", "contact", "contacts", "kontakty", "about", "about-us", "pro-nas",
    "o-nas", "ueber-uns", "uber-uns", "reklama", "advertising", "werbung", "mediadaten",
    "jobs", "karriere", "careers", "vakansii", "help", "hilfe", "faq",
})
ARCHIVE_SEGMENTS = frozenset({"archive", "archives", "archiv", "arkhiv", "arhiv", "arkhiv-novyn",
                              "архив", "архів", "news-archive"})
PAGE_WORDS = frozenset({"page", "seite", "stranica", "stranitsa", "storinka", "p", "страница",
                        "сторінка"})
PAGE_PARAMS = frozenset({"page", "p", "seite", "pg", "pagen_1", "offset", "start"})
SEARCH_PARAMS = frozenset({"q", "s", "query", "search", "suche"})
FILE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif",
                 ".pdf", ".zip", ".gz", ".mp3", ".mp4", ".m4a", ".webm", ".avi", ".mov", ".xml",
                 ".rss", ".atom", ".json", ".css", ".js", ".txt", ".doc", ".docx", ".xls",
                 ".xlsx", ".ppt", ".pptx", ".epub", ".woff", ".woff2", ".ttf")
PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".phtml", ".php", ".asp", ".aspx")
SKIPPED_SCHEMES = ("mailto:", "javascript:", "tel:", "data:", "sms:", "fax:", "callto:", "skype:",
                   "viber:", "whatsapp:", "tg:", "ftp:", "file:", "about:", "intent:")

_YEAR = r"(?:19[89]\d|20\d\d)"
_DATE = re.compile(
    rf"(?:^|/){_YEAR}/(?:0?[1-9]|1[0-2])(?:/|$)"  # /2026/02/
    rf"|(?:^|[/_-]){_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:$|[/_.-])"  # 2026-02-14
    rf"|(?:^|[/_-]){_YEAR}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:$|[/_.-])"  # 20260214
)
_DATE_PART = re.compile(rf"^(?:{_YEAR}|\d{{1,2}}|{_YEAR}-\d{{1,2}}(?:-\d{{1,2}})?|{_YEAR}\d{{4}})$")
_ID = re.compile(r"(?<![0-9])(?!(?:19[89]\d|20\d\d)(?![0-9]))\d{4,}(?![0-9])")
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_SLUG_SPLIT = re.compile(r"[-_+.]+")
_PENALIZED_CLASS = re.compile(
    r"(?:^|[-_ ])(?:nav|navbar|navigation|menu|footer|breadcrumbs?|crumbs|sidebar|pager|"
    r"pagination|share|social|cookie|gdpr|consent|login|account|tags?|topics)(?:$|[-_ ])"
)
_HEADLINE_CLASS = re.compile(r"(?:^|[-_ ])(?:headline|hl|title|titel|zagolovok)(?:$|[-_ ])")
_MAIN_IDS = frozenset({"main", "content", "main-content", "maincontent", "inhalt", "primary"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})


@dataclass(frozen=True, slots=True)
class ScoredLink:
    """A link on a page with its score and the reasons for it (``"slug +2"``, ...)."""

    url: str
    text: str
    score: float
    reasons: tuple[str, ...] = ()


# -- URLs --------------------------------------------------------------------------------------


def _site(url: str) -> tuple[str, int | None] | None:
    """Host without ``www.`` and a port other than the scheme's default (http and https of
    one host are one site)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".").lower().removeprefix("www.")
    if not host or scheme not in DEFAULT_PORTS:
        return None
    return host, None if port == DEFAULT_PORTS[scheme] else port


def same_site(url: str, site_url: str) -> bool:
    """Whether ``url`` is on the site of ``site_url``: the same host (``www.`` aside) and port."""
    mine = _site(site_url)
    return mine is not None and _site(url) == mine


def _segments(path: str) -> list[str]:
    return [s for s in unquote(path).lower().split("/") if s]


def _pagination(segments: list[str], query: list[tuple[str, str]]) -> bool:
    for word, nxt in zip(segments, segments[1:], strict=False):
        if word in PAGE_WORDS and nxt.isdigit():
            return True
    if any(k.lower() in PAGE_PARAMS and v.isdigit() for k, v in query):
        return True
    return bool(segments) and re.fullmatch(r"(?:page|seite|p)[-_]?\d+", segments[-1]) is not None


def _date_listing(segments: list[str]) -> bool:
    """``/2026/02/14/``, ``/archiv/2026/02/`` or ``/archive/2026-02-14``: a list, no article."""
    rest = segments[1:] if segments and segments[0] in ARCHIVE_SEGMENTS else segments
    return bool(rest) and all(_DATE_PART.match(s) for s in rest)


def exclusion(url: str) -> str | None:
    """Why ``url`` (absolute, canonical) is no article link, or None when it may be one."""
    parts = urlsplit(url)
    segments = _segments(parts.path)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if not segments and not query:
        return "home page"
    if parts.path.lower().endswith(FILE_SUFFIXES):
        return "file"
    word = next((s for s in segments if s in NON_ARTICLE_SEGMENTS), None)
    if word is not None:
        return f"non-article section /{word}/"
    if segments and segments[0] in ARCHIVE_SEGMENTS and len(segments) == 1:
        return "archive"
    if _pagination(segments, query):
        return "pagination"
    if any(k.lower() in SEARCH_PARAMS for k, _ in query):
        return "search"
    if _date_listing(segments):
        return "date listing"
    return None


def _url_score(url: str) -> tuple[float, list[str]]:
    parts = urlsplit(url)
    path = unquote(parts.path).lower()
    segments = _segments(parts.path)
    score, reasons = 0.0, []

    def add(points: float, why: str) -> None:
        nonlocal score
        score += points
        reasons.append(f"{why} {points:+g}")

    if _DATE.search(path):
        add(2, "date in path")
    last = next((s for s in reversed(segments) if not s.isdigit()), "")
    stem = last.rsplit(".", 1)[0] if last.endswith(PAGE_SUFFIXES) else last
    words = [w for w in _SLUG_SPLIT.split(stem) if _WORD.search(w)]
    if len(words) >= 3:
        add(2, "slug")
    elif len(words) == 2:
        add(1, "short slug")
    has_id = bool(_ID.search(path)) or any(
        k.lower() in ("id", "p", "article", "story", "nid", "aid") and v.isdigit()
        for k, v in parse_qsl(parts.query))
    if has_id:
        add(2, "numeric id")
    if len(segments) >= 2:
        add(1, "depth")
    elif len(words) < 3 and not has_id:
        add(-1, "shallow")
    if path.endswith(PAGE_SUFFIXES):
        add(1, ".html")
    return score, reasons


# -- the page ----------------------------------------------------------------------------------


def _document(html: bytes | str) -> etree._Element | None:
    if isinstance(html, bytes):
        try:
            html = html.decode("utf-8")
        except UnicodeDecodeError:
            pass  # lxml reads <meta charset> from the bytes
    if not html or not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except ValueError:  # a str with an XML encoding declaration
        try:
            return lxml.html.document_fromstring(html.encode("utf-8"))
        except (etree.ParserError, ValueError):
            return None
    except etree.ParserError:
        return None


def _anchor_text(anchor: etree._Element) -> str:
    text = " ".join(anchor.text_content().split())
    if not text:
        images = anchor.xpath(".//img/@alt")
        text = " ".join(" ".join(str(a) for a in images).split()) or (anchor.get("title") or "")
    return text[:500]


def _text_score(text: str) -> tuple[float, str]:
    words = len([w for w in text.split() if _WORD.search(w)])
    if 4 <= words <= 20:
        return 2, "headline text +2"
    if 21 <= words <= 35:
        return 1, "long text +1"
    if words >= 2:
        return 0, "short text +0"
    return -1.5, "one word or none -1.5"


def _classes(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def _context_score(anchor: etree._Element) -> tuple[float, list[str]]:
    """Where the link sits: main content and headlines score, navigation and footers cost."""
    in_main = in_heading = boxed = named_box = headline = False
    in_header = False
    for el in (anchor, *anchor.iterancestors()):
        tag = el.tag if isinstance(el.tag, str) else ""
        role = (el.get("role") or "").lower()
        names = _classes(el)
        in_heading |= tag in _HEADINGS
        headline |= bool(_HEADLINE_CLASS.search(names))
        if tag in ("main", "article") or role == "main" or (el.get("id") or "") in _MAIN_IDS:
            in_main = True
        if tag in ("nav", "footer", "aside") or role in ("navigation", "contentinfo",
                                                          "complementary", "menu", "menubar"):
            boxed = True
        in_header |= tag == "header" and not in_main
        if tag not in ("html", "body") and _PENALIZED_CLASS.search(names):
            named_box = True
    in_heading |= any(isinstance(d.tag, str) and d.tag in _HEADINGS for d in anchor.iter())
    score, reasons = 0.0, []
    for flag, points, why in (
        (in_main, 1, "in main"), (in_heading, 2, "in headline"),
        (headline and not in_heading, 1, "headline class"), (boxed, -3, "in nav/footer/aside"),
        (in_header and not boxed, -2, "in site header"),
        (named_box and not boxed, -2, "in menu/share box"),
    ):
        if flag:
            score += points
            reasons.append(f"{why} {points:+g}")
    return score, reasons


def _main_region(doc: etree._Element) -> etree._Element | None:
    found = doc.xpath("//main | //*[@role='main']")
    return found[0] if found else None


def _base(doc: etree._Element, base_url: str) -> str:
    base = doc.find(".//base[@href]")
    return absolute_url(base_url, base.get("href", "")) if base is not None else base_url


def _candidate(href: str, base_url: str, page: str) -> str | None:
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(SKIPPED_SCHEMES):
        return None
    url = canonicalize_url(absolute_url(base_url, href))
    if not url.startswith(("http://", "https://")) or url == page:
        return None
    return url if same_site(url, page) else None


def score_links(
    html: bytes | str, base_url: str, *, known: set[str] | frozenset[str] = frozenset(),
    main_only: bool = False,
) -> list[ScoredLink]:
    """Every same-site, new, non-excluded link of a page with its best score, in page order.

    ``main_only`` reads only the page's ``<main>`` (or ``role="main"``) when it has one: the
    listing of an archive page without its "most read" boxes.
    """
    doc = _document(html)
    if doc is None:
        return []
    page = canonicalize_url(base_url)
    base = _base(doc, page)
    region = _main_region(doc) if main_only else None
    root = region if region is not None else doc
    best: dict[str, ScoredLink] = {}
    shapes: dict[str, tuple[float, list[str]] | None] = {}
    for anchor in _anchors(root):
        url = _candidate(anchor.get("href") or "", base, page)
        if url is None or url in known:
            continue
        if url not in shapes:
            shapes[url] = None if exclusion(url) else _url_score(url)
        shape = shapes[url]
        if shape is None:
            continue
        link = _scored(url, anchor, shape)
        current = best.get(url)
        if current is None or (link.score, len(link.text)) > (current.score, len(current.text)):
            best[url] = link
    return list(best.values())


def _scored(url: str, anchor: etree._Element, shape: tuple[float, list[str]]) -> ScoredLink:
    text = _anchor_text(anchor)
    points, why = _text_score(text)
    place, where = _context_score(anchor)
    return ScoredLink(url, text, round(shape[0] + points + place, 2), (*shape[1], why, *where))


def _anchors(root: etree._Element) -> list[etree._Element]:
    anchors = []
    for anchor in root.iter("a"):
        anchors.append(anchor)
        if len(anchors) >= MAX_ANCHORS:
            break
    return anchors


def article_links(
    html: bytes | str, base_url: str, *, known: set[str] | frozenset[str],
    threshold: float = THRESHOLD, main_only: bool = False,
) -> list[ScoredLink]:
    """The article links of a front, section or archive page, in page order.

    Same-site, canonical, not in ``known``, not a known non-article, scored at or above
    ``threshold``. Never raises for bad input: an empty or broken page has no links.
    """
    return [link for link in score_links(html, base_url, known=known, main_only=main_only)
            if link.score >= threshold]


def page_items(html: bytes | str, base_url: str, *,
               known: set[str] | frozenset[str] = frozenset()) -> tuple[FeedItem, ...]:
    """``article_links`` as feed items (the anchor text as title), for ``add_discovered``."""
    return tuple(FeedItem(url=link.url, title=link.text)
                 for link in article_links(html, base_url, known=known))
