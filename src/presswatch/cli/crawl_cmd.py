"""``presswatch crawl`` and ``presswatch worker``."""

from __future__ import annotations

import logging
import os

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from presswatch.cli.context import cli_context, console

# The task modules import every stage (trafilatura, lingua, ...): loaded when a command runs.


def progress_bar() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[stages]}"),
        TimeElapsedColumn(),
        console=console,
    )


def crawl(
    ctx: typer.Context,
    once: bool = typer.Option(False, "--once", help="Crawl the due feeds now, then return."),
    all_feeds: bool = typer.Option(False, "--all", help="Every feed, due or not."),
    process: bool = typer.Option(
        False, "--process", help="Also run the article tasks here and wait for them."
    ),
    timeout: float = typer.Option(600, help="Seconds to wait with --process."),
) -> None:
    """Crawl feeds and enqueue their new articles (a running `presswatch worker` takes them)."""
    if not once:
        console.print("feeds are crawled every few minutes by `presswatch worker`; "
                      "use `presswatch crawl --once` to crawl now")
        raise typer.Exit(2)
    from presswatch.tasks.queue import build_tasks
    from presswatch.tasks.runner import crawl_now

    settings = cli_context(ctx).settings
    tasks = build_tasks(settings)
    feed_ids = tasks.pipeline.due_feeds(all_feeds=all_feeds)
    result = crawl_now(tasks, feed_ids)
    console.print(f"{result.feeds} feeds crawled, {len(result.new_articles)} new articles, "
                  f"{len(result.errors)} feed errors")
    for feed_id, error in result.errors.items():
        console.print(f"  feed {feed_id}: [yellow]{error}[/yellow]")
    if process and result.new_articles:
        run_until_done(tasks, result.new_articles, timeout=timeout)


def run_until_done(tasks, article_ids: list[int], *, timeout: float) -> dict[str, int]:
    """Run an embedded consumer with a progress bar until the articles are finished."""
    from presswatch.tasks.runner import wait_for
    from presswatch.tasks.worker import make_consumer

    consumer = make_consumer(tasks, workers=tasks.settings.worker_threads, periodic=False)
    consumer.start()
    try:
        with progress_bar() as bar:
            job = bar.add_task("articles", total=len(article_ids), stages="")

            def show(done: int, total: int, counts: dict[str, int]) -> None:
                stages = " ".join(f"{k}:{v}" for k, v in sorted(counts.items()))
                bar.update(job, completed=done, stages=stages)

            return wait_for(tasks, article_ids, timeout=timeout, on_progress=show)
    finally:
        consumer.stop(graceful=True)


def worker(
    ctx: typer.Context,
    workers: int = typer.Option(0, help="Worker threads (default: the worker_threads setting)."),
    processes: int | None = typer.Option(
        None, help="Worker processes, 0 for one per core (default: the worker_processes "
        "setting); one per core gets the most out of a machine."),
    scheduler: bool = typer.Option(
        True, "--scheduler/--no-scheduler", hidden=True,
        help="Run the feed scheduler (the extra processes of --processes do not)."),
) -> None:
    """Run a worker: article tasks, the reaper and the feed scheduler, until interrupted."""
    from presswatch.errors import InputError
    from presswatch.tasks.queue import build_tasks
    from presswatch.tasks.worker import run_workers

    settings = cli_context(ctx).settings
    logging.getLogger("presswatch.tasks").setLevel(logging.INFO)  # what each process does
    processes = settings.worker_processes if processes is None else processes
    if processes < 0 or workers < 0:
        raise InputError("--processes must be 0 (one per core) or more, --workers 1 or more")
    processes = processes or os.cpu_count() or 1
    run_workers(build_tasks(settings), workers=workers or settings.worker_threads,
                processes=processes, periodic=scheduler)
