"""Desk auth: argon2 hashes, the persisted secret key, signed sessions, CSRF binding."""

from __future__ import annotations

import stat

import pytest

from presswatch.errors import AuthError, InputError
from presswatch.passwords import hash_password, verify_password
from presswatch.review.auth import SessionSigner, load_secret_key
from presswatch.settings import Settings


def test_password_hash_is_argon2id_and_verifies():
    hashed = hash_password("long enough secret")
    assert hashed.startswith("$argon2id$") and "long enough secret" not in hashed
    assert verify_password(hashed, "long enough secret")
    assert not verify_password(hashed, "another secret")
    assert not verify_password("not-a-hash", "long enough secret")


def test_short_passwords_are_refused():
    with pytest.raises(InputError, match="at least 8"):
        hash_password("short")


def test_secret_key_is_generated_once_with_0600(tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path)
    first = load_secret_key(settings)
    assert len(first) >= 40 and load_secret_key(settings) == first
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_configured_secret_key_wins(tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path, secret_key="configured")
    assert load_secret_key(settings) == "configured"
    assert not (tmp_path / "secret_key").exists()


def test_session_cookie_round_trip_and_forgery():
    signer = SessionSigner("k1")
    session = signer.new_session("editor")
    assert signer.loads(signer.dumps(session)) == session
    assert SessionSigner("k2").loads(signer.dumps(session)) is None
    assert signer.loads(signer.dumps(session) + "x") is None
    assert signer.loads(None) is None


def test_expired_session_is_rejected():
    signer = SessionSigner("k1", max_age=-1)
    assert signer.loads(signer.dumps(signer.new_session("editor"))) is None


def test_csrf_token_is_bound_to_its_session():
    signer = SessionSigner("k1")
    one, two = signer.new_session(), signer.new_session()
    signer.check_csrf(one, signer.csrf_token(one))
    with pytest.raises(AuthError):
        signer.check_csrf(two, signer.csrf_token(one))
    with pytest.raises(AuthError):
        signer.check_csrf(None, signer.csrf_token(one))
    with pytest.raises(AuthError):
        signer.check_csrf(one, "")
