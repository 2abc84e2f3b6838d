"""Desk authentication: argon2 password hashes, signed session cookies, CSRF tokens.

A session is a signed cookie holding the user name (or none, before login) and a random
session id. CSRF tokens are an HMAC of that session id, so a token only verifies with the
cookie it was issued for; logging in issues a fresh session id.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

from presswatch.errors import AuthError
from presswatch.settings import Settings

SESSION_COOKIE = "presswatch_session"
SESSION_MAX_AGE = 12 * 3600


def load_secret_key(settings: Settings) -> str:
    """``settings.secret_key``, or a random key kept in ``data_dir/secret_key`` (mode 0600)."""
    configured = settings.secret_key.get_secret_value()
    if configured:
        return configured
    path = Path(settings.data_dir) / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process wrote it first
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key)
    return key


@dataclass(frozen=True, slots=True)
class DeskSession:
    """A desk visitor: ``username`` is None before login."""

    sid: str
    username: str | None = None

    @property
    def logged_in(self) -> bool:
        return self.username is not None


class SessionSigner:
    """Signs and reads session cookies and issues CSRF tokens bound to a session."""

    def __init__(self, secret_key: str, max_age: int = SESSION_MAX_AGE) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt="presswatch-desk-session")
        self._csrf_key = hashlib.sha256(("csrf:" + secret_key).encode()).digest()
        self.max_age = max_age

    @staticmethod
    def new_session(username: str | None = None) -> DeskSession:
        return DeskSession(sid=secrets.token_urlsafe(24), username=username)

    def dumps(self, session: DeskSession) -> str:
        return self._serializer.dumps({"sid": session.sid, "user": session.username})

    def loads(self, cookie: str | None) -> DeskSession | None:
        """The session in ``cookie``, or None when it is missing, forged or expired."""
        if not cookie:
            return None
        try:
            data = self._serializer.loads(cookie, max_age=self.max_age)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("sid"), str):
            return None
        user = data.get("user")
        return DeskSession(sid=data["sid"], username=user if isinstance(user, str) else None)

    def csrf_token(self, session: DeskSession) -> str:
        return hmac.new(self._csrf_key, session.sid.encode(), hashlib.sha256).hexdigest()

    def check_csrf(self, session: DeskSession | None, token: str | None) -> None:
        """Raise ``AuthError`` unless ``token`` was issued for ``session``."""
        if session is None or not token:
            raise AuthError("missing CSRF token or session")
        if not hmac.compare_digest(self.csrf_token(session), token):
            raise AuthError("CSRF token does not match the session")
