"""An editor in Chromium: edit a ru→uk paragraph with the keyboard, accept it, approve the
language, publish, read the edited text on the public page; the next article reuses it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from presswatch.models import Block
from presswatch.settings import Settings
from presswatch.store import articles
from presswatch.store import users as store_users
from presswatch.store.base import Database
from presswatch.store.tables import Document
from presswatch.translate.engines import Engine
from presswatch.translate.memory import DatabaseMemory
from presswatch.translate.service import Translator

pytestmark = pytest.mark.browser

EDITOR, PASSWORD = "olena", "a long desk password"
TITLE = "Кабмин Молдовы утвердил проект бюджета"
FIRST = "Правительство Молдовы в среду утвердило проект бюджета на следующий год."
SHARED = "Оппозиция раскритиковала документ и потребовала публичных слушаний."
LAST = "Голосование в парламенте назначено на конец месяца."
CANNED = {
    TITLE: "Кабмін Молдови затвердив проєкт бюджету",
    FIRST: "Уряд Молдови в середу затвердив проєкт бюджету на наступний рік.",
    SHARED: "Опозиція розкритикувала документ і вимагала публічних слухань.",
    LAST: "Голосування в парламенті призначено на кінець місяця.",
    "Бюджет снова обсуждают": "Бюджет знову обговорюють",
}
EDITED = "Опозиція різко розкритикувала документ і вимагала громадських слухань."


class CannedEngine(Engine):
    """A ru→uk engine with a fixed table of translations: the desk is under test, not MT."""

    name = "canned"

    def pairs(self):
        return {("ru", "uk")}

    def unavailable_reason(self):
        return ""

    def translate_segments(self, segments, source, target):
        return [CANNED[s] for s in segments]


def add_document(db: Database, key: str, title: str, texts: list[str], status: str) -> int:
    with db.session() as s:
        doc = Document(content_hash=f"browser-{key}", title=title, language="ru",
                       blocks=[{"kind": "p", "text": t} for t in texts], section="politics",
                       relevant=True, status=status)
        s.add(doc)
        s.flush()
        return doc.id


def translate(db: Database, data_dir, doc_id: int, title: str, texts: list[str]) -> None:
    """What the pipeline does for uk, with the translation memory in front of the engine."""
    settings = Settings(_env_file=None, data_dir=data_dir, glossary_file=None)
    translator = Translator(settings, engines=[CannedEngine()], memory=DatabaseMemory(db))
    tr = translator.translate_article(title, tuple(Block("p", t) for t in texts), "ru", "uk")
    with db.session() as s:
        articles.save_translation(s, doc_id, tr)


@pytest.fixture(scope="module")
def desk_db(site_database_url: str, site_data_dir):
    db = Database(site_database_url)
    with db.session() as s:
        if store_users.get_user(s, EDITOR) is None:
            store_users.create_user(s, EDITOR, PASSWORD)
    yield db
    db.dispose()


def sign_in(page: Page, base: str, next_path: str) -> None:
    page.goto(f"{base}{next_path}")
    expect(page).to_have_url(re.compile(r"/desk/login"))
    page.get_by_label("User name").fill(EDITOR)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}{next_path}")


def test_edit_accept_approve_publish_and_reuse(page: Page, live_server: str, desk_db,
                                               site_data_dir, results_dir):
    texts = [FIRST, SHARED, LAST]
    doc_id = add_document(desk_db, "first", TITLE, texts, "candidate")
    translate(desk_db, site_data_dir, doc_id, TITLE, texts)
    desk = f"/desk/documents/{doc_id}/translations/uk"
    sign_in(page, live_server, desk)

    paragraph = page.locator("#p2")
    expect(paragraph.locator(".badge.origin-engine")).to_have_text("canned")
    expect(paragraph.locator(".source")).to_contain_text(SHARED)
    # keyboard: j j → the second paragraph, e → its draft, Ctrl+Enter → save
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(paragraph).to_have_class(re.compile(r"\bis-current\b"))
    page.keyboard.press("e")
    box = paragraph.locator("textarea")
    expect(box).to_be_focused()
    box.fill(EDITED)
    page.keyboard.press("Control+Enter")
    expect(page).to_have_url(re.compile(r"#p2$"))
    expect(page.locator("#p2 .badge.origin-editor")).to_have_text(f"editor: {EDITOR}")
    history = page.locator("#p2 details.history")
    history.locator("summary").click()
    expect(history.locator("li")).to_have_count(2)
    expect(history.locator("li").nth(1)).to_contain_text(EDITOR)
    expect(history.locator("li").nth(1)).to_contain_text(EDITED)
    # a → accept the current paragraph (the one the page came back to)
    page.keyboard.press("a")
    expect(page.locator("#p2")).to_have_class(re.compile(r"\baccepted\b"))

    open_checks = int(re.search(r"\d+", page.locator(".open-checks").inner_text()).group())
    if open_checks:
        page.get_by_label("Reason for overriding open checks").fill(
            "figures confirmed with the outlet")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.locator(".notice.approved")).to_contain_text(f"Approved by {EDITOR}")
    page.screenshot(path=str(results_dir / "translation-desk.png"), full_page=True)

    page.goto(f"{live_server}/desk/documents/{doc_id}")
    page.locator("button.action-published").click()
    expect(page.locator("p.rubric")).to_contain_text("Published")
    page.get_by_role("link", name="Public page").click()
    expect(page).to_have_url(re.compile(rf"/uk/politics/{doc_id}-"))
    expect(page.locator("h1")).to_have_text(CANNED[TITLE])
    expect(page.locator(".story-body")).to_contain_text(EDITED)

    # the next article with the same paragraph takes it from the memory, before any engine
    second = ["Бюджет снова обсуждают", SHARED]
    other_id = add_document(desk_db, "second", "Бюджет снова обсуждают", second[1:], "new")
    translate(desk_db, site_data_dir, other_id, second[0], second[1:])
    page.goto(f"{live_server}/desk/documents/{other_id}/translations/uk")
    expect(page.locator("#p1 .badge.origin-memory")).to_have_text("memory")
    expect(page.locator("#p1 textarea")).to_have_value(EDITED)
    expect(page.locator("#p0 .badge.origin-engine")).to_have_text("canned")
