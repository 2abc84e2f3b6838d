"""Desk users. Passwords are stored only as argon2 hashes."""

from __future__ import annotations

from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from presswatch.errors import InputError
from presswatch.passwords import hash_password, verify_password
from presswatch.store.tables import User


def create_user(session: Session, username: str, password: str) -> User:
    """A new user; ``InputError`` for an empty or taken name or a short password."""
    username = username.strip()
    if not username or len(username) > 100:
        raise InputError("a user name needs 1 to 100 characters")
    if get_user(session, username) is not None:
        raise InputError(f"user {username!r} already exists")
    user = User(username=username, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    return user


def get_user(session: Session, username: str) -> User | None:
    return session.scalars(select(User).where(User.username == username)).first()


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def set_password(session: Session, username: str, password: str) -> User:
    user = get_user(session, username)
    if user is None:
        raise InputError(f"no user {username!r}")
    user.password_hash = hash_password(password)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The user when the password matches, else None (same work for unknown names)."""
    user = get_user(session, username)
    if user is None:
        verify_password(_dummy_hash(), password)
        return None
    return user if verify_password(user.password_hash, password) else None


@cache
def _dummy_hash() -> str:
    """A hash to verify against for unknown names, so timing does not reveal them."""
    return hash_password("presswatch-dummy-password")
