"""The review store: status changes with who and when, listing, users."""

from __future__ import annotations

import pytest
from tests.support import migrated_database

from presswatch.errors import InputError
from presswatch.store import review as store_review
from presswatch.store import users as store_users
from presswatch.store.tables import Document


@pytest.fixture
def db(tmp_path):
    with migrated_database(tmp_path / "review.db") as database:
        yield database


def add_doc(db, key: str, *, section: str | None = "politics", relevant: bool = True) -> int:
    with db.session() as s:
        doc = Document(content_hash=key, title=f"Title {key}", blocks=[{"kind": "p", "text": "x"}],
                       language="en", section=section, relevant=relevant)
        s.add(doc)
        s.flush()
        return doc.id


def test_candidate_then_publish_records_who_and_when(db):
    doc_id = add_doc(db, "a")
    with db.session() as s:
        store_review.set_status(s, doc_id, "candidate", by="alice")
        doc = store_review.set_status(s, doc_id, "published", by="bob")
        assert (doc.status, doc.status_by) == ("published", "bob")
        assert doc.published_at is not None and doc.status_changed_at == doc.published_at


def test_unpublish_and_illegal_moves(db):
    doc_id = add_doc(db, "b")
    with db.session() as s:
        with pytest.raises(InputError, match="cannot move a new document to published"):
            store_review.set_status(s, doc_id, "published", by="x")
        store_review.set_status(s, doc_id, "candidate", by="x")
        store_review.set_status(s, doc_id, "published", by="x")
        assert store_review.set_status(s, doc_id, "rejected", by="x").status == "rejected"


def test_publishing_needs_a_section(db):
    doc_id = add_doc(db, "c", section=None)
    with db.session() as s:
        store_review.set_status(s, doc_id, "candidate", by="x")
        with pytest.raises(InputError, match="has no section"):
            store_review.set_status(s, doc_id, "published", by="x")
        store_review.set_section(s, doc_id, "energy", ("energy", "politics"))
        assert store_review.set_status(s, doc_id, "published", by="x").section == "energy"
        with pytest.raises(InputError, match="unknown section"):
            store_review.set_section(s, doc_id, "sport", ("energy",))


def test_missing_document_is_an_input_error(db):
    with db.session() as s, pytest.raises(InputError, match="no document with id 99"):
        store_review.set_status(s, 99, "candidate", by="x")


def test_list_filters_by_status_and_relevance(db):
    a, b = add_doc(db, "d"), add_doc(db, "e", relevant=False)
    with db.session() as s:
        store_review.set_status(s, a, "candidate", by="x")
        assert [r.id for r in store_review.list_documents(s, "candidate")] == [a]
        assert {r.id for r in store_review.list_documents(s, ("new", "candidate"))} == {a, b}
        assert [r.id for r in store_review.list_documents(s, relevant=True)] == [a]
        assert store_review.count_by_status(s) == {"candidate": 1, "new": 1}


def test_users_are_unique_and_passwords_hashed(db):
    with db.session() as s:
        user = store_users.create_user(s, "editor", "a good password")
        assert user.password_hash.startswith("$argon2id$")
        with pytest.raises(InputError, match="already exists"):
            store_users.create_user(s, "editor", "another password")
        assert store_users.authenticate(s, "editor", "a good password") is not None
        assert store_users.authenticate(s, "editor", "wrong password") is None
        assert store_users.authenticate(s, "nobody", "a good password") is None
        store_users.set_password(s, "editor", "a newer password")
        assert store_users.authenticate(s, "editor", "a newer password") is not None
