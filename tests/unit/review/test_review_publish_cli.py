"""``presswatch review publish`` refuses what the desk refuses, unless given a reason.

The real ``presswatch`` command over a real SQLite file: a candidate whose Ukrainian machine
translation has a wrong form of a house term, or (with ``publish_requires_approval``) was
never approved, stays a candidate and the command exits 1 naming each blocker;
``--override-reason`` publishes it and keeps the reason with who published.
"""

from __future__ import annotations

import subprocess

import pytest
from tests.support import PRESSWATCH, ROOT, presswatch_env, run_cli

from presswatch.store import segments as store_segments
from presswatch.store.base import Database
from presswatch.store.tables import Document, TranslationRow


@pytest.fixture
def site(tmp_path):
    env = presswatch_env(tmp_path)
    run_cli("db", "upgrade", env=env)
    db = Database(f"sqlite:///{tmp_path / 'presswatch.db'}")
    yield env, db
    db.dispose()


def candidate(db: Database, uk_title: str) -> str:
    """A Russian candidate with a Ukrainian machine translation titled ``uk_title``."""
    with db.session() as s:
        doc = Document(content_hash=uk_title, title="Обстрел Харькова", language="ru",
                       blocks=[{"kind": "p", "text": "Ночью город обстреляли."}],
                       section="war", relevant=True, status="candidate")
        s.add(doc)
        s.flush()
        s.add(TranslationRow(document_id=doc.id, language="uk", title=uk_title,
                             blocks=[{"kind": "p", "text": "Вночі місто обстріляли."}],
                             status="machine", engine="apertium"))
        return str(doc.id)


def publish(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([PRESSWATCH, "review", "publish", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def state(db: Database, doc_id: str) -> tuple[str, str | None]:
    with db.session() as s:
        doc = s.get(Document, int(doc_id))
        return doc.status, doc.status_by


def note(db: Database, doc_id: str) -> str | None:
    with db.session() as s:
        return s.get(Document, int(doc_id)).status_note


def test_a_wrong_house_term_stops_publishing_and_names_the_form(site):
    env, db = site
    doc_id = candidate(db, "Обстріл Харькова")
    refused = publish(env, doc_id)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert f"document {doc_id} cannot be published yet" in refused.stderr
    assert "uk: house terms in a wrong form (Харькова → Харкова (house form))" in refused.stderr
    assert "--override-reason" in refused.stderr
    assert state(db, doc_id) == ("candidate", None)


def test_an_override_reason_publishes_and_is_kept_with_who_published(site):
    env, db = site
    doc_id = candidate(db, "Обстріл Харькова")
    done = run_cli("review", "publish", doc_id, "--override-reason",
                   "  the headline quotes   the outlet ", env=env)
    assert "published over 1 blocker(s)" in done.stderr
    status, by = state(db, doc_id)
    assert status == "published" and by.startswith("cli")
    assert note(db, doc_id) == ("published over: uk: house terms in a wrong form (Харькова → "
                                "Харкова (house form)). Reason: the headline quotes the outlet")

    long_reason = "a reason that goes on " * 20  # kept whole, however long
    other = candidate(db, "Харькова знову обстріляли")
    run_cli("review", "publish", other, "--override-reason", long_reason, env=env)
    assert state(db, other)[0] == "published"
    assert note(db, other).endswith("Reason: " + " ".join(long_reason.split()))
    run_cli("review", "reject", other, env=env)
    assert state(db, other)[0] == "rejected" and note(db, other) is None  # a new change, no reason


def test_with_approval_required_an_unapproved_translation_waits_for_the_desk(site):
    env, db = site
    env = {**env, "PRESSWATCH_PUBLISH_REQUIRES_APPROVAL": "true"}
    doc_id = candidate(db, "Обстріл Харкова")  # the house form: only approval is missing
    refused = publish(env, doc_id)
    assert refused.returncode == 1
    assert "uk: the translation is not approved" in refused.stderr
    assert "house terms" not in refused.stderr
    assert state(db, doc_id)[0] == "candidate"

    with db.session() as s:  # what the desk's Approve does
        store_segments.approve(s, store_segments.get_row(s, int(doc_id), "uk"), "alice", None)
    done = run_cli("review", "publish", doc_id, env=env)
    assert f"document {doc_id} is now published" in done.stderr
    assert "override" not in (state(db, doc_id)[1] or "")


def test_a_document_the_desk_would_publish_needs_no_reason(site):
    env, db = site
    doc_id = candidate(db, "Обстріл Харкова")
    run_cli("review", "publish", doc_id, env=env)
    status, by = state(db, doc_id)
    assert status == "published" and "override" not in by
