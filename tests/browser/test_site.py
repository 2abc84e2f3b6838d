"""A reader in Chromium: home, a section, an article, its breadcrumb, the other languages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

HOME = {"uk": "Головна", "en": "Home", "ru": "Главная"}


def breadcrumb(page: Page) -> list[str]:
    items = page.locator("nav[aria-label='breadcrumb'] ol > li")
    return [text.strip() for text in items.all_text_contents()]


def switch_to(page: Page, lang: str) -> None:
    link = page.locator("nav.languages").get_by_role("link", name=lang, exact=True)
    translated = "untranslated" not in (link.get_attribute("class") or "")
    before = page.locator("h1").text_content()
    link.click()
    expect(page).to_have_url(re.compile(rf"/{lang}/[a-z]+/\d+-"))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert breadcrumb(page)[0] == HOME[lang]
    assert page.locator("nav.languages a[aria-current='true']").text_content() == lang
    if translated:
        assert page.locator("h1").text_content() != before
        expect(page.locator("h1")).to_have_attribute("lang", lang)
    else:
        expect(page.locator(".untranslated-notice")).to_be_visible()


def test_reader_goes_from_home_to_an_article_and_through_its_languages(
    page: Page, live_server: str, results_dir
):
    page.goto(f"{live_server}/")
    expect(page).to_have_url(f"{live_server}/uk/")
    expect(page.locator("html")).to_have_attribute("lang", "uk")

    section_link = page.locator("main h2.rubric-head a").first
    section_name = section_link.text_content().strip()
    section_link.click()
    expect(page).to_have_url(re.compile(r"/uk/[a-z]+/$"))
    expect(page.locator("h1")).to_have_text(section_name)

    article_link = page.locator("main article.teaser h3 a").first
    title = article_link.text_content().strip()
    article_link.click()
    expect(page).to_have_url(re.compile(r"/uk/[a-z]+/\d+-[a-z0-9-]+$"))
    expect(page.locator("h1")).to_have_text(title)
    assert breadcrumb(page) == [HOME["uk"], section_name, title]
    expect(page.locator("p.rubric")).to_have_text(section_name)
    expect(page.locator("a.outlet-link")).to_have_attribute("href", re.compile(r"^https?://"))

    switch_to(page, "en")
    switch_to(page, "ru")
    page.screenshot(path=str(results_dir / "article.png"), full_page=True)
    assert (results_dir / "article.png").stat().st_size > 10_000
