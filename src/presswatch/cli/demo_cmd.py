"""``presswatch demo``: the sample press, the whole pipeline over it, and the site."""

from __future__ import annotations

import secrets
import shutil

import typer
from rich.table import Table

from presswatch.cli.context import cli_context, console
from presswatch.cli.crawl_cmd import run_until_done
from presswatch.settings import Settings
from presswatch.store import migrate
from presswatch.store import review as store_review
from presswatch.store import users as store_users
from presswatch.store.base import Database

DEMO_USER = "editor"


def demo_settings(settings: Settings) -> Settings:
    """The demo's own data dir, loopback allowed, auto-publish on, a fast crawl of one host."""
    data_dir = settings.data_dir if "data_dir" in settings.model_fields_set else None
    return settings.model_copy(
        update={
            "data_dir": data_dir or settings.data_dir / "demo",
            "allow_private_urls": True,
            "auto_publish": True,
            "min_host_interval": 0.02,
        }
    )


def prepare(settings: Settings, press: object) -> tuple[Database, str]:
    """A fresh database with the sample outlets and an editor account; returns the password."""
    from presswatch.sources.catalog import load_catalog
    from presswatch.store import sources as store_sources

    shutil.rmtree(settings.data_dir, ignore_errors=True)
    settings.ensure_dirs()
    migrate.upgrade(settings.db_url)
    catalog = settings.data_dir / "catalog.toml"
    catalog.write_text(press.catalog_toml(), encoding="utf-8")
    db = Database(settings.db_url)
    password = secrets.token_urlsafe(9)
    with db.session() as s:
        for entry in load_catalog(catalog):
            store_sources.upsert_outlet(s, entry)
        store_users.create_user(s, DEMO_USER, password)
    return db, password


def summary(db: Database, feed_errors: dict[int, str]) -> Table:
    table = Table("what", "count", title="presswatch demo")
    with db.session() as s:
        for status, count in sorted(store_review.count_by_status(s).items()):
            table.add_row(f"documents {status}", str(count))
    table.add_row("feeds with an error", str(len(feed_errors)))
    return table


def demo(
    ctx: typer.Context,
    serve: bool = typer.Option(True, help="Serve the site when the pipeline is done."),
    timeout: float = typer.Option(600, help="Seconds to wait for the pipeline."),
) -> None:
    """Start a sample press on 127.0.0.1, run the pipeline over it, serve the site."""
    from presswatch.samplepress.server import SamplePress
    from presswatch.tasks.queue import build_tasks
    from presswatch.tasks.runner import crawl_now

    settings = demo_settings(cli_context(ctx).settings)
    with SamplePress() as press:
        db, password = prepare(settings, press)
        console.print(f"sample press: {len(press.outlets)} outlets on 127.0.0.1, "
                      f"{len(press.articles)} articles; data in {settings.data_dir}/")
        tasks = build_tasks(settings)
        result = crawl_now(tasks, tasks.pipeline.due_feeds(all_feeds=True))
        run_until_done(tasks, result.new_articles, timeout=timeout)
        console.print(summary(db, result.errors))
        for feed_id, error in result.errors.items():
            console.print(f"feed {feed_id}: [yellow]{error}[/yellow] (recorded on the feed)")
        base = f"http://{settings.host}:{settings.port}"
        console.print(f"\nsite:  {base}/uk/   {base}/en/   {base}/ru/")
        console.print(f"desk:  {base}/desk/  (user {DEMO_USER}, password {password})")
        console.print(
            f"feeds: `PRESSWATCH_DATA_DIR={settings.data_dir} .venv/bin/presswatch sources list`"
        )
        if serve:
            import uvicorn

            from presswatch.web.app import create_app

            uvicorn.run(create_app(settings, db), host=settings.host, port=settings.port,
                        log_level="warning")
