"""The sample press served on loopback, as a crawler meets it: feeds that list every article,
conditional GET, canonical links, the republished copy, the URL variant, the paywall stub, the
broken feed, robots.txt and 404s."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import httpx
import lxml.html
import pytest

from presswatch.samplepress import SamplePress

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
RSS1 = "{http://purl.org/rss/1.0/}"


@pytest.fixture(scope="module")
def press():
    with SamplePress() as running:
        yield running


@pytest.fixture(scope="module")
def client():
    with httpx.Client(timeout=10) as http:
        yield http


def feed_links(body: bytes, content_type: str) -> list[str]:
    """Article links of a feed in any of the sample press's formats."""
    if "json" in content_type:
        return [item["url"] for item in json.loads(body)["items"]]
    root = ET.fromstring(body)
    if root.tag == f"{ATOM}feed":
        return [link.get("href") for link in root.iter(f"{ATOM}link")
                if link.get("rel") == "alternate" and link.get("type") == "text/html"][1:]
    if root.tag == f"{SITEMAP}urlset":
        return [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    if root.tag.endswith("RDF"):
        return [link.text for link in root.iter(f"{RSS1}item") for link in link.iter(f"{RSS1}link")]
    return [item.findtext("link") for item in root.iter("item")]


def bare(url: str) -> str:
    return url.split("?", 1)[0]


def article_page(client: httpx.Client, url: str) -> lxml.html.HtmlElement:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return lxml.html.fromstring(response.content)


def test_catalog_lists_five_outlets_with_live_urls(press, client) -> None:
    catalog = tomllib.loads(press.catalog_toml())["outlet"]
    assert [(c["name"], c["language"], c["country"]) for c in catalog] == [
        (o.name, o.language, o.country) for o in press.outlets
    ]
    assert {c["language"] for c in catalog} == {"de", "en", "ru", "uk"}
    for entry in catalog:
        assert entry["homepage"].startswith("http://127.0.0.1:")
        assert client.get(entry["homepage"]).status_code == 200
        assert entry["feeds"] and all(client.get(f).status_code == 200 for f in entry["feeds"])


def test_at_least_40_article_pages_in_four_languages(press) -> None:
    assert len(press.articles) >= 40
    assert {a.language for a in press.articles} >= {"de", "en", "ru", "uk"}
    assert {a.kind for a in press.articles} == {"normal", "republished", "variant", "paywall",
                                                "hidden"}


def test_every_feed_lists_its_outlets_articles(press, client) -> None:
    for entry in press.outlets:
        expected = {a.url for a in press.articles
                    if a.outlet == entry.name and a.kind != "hidden"}
        found: set[str] = set()
        for feed in entry.feeds:
            response = client.get(feed)
            try:
                links = feed_links(response.content, response.headers["content-type"])
            except ET.ParseError:
                continue  # the deliberately broken feed, tested below
            assert links, feed
            found |= {bare(link) for link in links}
        assert found == expected, entry.name


def test_feeds_come_in_five_formats_with_their_content_types(press, client) -> None:
    types = {client.get(f).headers["content-type"].split(";")[0]
             for entry in press.outlets for f in entry.feeds}
    assert types >= {"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                     "application/feed+json", "application/xml"}
    sitemap = next(f for e in press.outlets for f in e.feeds if f.endswith("sitemap-news.xml"))
    assert b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' in \
        client.get(sitemap).content


def test_home_pages_announce_their_feed_and_link_articles(press, client) -> None:
    for entry in press.outlets:
        page = lxml.html.fromstring(client.get(entry.homepage).content)
        alternates = page.xpath("//link[@rel='alternate']/@href")
        assert alternates and set(alternates) <= set(entry.feeds), entry.name
        links = set(page.xpath("//a/@href"))
        listed = [a for a in press.articles if a.outlet == entry.name and a.kind != "hidden"]
        assert all(a.url in links for a in listed), entry.name


def test_a_second_request_with_validators_costs_a_304(press, client) -> None:
    feed = press.outlets[0].feeds[0]
    first = client.get(feed)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    by_etag = client.get(feed, headers={"If-None-Match": etag})
    by_date = client.get(feed, headers={"If-Modified-Since": modified})
    stale = client.get(feed, headers={"If-Modified-Since": "Mon, 01 Dec 2025 00:00:00 GMT"})
    assert (first.status_code, by_etag.status_code, by_date.status_code) == (200, 304, 304)
    assert by_etag.content == b"" and stale.status_code == 200 and stale.content == first.content
    path = urlsplit(feed).path
    assert (press.outlets[0].name, path, 304) in press.requests


def test_article_pages_carry_canonical_link_and_metadata(press, client) -> None:
    for article in press.articles:
        page = article_page(client, article.url)
        assert page.xpath("//link[@rel='canonical']/@href") == [article.url]
        assert page.get("lang").split("-")[0] == article.language
        assert page.xpath("//meta[@name='author']/@content") == [article.author]
        published = page.xpath("//meta[@property='article:published_time']/@content")
        assert published == [article.published.isoformat()]
        assert page.xpath("//meta[@property='og:title']/@content") == [article.title]
        assert [h.text_content() for h in page.xpath("//article//h1")] == [article.title]
        assert tuple(h.text_content() for h in page.xpath("//article//h2")) == article.headings
        body = " ".join(p.text_content() for p in page.xpath("//article//p"))
        assert all(part in body for part in article.text.split("\n\n")
                   if part not in article.headings), article.url


def test_pages_have_boilerplate_around_the_article(press, client) -> None:
    for entry in press.outlets:
        article = next(a for a in press.articles if a.outlet == entry.name)
        page = article_page(client, article.url)
        outside = page.xpath("//body//*[not(ancestor-or-self::article)]//a/@href")
        assert any(a.url in outside for a in press.articles if a is not article)  # read also
        text = page.text_content().lower()
        assert "cookie" in text
        assert "facebook" in text  # share bar
        assert page.xpath("//form//input[@type='email' or @name='email']")  # newsletter
        assert len(page.xpath("//a")) >= 20  # navigation, footer, teasers
        assert len(page.xpath("//footer//a | //*[@id='footer']//a")) >= 5  # legal links
        comments = page.xpath("//*[contains(@class, 'comment') or contains(@class, 'kommentar')]"
                              "[not(*[contains(@class, 'comment')])]")
        assert len(comments) >= 2, entry.name  # two or three reader comments


def test_text_is_escaped_not_injected(press, client) -> None:
    quoted = next(a for a in press.articles if "'" in a.title)
    raw = client.get(quoted.url).text
    assert "&#39;" in raw
    assert article_page(client, quoted.url).xpath("//h1")[0].text_content() == quoted.title


def test_url_variant_with_tracking_params_resolves_to_the_canonical_page(press, client) -> None:
    variant = next(a for a in press.articles if a.kind == "variant")
    entry = next(e for e in press.outlets if e.name == variant.outlet)
    listed = [link for feed in entry.feeds
              for link in feed_links(client.get(feed).content, "xml")]
    tracked = [link for link in listed if bare(link) == variant.url and link != variant.url]
    assert tracked == [variant.url + "?utm_source=rss&utm_medium=feed"]
    assert variant.url in listed
    with_params = article_page(client, tracked[0])
    assert with_params.xpath("//link[@rel='canonical']/@href") == [variant.url]
    assert client.get(tracked[0]).content == client.get(variant.url).content
    assert (variant.outlet, urlsplit(tracked[0]).path + "?" + urlsplit(tracked[0]).query,
            200) in press.requests


def test_republished_copy_has_the_originals_body_in_other_chrome(press, client) -> None:
    copy = next(a for a in press.articles if a.kind == "republished")
    original = next(a for a in press.articles
                    if a.title == copy.title and a.kind != "republished")
    assert copy.outlet != original.outlet and copy.url != original.url
    copy_page, original_page = article_page(client, copy.url), article_page(client, original.url)

    def body(page: lxml.html.HtmlElement) -> list[str]:
        return [e.text_content() for e in page.xpath("//article//h2 | //article//p")
                if "byline" not in (e.get("class") or "")]

    assert body(copy_page) == body(original_page)
    assert copy.text == original.text
    note = copy_page.xpath("//*[contains(@class, 'syndication')]")[0]
    assert "first appeared in" in note.text_content()
    assert note.xpath(".//a/@href") == [original.url]
    assert copy_page.xpath("//link[@rel='canonical']/@href") == [copy.url]


def test_paywall_stub_shows_only_headline_and_teaser(press, client) -> None:
    stub = next(a for a in press.articles if a.kind == "paywall")
    page = article_page(client, stub.url)
    wall = page.xpath("//*[contains(concat(' ', @class, ' '), ' paywall ')]")
    assert wall and "Subscribe to continue reading" in wall[0].text_content()
    story = [p.text_content() for p in page.xpath("//article//p")
             if not p.xpath("ancestor::*[contains(@class, 'paywall')]")]
    assert story == [stub.first_paragraph]
    assert stub.first_paragraph.count(". ") == 1  # two sentences of teaser
    assert stub.text == stub.first_paragraph and stub.headings == ()
    assert len(" ".join(story)) < 400


def test_malformed_feed_is_not_well_formed(press, client) -> None:
    broken = [f for e in press.outlets for f in e.feeds if f.endswith("/rss/srochno.xml")]
    assert len(broken) == 1
    response = client.get(broken[0])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/rss+xml")
    with pytest.raises(ET.ParseError):
        ET.fromstring(response.content)
    assert not response.content.rstrip().endswith(b"</rss>")


def test_robots_txt_hides_an_unlinked_page(press, client) -> None:
    hidden = next(a for a in press.articles if a.kind == "hidden")
    entry = next(e for e in press.outlets if e.name == hidden.outlet)
    robots = client.get(entry.homepage + "robots.txt")
    assert robots.headers["content-type"] == "text/plain; charset=utf-8"
    disallowed = [line.split(":", 1)[1].strip() for line in robots.text.splitlines()
                  if line.startswith("Disallow:")]
    assert any(urlsplit(hidden.url).path.startswith(path) for path in disallowed)
    for feed in entry.feeds:
        assert hidden.url not in client.get(feed).text
    assert hidden.url not in client.get(entry.homepage).text
    assert client.get(hidden.url).status_code == 200  # there for a crawler that ignores robots
    others = [e for e in press.outlets if e is not entry]
    assert all("Disallow" not in client.get(e.homepage + "robots.txt").text for e in others)


def test_unknown_paths_are_404_and_logged(press, client) -> None:
    home = press.outlets[3].homepage
    response = client.get(home + "no/such/page.html")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert (press.outlets[3].name, "/no/such/page.html", 404) in press.requests
    missing = client.get(home + "no/such/page.html", headers={"If-None-Match": "*"})
    assert missing.status_code == 404


def test_serving_writes_nothing_to_stderr(press, client, capfd) -> None:
    client.get(press.outlets[0].homepage)
    client.get(press.outlets[0].homepage + "missing")
    assert capfd.readouterr().err == ""


def test_properties_need_a_started_press() -> None:
    idle = SamplePress()
    with pytest.raises(RuntimeError, match="not started"):
        _ = idle.outlets


def test_module_runs_standalone_and_prints_the_catalog() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "presswatch.samplepress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if "article pages" in line:
                break
        catalog = tomllib.loads("".join(lines))
        homepage = catalog["outlet"][0]["homepage"]
        assert httpx.get(homepage, timeout=10).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()
    assert len(catalog["outlet"]) == 5
