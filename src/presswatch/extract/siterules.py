"""Per-site extraction rules: one TOML file per site under ``extract/sites/``, chosen by host.

A rule file names its hosts and one or more layouts. A layout has a ``version``; when an
outlet changes its markup, a new layout with a higher version and a ``detect`` selector that
only the new markup matches is added, and the old one stays for stored pages (never an
``if`` in code). Selectors are CSS, or XPath when they start with ``/`` or ``(``; a selector
may end in `` @attr`` to read an attribute instead of the text::

    name = "Berliner Morgenblatt"
    hosts = ["morgenblatt.example"]

    [[layout]]
    version = 1
    detect = "article.mb-artikel"        # optional: the layout applies where this matches
    body = "article.mb-artikel"          # the article body (replaces trafilatura's choice)
    title = "article.mb-artikel h1"
    author = ".mb-autor .mb-name"
    date = ".mb-autor time @datetime"
    section = ".mb-brotkrumen a:last-child"
    remove = [".mb-dachzeile", ".mb-autor"]   # left out of the body

Every field is optional; what a layout does not name comes from the generic extraction.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from cssselect import GenericTranslator, SelectorError
from lxml import etree, html

from presswatch.errors import ConfigError

log = logging.getLogger(__name__)

SITES_DIR = Path(__file__).with_name("sites")
_FIELDS = ("detect", "body", "title", "author", "date", "section")


@dataclass(frozen=True, slots=True)
class Selector:
    """A compiled CSS or XPath selector, with the attribute to read (or the text)."""

    source: str
    expression: str  # the XPath expression, CSS translated
    attribute: str | None = None

    @property
    def xpath(self) -> etree.XPath:
        return _compiled(self.expression)

    def elements(self, tree: html.HtmlElement) -> list[html.HtmlElement]:
        return [node for node in self.xpath(tree) if isinstance(node, html.HtmlElement)]

    def first_value(self, tree: html.HtmlElement) -> str | None:
        """The attribute or whitespace-collapsed text of the first match that has one (an
        XPath may select an attribute or text node itself)."""
        for node in self.xpath(tree):
            if isinstance(node, str):
                value = str(node)
            elif isinstance(node, html.HtmlElement):
                value = node.get(self.attribute) if self.attribute else node.text_content()
            else:
                continue
            value = " ".join((value or "").split())
            if value:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Layout:
    version: int
    detect: Selector | None = None
    body: Selector | None = None
    title: Selector | None = None
    author: Selector | None = None
    date: Selector | None = None
    section: Selector | None = None
    remove: tuple[Selector, ...] = ()

    def applies_to(self, tree: html.HtmlElement) -> bool:
        return self.detect is None or bool(self.detect.elements(tree))


@dataclass(frozen=True, slots=True)
class SiteRule:
    name: str
    hosts: tuple[str, ...]
    layouts: tuple[Layout, ...]  # highest version first
    path: Path

    def layout_for(self, tree: html.HtmlElement) -> Layout | None:
        """The newest layout whose ``detect`` selector matches the page."""
        return next((layout for layout in self.layouts if layout.applies_to(tree)), None)


def compile_selector(text: str, where: str) -> Selector:
    """A Selector from CSS or XPath text (``sel @attr`` reads an attribute)."""
    source, attribute = text.strip(), None
    head, sep, tail = source.rpartition(" @")
    if sep and tail.replace("-", "").replace("_", "").isalnum():
        source, attribute = head.strip(), tail
    try:
        expression = (source if source.startswith(("/", "("))
                      else GenericTranslator().css_to_xpath(source))
        _compiled(expression)
        return Selector(text, expression, attribute)
    except (SelectorError, etree.XPathSyntaxError) as err:
        raise ConfigError(f"{where}: bad selector {text!r}: {err}") from err


@cache
def _compiled(expression: str) -> etree.XPath:
    return etree.XPath(expression)


def _layout(raw: dict, where: str) -> Layout:
    version = raw.get("version")
    if not isinstance(version, int):
        raise ConfigError(f"{where}: every layout needs an integer version")
    fields = {name: compile_selector(raw[name], f"{where} {name}")
              for name in _FIELDS if isinstance(raw.get(name), str)}
    remove = tuple(compile_selector(sel, f"{where} remove") for sel in raw.get("remove", ()))
    return Layout(version=version, remove=remove, **fields)


def load_rule(path: Path) -> SiteRule:
    """One rule file; a malformed one raises ConfigError naming the file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path.name}: {err}") from err
    hosts = tuple(normal_host(h) for h in raw.get("hosts", ()) if isinstance(h, str))
    if not hosts or not raw.get("layout"):
        raise ConfigError(f"{path.name}: a rule file needs hosts and at least one [[layout]]")
    layouts = tuple(_layout(item, f"{path.name} layout {n}")
                    for n, item in enumerate(raw["layout"], 1))
    if len({layout.version for layout in layouts}) != len(layouts):
        raise ConfigError(f"{path.name}: layout versions must differ")
    ordered = tuple(sorted(layouts, key=lambda layout: -layout.version))
    return SiteRule(str(raw.get("name", path.stem)), hosts, ordered, path)


def normal_host(value: str) -> str:
    """A host without scheme, port, trailing dot and ``www.``, lowercased."""
    host = urlsplit(value if "//" in value else f"//{value}").hostname or ""
    host = host.rstrip(".")
    return host.removeprefix("www.")


@cache
def load_rules(directory: Path = SITES_DIR) -> dict[str, SiteRule]:
    """Every rule file in ``directory``, by host."""
    rules: dict[str, SiteRule] = {}
    for path in sorted(directory.glob("*.toml")):
        rule = load_rule(path)
        for host in rule.hosts:
            if host in rules:
                raise ConfigError(f"{path.name}: host {host} is also in {rules[host].path.name}")
            rules[host] = rule
    return rules


def rule_for(url: str, directory: Path | None = None) -> SiteRule | None:
    """The rule for the URL's host (or a parent domain of it), if there is one; the rules
    are read from ``directory`` (by default ``SITES_DIR``)."""
    try:
        host = normal_host(url)
    except ValueError:
        return None
    rules = load_rules(directory or SITES_DIR)
    while host:
        if host in rules:
            return rules[host]
        host = host.partition(".")[2]
    return None
