"""The desk's story pages: every member shown, split and merge behind login and CSRF."""

from __future__ import annotations

from lxml import html
from tests.unit.web.test_story_pages import build_world
from tests.unit.web.test_web_desk import csrf_of, login

from presswatch.store import stories as store_stories


def members(db, story_id: int) -> set[int]:
    with db.session() as s:
        return {m.document_id for m in store_stories.members(s, story_id)}


def test_story_pages_need_a_login(client, db, settings, seeded):
    world = build_world(db, settings)
    for path in ("/desk/stories/", f"/desk/stories/{world.story}"):
        response = client.get(path)
        assert response.status_code == 303 and "/desk/login" in response.headers["location"]
    response = client.post(f"/desk/stories/{world.story}/split",
                           data={"documents": world.docs["wire"], "csrf_token": "x"})
    assert response.status_code == 303 and "/desk/login" in response.headers["location"]


def test_the_desk_shows_every_member_including_unpublished_ones(client, db, settings, seeded):
    world = build_world(db, settings)
    login(client)
    listing = html.fromstring(client.get("/desk/stories/").text)
    assert listing.xpath(f"//a[@href='/desk/stories/{world.story}']")
    assert html.fromstring(client.get("/desk/").text).xpath("//a[@href='/desk/stories/']")
    tree = html.fromstring(client.get(f"/desk/stories/{world.story}").text)
    boxes = tree.xpath("//input[@name='documents']/@value")
    assert sorted(int(v) for v in boxes) == sorted(world.docs.values())
    assert "Geneva: what comes next" in tree.text_content()
    assert tree.xpath(f"//a[@href='/uk/stories/{world.story}']")  # its public page


def test_split_moves_the_checked_documents_and_needs_the_csrf_token(client, db, settings,
                                                                   seeded):
    world = build_world(db, settings)
    login(client)
    form = client.get(f"/desk/stories/{world.story}")
    moved = [world.docs["wire"], world.docs["pending"]]
    forged = client.post(f"/desk/stories/{world.story}/split",
                         data={"documents": moved, "csrf_token": "0" * 64})
    assert forged.status_code == 403 and members(db, world.story) == set(world.docs.values())
    response = client.post(f"/desk/stories/{world.story}/split",
                           data={"documents": moved, "csrf_token": csrf_of(form)})
    assert response.status_code == 303
    new_id = int(response.headers["location"].rsplit("/", 1)[1])
    assert members(db, new_id) == set(moved)
    assert members(db, world.story) == set(world.docs.values()) - set(moved)
    public = html.fromstring(client.get(f"/en/stories/{world.story}").text)
    assert len(public.xpath("//section[@class='timeline']//li")) == 4


def test_merge_from_a_suggestion_joins_two_stories(client, db, settings, seeded):
    world = build_world(db, settings)
    login(client)
    form = client.get(f"/desk/stories/{world.story}")
    split = client.post(f"/desk/stories/{world.story}/split",
                        data={"documents": [world.docs["kurier"]], "csrf_token": csrf_of(form)})
    new_id = int(split.headers["location"].rsplit("/", 1)[1])
    tree = html.fromstring(client.get(f"/desk/stories/{world.story}").text)
    suggested = tree.xpath("//div[@class='suggestions']//input[@name='other']/@value")
    assert suggested[0] == str(new_id)  # the split-off part is the most similar story
    response = client.post(f"/desk/stories/{world.story}/merge",
                           data={"other": new_id, "csrf_token": csrf_of(form)})
    assert response.status_code == 303
    assert members(db, world.story) == set(world.docs.values())
    gone = client.get(f"/desk/stories/{new_id}")
    assert gone.status_code == 303 and gone.headers["location"] == f"/desk/stories/{world.story}"
    again = client.post(f"/desk/stories/{world.story}/merge",
                        data={"other": new_id, "csrf_token": csrf_of(form)})
    assert again.status_code == 400 and "was merged into" in again.text
