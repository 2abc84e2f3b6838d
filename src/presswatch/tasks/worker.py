"""Running the consumer: a worker process (``presswatch worker``) or embedded threads."""

from __future__ import annotations

import logging
import threading

from huey.consumer import Consumer
from sqlalchemy.exc import SQLAlchemyError

from presswatch.errors import PresswatchError
from presswatch.tasks.queue import Tasks

log = logging.getLogger(__name__)


class EmbeddedConsumer(Consumer):
    """A Huey consumer started from a thread that is not the main one (no signal handlers)."""

    def _set_signal_handlers(self) -> None:
        if threading.current_thread() is threading.main_thread():
            super()._set_signal_handlers()


def make_consumer(tasks: Tasks, *, workers: int, periodic: bool = True) -> Consumer:
    return EmbeddedConsumer(
        tasks.huey,
        workers=workers,
        worker_type="thread",
        periodic=periodic,
        initial_delay=0.05,
        backoff=1.15,
        max_delay=0.5,
        check_worker_health=True,
    )


class Reaper(threading.Thread):
    """Re-enqueues orphaned work at start and every ``reap_interval`` seconds."""

    def __init__(self, tasks: Tasks) -> None:
        super().__init__(name="presswatch-reaper", daemon=True)
        self.tasks = tasks
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                self.tasks.reap_now()
            except (PresswatchError, SQLAlchemyError):
                log.exception("reaper failed; trying again later")
            self.stopped.wait(self.tasks.settings.reap_interval)


def run_worker(tasks: Tasks, *, workers: int) -> None:
    """Block running a consumer plus the reaper, so a killed worker's work resumes."""
    reaper = Reaper(tasks)
    reaper.start()
    try:
        make_consumer(tasks, workers=workers).run()
    finally:
        reaper.stopped.set()
