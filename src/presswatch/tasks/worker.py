"""Running the consumer: a worker process (``presswatch worker``) or embedded threads."""

from __future__ import annotations

import threading

from huey.consumer import Consumer

from presswatch.tasks.queue import Tasks


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


def run_worker(tasks: Tasks, *, workers: int) -> None:
    """Block running a consumer; the reaper runs at start so killed work resumes at once."""
    tasks.reap()
    consumer = make_consumer(tasks, workers=workers)
    consumer.run()
