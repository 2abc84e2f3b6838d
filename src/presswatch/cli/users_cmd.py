"""``presswatch users add|list|passwd``: desk accounts (passwords stored as argon2 hashes)."""

from __future__ import annotations

import sys

import typer

from presswatch.cli.context import cli_context, console
from presswatch.errors import InputError
from presswatch.store import users as store_users

app = typer.Typer(help="Desk users.", no_args_is_help=True)


def read_password(from_stdin: bool) -> str:
    """The password from one line of stdin, or asked twice on the terminal."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise InputError("an empty password is not allowed")
    return password


@app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="User name."),
    password_stdin: bool = typer.Option(False, "--password-stdin",
                                        help="Read the password from the first line of stdin."),
) -> None:
    """Create a desk user NAME."""
    password = read_password(password_stdin)
    with cli_context(ctx).db.session() as session:
        user = store_users.create_user(session, name, password)
        console.print(f"user {user.username} created")


@app.command("passwd")
def passwd(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="User name."),
    password_stdin: bool = typer.Option(False, "--password-stdin",
                                        help="Read the password from the first line of stdin."),
) -> None:
    """Set a new password for NAME."""
    password = read_password(password_stdin)
    with cli_context(ctx).db.session() as session:
        store_users.set_password(session, name, password)
    console.print(f"password of {name} changed")


@app.command("list")
def list_(ctx: typer.Context) -> None:
    """Print every desk user with the date it was created."""
    with cli_context(ctx).db.session() as session:
        for user in store_users.list_users(session):
            print(f"{user.username}\t{user.created_at:%Y-%m-%d %H:%M}")
