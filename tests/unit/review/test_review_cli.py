"""``presswatch users`` and ``presswatch review`` through the real typer app."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from presswatch.cli.main import app
from presswatch.store import migrate
from presswatch.store.base import Database
from presswatch.store.tables import Document, User


@pytest.fixture
def env(tmp_path, monkeypatch):
    for name in list(__import__("os").environ):
        if name.startswith("PRESSWATCH_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env file
    migrate.upgrade(f"sqlite:///{tmp_path / 'presswatch.db'}")
    return {"PRESSWATCH_DATA_DIR": str(tmp_path)}


def run(env, *args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), env=env, input=input)


def test_users_add_from_stdin_stores_a_hash(env, tmp_path):
    result = run(env, "users", "add", "editor", "--password-stdin", input="s3cret-enough\n")
    assert result.exit_code == 0, result.output
    assert "editor" in run(env, "users", "list").output
    db = Database(f"sqlite:///{tmp_path / 'presswatch.db'}")
    with db.session() as s:
        stored = s.scalars(select(User.password_hash)).one()
    db.dispose()
    assert stored.startswith("$argon2id$") and "s3cret-enough" not in stored


def test_review_moves_a_document_and_refuses_illegal_moves(env, tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'presswatch.db'}")
    with db.session() as s:
        doc = Document(content_hash="h", title="Grid operators meet", blocks=[],
                       language="en", section="energy", relevant=True)
        s.add(doc)
        s.flush()
        doc_id = str(doc.id)
    refused = run(env, "review", "publish", doc_id)
    assert refused.exit_code != 0
    assert "cannot move a new document to published" in str(refused.exception)
    assert run(env, "review", "candidate", doc_id).exit_code == 0
    listing = run(env, "review", "list", "--status", "candidate")
    assert "Grid operators meet" in listing.output
    assert run(env, "review", "publish", doc_id).exit_code == 0
    with db.session() as s:
        doc = s.get(Document, int(doc_id))
        assert doc.status == "published" and doc.status_by.startswith("cli")
    db.dispose()
