"""Running the consumer: a worker process (``presswatch worker``) or embedded threads."""

from __future__ import annotations

import ctypes
import logging
import signal
import subprocess
import sys
import threading
import time

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


def run_worker(tasks: Tasks, *, workers: int, periodic: bool = True) -> None:
    """Block running a consumer plus the reaper, so a killed worker's work resumes."""
    reaper = Reaper(tasks)
    reaper.start()
    try:
        make_consumer(tasks, workers=workers, periodic=periodic).run()
    finally:
        reaper.stopped.set()


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the child gets SIGTERM when the supervising worker dies (even by SIGKILL)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class Helpers:
    """The extra worker processes of ``presswatch worker --processes N``: each a whole worker
    (its own interpreter, models and database connections; Python threads share one core's
    worth of the GIL, processes do not) without the feed scheduler, which runs once, in the
    supervising process. A helper that exits while the worker runs is started again."""

    RESTART_DELAY = 2.0

    def __init__(self, count: int, workers: int) -> None:
        self.command = [sys.executable, "-c", "from presswatch.cli.main import main; main()",
                        "worker", "--processes", "1", "--workers", str(workers),
                        "--no-scheduler"]
        self.procs = [self._start() for _ in range(count)]
        self.stopping = threading.Event()
        # the watcher starts helpers again, so it lives until they are all stopped: a child
        # gets its PDEATHSIG when the *thread* that started it ends
        self._finished = threading.Event()
        self._lock = threading.Lock()
        self._watch = threading.Thread(target=self._watch_loop, name="presswatch-helpers",
                                       daemon=True)
        self._watch.start()

    def _start(self) -> subprocess.Popen:
        proc = subprocess.Popen(self.command, preexec_fn=_die_with_parent)  # noqa: PLW1509
        log.info("worker process %d started", proc.pid)
        return proc

    def _watch_loop(self) -> None:
        while not self._finished.wait(self.RESTART_DELAY):
            with self._lock:
                for i, proc in enumerate(self.procs):
                    if proc.poll() is not None and not self.stopping.is_set():
                        log.error("worker process %d exited with %s; starting another",
                                  proc.pid, proc.returncode)
                        self.procs[i] = self._start()

    def stop(self, grace: float = 30.0) -> None:
        """SIGINT (the consumer finishes its tasks in flight), then SIGKILL after ``grace``."""
        with self._lock:  # no helper is being started again meanwhile
            self.stopping.set()
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        deadline = time.monotonic() + grace
        for proc in self.procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self._finished.set()


def run_workers(tasks: Tasks, *, workers: int, processes: int, periodic: bool = True) -> None:
    """``run_worker`` here plus ``processes - 1`` helper processes, stopped with it."""
    helpers = Helpers(processes - 1, workers) if processes > 1 else None
    try:
        run_worker(tasks, workers=workers, periodic=periodic)
    finally:
        if helpers is not None:
            helpers.stop()
