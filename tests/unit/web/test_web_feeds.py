"""Atom feeds per language and per section: valid XML, published entries only."""

from __future__ import annotations

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client, path: str) -> etree._Element:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    return etree.fromstring(response.content)


def test_language_feed_has_every_published_document(client, seeded):
    root = feed(client, "/uk/feed.atom")
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "uk"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    entries = root.findall(f"{ATOM}entry")
    titles = {e.findtext(f"{ATOM}title") for e in entries}
    assert "Парламент Молдови змінив закон про безпеку" in titles
    assert seeded.titles["candidate"] not in titles and seeded.titles["new"] not in titles
    assert len(entries) == 5
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)


def test_entries_link_to_articles_and_carry_dates(client, seeded):
    root = feed(client, "/en/feed.atom")
    entry = next(e for e in root.findall(f"{ATOM}entry")
                 if e.findtext(f"{ATOM}title") == seeded.titles["en"])
    link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert link.startswith(f"http://testserver/en/geopolitics/{seeded.docs['en']}-")
    assert client.get(link.removeprefix("http://testserver")).status_code == 200
    assert entry.findtext(f"{ATOM}updated").endswith("Z")
    assert entry.findtext(f"{ATOM}published") == "2025-03-10T11:00:00Z"
    assert "<h2>Support for Kyiv</h2>" in entry.findtext(f"{ATOM}content")


def test_section_feed_only_has_that_section(client, seeded):
    root = feed(client, "/ru/politics/feed.atom")
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert titles == [seeded.titles["ru"]]
    assert client.get("/ru/sport/feed.atom").status_code == 404


def test_hostile_text_is_escaped_inside_the_feed(client, seeded):
    root = feed(client, "/en/society/feed.atom")
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == seeded.titles["xss"]  # text, parsed back intact
    content = entry.findtext(f"{ATOM}content")
    assert "<script" not in content and "<img" not in content
    assert "&lt;script&gt;" in content
