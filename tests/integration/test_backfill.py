"""``presswatch backfill`` over the sample press: day archive pages and sitemaps, the date range
kept exactly, and a backfill killed with SIGKILL that resumes without fetching a finished day
again and ends where an uninterrupted one ends."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from presswatch.models import OutletEntry
from presswatch.samplepress.server import SamplePress
from presswatch.store.base import Database
from presswatch.store.tables import Article, Backfill
from tests.support import (
    PRESSWATCH,
    import_outlets,
    presswatch_env,
    run_cli,
    start_process,
    stop_process,
)

pytestmark = pytest.mark.integration

FEEDLESS = "Слобожанський щоденник"
DAY_PAGE = re.compile(r"^/arkhiv/(\d{4})/(\d{2})/(\d{2})/$")


@pytest.fixture(scope="module")
def press():
    with SamplePress(feedless=True) as running:
        yield running


def outlet(press: SamplePress, name: str) -> OutletEntry:
    return next(e for e in press.outlets if e.name == name)


def setup_data(tmp_path: Path, entries: list[OutletEntry], **extra: str) -> dict[str, str]:
    env = {**presswatch_env(tmp_path), **extra}
    import_outlets(tmp_path, env, entries)
    return env


def expected(press: SamplePress, name: str, start: date, end: date) -> list[str]:
    """The outlet's listed articles published (the publisher's day) from ``start`` to ``end``."""
    return sorted(a.url for a in press.articles if a.outlet == name and a.kind != "hidden"
                  and start <= a.published.date() <= end)


def found(tmp_path: Path) -> tuple[list[str], list[Backfill]]:
    db = Database(f"sqlite:///{tmp_path / 'presswatch.db'}")
    try:
        with db.session() as s:
            urls = sorted(s.scalars(select(Article.url)))
            jobs = list(s.scalars(select(Backfill)))
    finally:
        db.dispose()
    return urls, jobs


def day_requests(press: SamplePress, since: int = 0) -> list[str]:
    return [path for name, path, _status in press.requests[since:]
            if name == FEEDLESS and DAY_PAGE.match(path)]


def test_day_pages_give_exactly_the_articles_of_the_range(press, tmp_path) -> None:
    entry = outlet(press, FEEDLESS)
    env = setup_data(tmp_path, [entry])
    before = len(press.requests)
    done = run_cli("backfill", entry.homepage, "--from", "2026-02-01", "--to", "2026-02-28",
                   "--archive-url", entry.archive_url, env=env)
    in_range = expected(press, FEEDLESS, date(2026, 2, 1), date(2026, 2, 28))
    assert len(in_range) == 3
    urls, (job,) = found(tmp_path)
    assert urls == in_range  # the 14th's 00:30 (+02:00) article is on the 14th, not the 13th
    assert (job.status, job.pages_done, job.articles_found) == ("done", 28, 3)
    assert "3 new articles" in done.stderr
    days = day_requests(press, before)
    assert len(days) == len(set(days)) == 28
    assert days[0] == "/arkhiv/2026/02/01/" and days[-1] == "/arkhiv/2026/02/28/"
    listing = run_cli("backfill", "--list", env={**env, "COLUMNS": "200"}).stdout
    assert FEEDLESS in listing and "done" in listing and "2026-02-01 → 2026-02-28" in listing


def test_sitemaps_give_exactly_the_articles_of_the_range(press, tmp_path) -> None:
    wire = outlet(press, "Northgate Wire")
    entry = OutletEntry(name=wire.name, homepage=wire.homepage)  # no feeds: the archive only
    env = setup_data(tmp_path, [entry])
    before = len(press.requests)
    run_cli("backfill", "Northgate", "--from", "2026-02-01", "--to", "2026-02-28",
            "--process", env=env)
    urls, (job,) = found(tmp_path)
    assert urls == expected(press, wire.name, date(2026, 2, 1), date(2026, 2, 28))
    assert len(urls) == 2 and job.status == "done"
    db = Database(f"sqlite:///{tmp_path / 'presswatch.db'}")
    with db.session() as s:
        assert set(s.scalars(select(Article.stage))) == {"done"}  # --process ran them here
    db.dispose()
    paths = [path for name, path, _ in press.requests[before:] if name == wire.name]
    assert "/sitemap.xml" in paths and "/sitemaps/2026-02.xml" in paths
    assert "/sitemaps/2026-01.xml" not in paths  # last changed before the range
    assert "/sitemaps/2026-03.xml" not in paths  # named for a month after it


def test_an_unknown_archive_template_and_a_reversed_range_are_refused(press, tmp_path) -> None:
    entry = outlet(press, FEEDLESS)
    env = setup_data(tmp_path, [entry])
    for args, message in (
        (["--from", "2026-02-01", "--to", "2026-02-28", "--archive-url",
          entry.homepage + "arkhiv/{year}/"], "unknown placeholder(s) year"),
        (["--from", "2026-03-01", "--to", "2026-02-01"], "is before --from"),
    ):
        done = subprocess.run([PRESSWATCH, "backfill", entry.homepage, *args], env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and message in done.stdout + done.stderr


def test_a_killed_backfill_resumes_without_fetching_finished_days(press, tmp_path) -> None:
    entry = outlet(press, FEEDLESS)
    args = ("backfill", entry.homepage, "--from", "2026-01-01", "--to", "2026-03-31",
            "--archive-url", entry.archive_url)
    everything = expected(press, FEEDLESS, date(2026, 1, 1), date(2026, 3, 31))

    calm = tmp_path / "uninterrupted"
    run_cli(*args, env=setup_data(calm, [entry]))
    reference, (reference_job,) = found(calm)
    assert reference == everything and reference_job.articles_found == len(everything)

    killed = tmp_path / "killed"
    env = setup_data(killed, [entry], PRESSWATCH_MIN_HOST_INTERVAL="0.1")
    before = len(press.requests)
    proc = start_process(*args, env=env, log=killed / "backfill.log")
    deadline = time.monotonic() + 120
    while len(day_requests(press, before)) < 30 and time.monotonic() < deadline:
        assert proc.poll() is None, (killed / "backfill.log").read_text()
        time.sleep(0.02)
    stop_process(proc, signal.SIGKILL)
    first_run = day_requests(press, before)
    _, (job,) = found(killed)
    last_day = date.fromisoformat(job.cursor["last_day"])
    finished = [p for p in first_run if date(*map(int, DAY_PAGE.match(p).groups())) <= last_day]
    assert job.status == "running" and 30 <= len(first_run) < 90
    assert len(finished) >= len(first_run) - 1  # at most the day in flight was not finished

    middle = len(press.requests)
    resumed = run_cli(*args, env=env)
    assert "resumed at step" in resumed.stderr
    second_run = day_requests(press, middle)
    assert not set(finished) & set(second_run)  # no finished day fetched again
    assert len(set(first_run) | set(second_run)) == 90
    assert len(first_run) + len(second_run) <= 91
    urls, (job,) = found(killed)
    assert urls == reference
    assert (job.status, job.pages_done, job.articles_found) == ("done", 90, len(everything))


def test_ctrl_c_pauses_and_resume_goes_on(press, tmp_path) -> None:
    entry = outlet(press, FEEDLESS)
    env = setup_data(tmp_path, [entry], PRESSWATCH_MIN_HOST_INTERVAL="0.1")
    args = ("backfill", entry.homepage, "--from", "2026-03-01", "--to", "2026-03-31",
            "--archive-url", entry.archive_url)
    before = len(press.requests)
    proc = start_process(*args, env=env, log=tmp_path / "backfill.log")
    deadline = time.monotonic() + 120
    while len(day_requests(press, before)) < 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.wait(timeout=60) == 130, (tmp_path / "backfill.log").read_text()
    assert "paused" in (tmp_path / "backfill.log").read_text()
    _, (job,) = found(tmp_path)
    assert (job.status, job.last_error) == ("paused", "interrupted")
    resumed = run_cli("backfill", "Слобожанський", "--resume", env=env)
    assert "resumed at step" in resumed.stderr
    urls, (job,) = found(tmp_path)
    assert urls == expected(press, FEEDLESS, date(2026, 3, 1), date(2026, 3, 31))
    assert (job.status, job.pages_done, job.last_error) == ("done", 31, None)
