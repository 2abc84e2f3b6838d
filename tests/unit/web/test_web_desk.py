"""The desk: login, the review queue, CSRF on every form, state changes seen on the site."""

from __future__ import annotations

from lxml import html
from sqlalchemy import select
from tests.unit.web.conftest import EDITOR, PASSWORD

from presswatch.review.auth import SESSION_COOKIE
from presswatch.store.tables import Document, User


def csrf_of(response) -> str:
    tokens = html.fromstring(response.text).xpath("//input[@name='csrf_token']/@value")
    assert tokens, "form without a CSRF token"
    return tokens[0]


def login(client, username: str = EDITOR, password: str = PASSWORD):
    form = client.get("/desk/login")
    return client.post("/desk/login", data={"username": username, "password": password,
                                            "csrf_token": csrf_of(form), "next": "/desk/"})


def test_desk_pages_redirect_to_login(client, seeded):
    for path in ("/desk/", f"/desk/documents/{seeded.docs['candidate']}"):
        response = client.get(path)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/desk/login?next=/desk/")


def test_login_sets_a_signed_httponly_lax_cookie(client):
    response = login(client)
    assert response.status_code == 303 and response.headers["location"] == "/desk/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/desk" in cookie
    assert client.get("/desk/").status_code == 200


def test_wrong_password_is_refused(client):
    response = login(client, password="not the password")
    assert response.status_code == 401
    assert "Wrong user name or password." in response.text
    assert client.get("/desk/").status_code == 303


def test_forged_session_cookie_is_not_a_login(client):
    client.cookies.set(SESSION_COOKIE, "eyJzaWQiOiJ4IiwidXNlciI6ImVkaXRvciJ9.forged", path="/desk")
    assert client.get("/desk/").status_code == 303


def test_login_form_needs_its_csrf_token(client):
    client.get("/desk/login")
    response = client.post("/desk/login", data={"username": EDITOR, "password": PASSWORD,
                                                "csrf_token": "0" * 64})
    assert response.status_code == 403


def test_password_is_stored_as_an_argon2_hash(db, seeded):
    with db.session() as session:
        stored = session.scalars(select(User.password_hash)).one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_queue_lists_new_and_candidate_relevant_documents_with_notes(client, seeded):
    login(client)
    tree = html.fromstring(client.get("/desk/").text)
    titles = [a.text_content() for a in tree.xpath("//table[@class='queue']//td/a")]
    assert set(titles) == {seeded.titles["candidate"], seeded.titles["new"]}
    text = tree.text_content()
    assert "no engine for de\u2192uk" in text and "Berliner Morgenblatt" in text
    every = html.fromstring(client.get("/desk/?status=all&irrelevant=true").text)
    assert seeded.titles["irrelevant"] in every.text_content()


def test_every_desk_form_carries_a_csrf_token(client, seeded):
    login(client)
    for path in ("/desk/", f"/desk/documents/{seeded.docs['candidate']}"):
        forms = html.fromstring(client.get(path).text).xpath("//form[@method='post']")
        assert forms
        for form in forms:
            assert form.xpath(".//input[@name='csrf_token']/@value"), (path, form.get("action"))


def test_publishing_a_candidate_puts_it_on_the_site(client, db, seeded):
    doc_id = seeded.docs["candidate"]
    assert client.get(f"/en/economy/{doc_id}-x").status_code == 404
    login(client)
    page = client.get(f"/desk/documents/{doc_id}")
    buttons = html.fromstring(page.text).xpath("//form//button/text()")
    assert "Publish" in buttons and "Reject" in buttons
    response = client.post(f"/desk/documents/{doc_id}/status",
                           data={"status": "published", "csrf_token": csrf_of(page)})
    assert response.status_code == 303
    with db.session() as session:
        doc = session.get(Document, doc_id)
        assert (doc.status, doc.status_by) == ("published", EDITOR)
        assert doc.published_at is not None
    assert seeded.titles["candidate"] in client.get("/en/economy/").text


def test_state_change_without_valid_csrf_is_forbidden(client, db, seeded):
    doc_id = seeded.docs["candidate"]
    login(client)
    for token in ("", "deadbeef"):
        response = client.post(f"/desk/documents/{doc_id}/status",
                               data={"status": "published", "csrf_token": token})
        assert response.status_code in (400, 403) if not token else response.status_code == 403
    with db.session() as session:
        assert session.get(Document, doc_id).status == "candidate"


def test_an_illegal_move_is_refused_with_its_reason(client, db, seeded):
    doc_id = seeded.docs["new"]
    login(client)
    page = client.get(f"/desk/documents/{doc_id}")
    response = client.post(f"/desk/documents/{doc_id}/status",
                           data={"status": "published", "csrf_token": csrf_of(page)})
    assert response.status_code == 400
    assert "cannot move a new document to published" in response.text
    with db.session() as session:
        assert session.get(Document, doc_id).status == "new"


def test_editor_can_change_the_section(client, db, seeded):
    doc_id = seeded.docs["new"]
    login(client)
    page = client.get(f"/desk/documents/{doc_id}")
    response = client.post(f"/desk/documents/{doc_id}/section",
                           data={"section": "military", "csrf_token": csrf_of(page)})
    assert response.status_code == 303
    with db.session() as session:
        assert session.get(Document, doc_id).section == "military"


def test_logout_ends_the_session(client):
    login(client)
    queue = client.get("/desk/")
    response = client.post("/desk/logout", data={"csrf_token": csrf_of(queue)})
    assert response.status_code == 303
    assert client.get("/desk/").status_code == 303


def test_the_reason_given_for_a_state_change_is_shown_whole_on_the_document_page(
        client, db, seeded):
    from presswatch.store import review

    doc_id = seeded.docs["candidate"]
    reason = "published over: uk: the translation is not approved. Reason: " + "urgent " * 40
    with db.session() as session:
        review.set_status(session, doc_id, "published", by="cli:root", note=reason)
    login(client)
    tree = html.fromstring(client.get(f"/desk/documents/{doc_id}").text)
    note = tree.xpath("//p[contains(@class, 'status-note')]")[0].text_content()
    assert note == "Why: " + reason
    assert "cli:root" in tree.xpath("//p[@class='meta']")[0].text_content()
