"""``presswatch backfill``: an outlet's archive over a date range; a progress bar; resumable."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from presswatch.cli.context import cli_context, console
from presswatch.errors import InputError, PresswatchError

out = Console(highlight=False)
DATE_FORMATS = ["%Y-%m-%d"]


def _list(ctx: typer.Context) -> None:
    from presswatch.store.backfills import list_backfills

    with cli_context(ctx).db.session() as s:
        rows = list_backfills(s)
    if not rows:
        typer.echo("no backfills yet: run `presswatch backfill OUTLET --from DATE --to DATE`")
        return
    table = Table(title="backfills", show_lines=False)
    for name, kwargs in (("id", {"justify": "right"}), ("outlet", {"overflow": "fold"}),
                         ("days", {}), ("status", {}), ("steps", {"justify": "right"}),
                         ("articles", {"justify": "right"}), ("updated", {}),
                         ("last note or error", {"overflow": "fold"})):
        table.add_column(name, **kwargs)
    for row in rows:
        table.add_row(str(row.id), row.outlet, f"{row.start} → {row.end}", row.status,
                      str(row.pages_done), str(row.articles_found),
                      row.updated_at.strftime("%Y-%m-%d %H:%M"), row.last_error or "")
    out.print(table)


def _day(value: datetime | None, option: str) -> date:
    if value is None:
        raise InputError(f"{option} DATE is missing (YYYY-MM-DD), or use --resume")
    return value.date()


def _walk(tasks, job, stop: threading.Event) -> list[int]:  # noqa: ANN001 - Tasks is lazy
    """The job's steps under a progress bar until done or ``stop`` is set; the new article ids,
    enqueued as found."""
    from presswatch.cli.crawl_cmd import progress_bar

    pipeline = tasks.pipeline
    found: list[int] = []
    with progress_bar() as bar:
        task = bar.add_task("archive", total=max(job.total, 1), completed=job.done, stages="")
        while not stop.is_set() and (step := pipeline.backfill_step(job.id)) is not None:
            if step.new_ids:
                tasks.enqueue_articles([(article_id, "discovered") for article_id in step.new_ids])
                found.extend(step.new_ids)
            bar.update(task, total=max(step.total, 1), completed=step.done,
                       stages=f"{step.label}  {len(found)} new articles")
    return found


@contextmanager
def _ctrl_c_finishes_the_step() -> Iterator[threading.Event]:
    """The first Ctrl-C sets the event (the step in flight finishes, is saved, and the walk
    stops); a second one interrupts at once."""
    stop = threading.Event()

    def on_sigint(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        console.print("stopping after the step in flight (Ctrl-C again to stop at once)",
                      markup=False)

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def _run(tasks, job, outlet: str) -> list[int]:  # noqa: ANN001
    """Walk the job, saying where it starts and how it ends (done, paused or stopped)."""
    state = f"resumed at step {job.done} of {job.total}" if job.resumed else "started"
    console.print(f"backfill #{job.id}: {job.outlet}, {job.start} → {job.end}, {state}",
                  markup=False)
    again = f"run the same command (or `presswatch backfill {outlet} --resume`) to go on"
    try:
        with _ctrl_c_finishes_the_step() as stop:
            found = _walk(tasks, job, stop)
    except KeyboardInterrupt:  # a second Ctrl-C: the job stays "running", resumable as after kill
        console.print(f"backfill #{job.id} interrupted; {again}", markup=False)
        raise typer.Exit(130) from None
    except PresswatchError:
        console.print(f"backfill #{job.id} stopped; run the same command again to retry the "
                      "step that failed", markup=False)
        raise
    if stop.is_set():
        tasks.pipeline.pause_backfill(job.id, "interrupted")
        console.print(f"backfill #{job.id} paused after {len(found)} new articles; {again}",
                      markup=False)
        raise typer.Exit(130)
    console.print(f"backfill #{job.id} done: {len(found)} new articles "
                  f"({job.articles_found + len(found)} in all)", markup=False)
    return found


def backfill(
    ctx: typer.Context,
    outlet: Annotated[str, typer.Argument(
        help="The outlet: its id, homepage, or (part of) its name.")] = "",
    date_from: Annotated[datetime | None, typer.Option(
        "--from", formats=DATE_FORMATS, help="First day (YYYY-MM-DD).")] = None,
    date_to: Annotated[datetime | None, typer.Option(
        "--to", formats=DATE_FORMATS, help="Last day (YYYY-MM-DD), included.")] = None,
    archive_url: Annotated[str, typer.Option(
        "--archive-url",
        help="The archive page of one day, e.g. https://x.example/archiv/{yyyy}/{mm}/{dd}/.")] = "",
    sitemap: Annotated[list[str] | None, typer.Option(
        "--sitemap", help="A sitemap or sitemap index to walk (repeatable); default: the "
        "outlet's sitemaps and the Sitemap: lines of its robots.txt.")] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Go on with the outlet's latest unfinished backfill.")] = False,
    restart: Annotated[bool, typer.Option(
        "--restart", help="Start anew even when an unfinished backfill covers the same days."
    )] = False,
    list_jobs: Annotated[bool, typer.Option(
        "--list", help="Show the backfills and their state.")] = False,
    process: Annotated[bool, typer.Option(
        "--process", help="Also run the article tasks here and wait for them.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait with --process.")] = 600,
) -> None:
    """Walk an outlet's archive (sitemaps, day pages) from --from to --to and enqueue its articles.

    Interrupted (Ctrl-C, a crash, a kill), the same command goes on where it stopped.
    """
    if list_jobs:
        _list(ctx)
        return
    if not outlet:
        raise InputError("name the OUTLET (id, homepage or name), or use --list")
    from presswatch.tasks.queue import build_tasks

    tasks = build_tasks(cli_context(ctx).settings)
    pipeline = tasks.pipeline
    if resume and date_from is None and date_to is None:
        job = pipeline.resume_backfill(outlet)
    else:
        job = pipeline.open_backfill(
            outlet, _day(date_from, "--from"), _day(date_to, "--to"), archive_url=archive_url,
            sitemaps=tuple(sitemap or ()), restart=restart)
    found = _run(tasks, job, outlet)
    if process and found:
        from presswatch.cli.crawl_cmd import run_until_done

        run_until_done(tasks, found, timeout=timeout)
