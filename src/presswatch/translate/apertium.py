"""Apertium ru↔uk through Debian's ``apertium`` command.

The packaged ``apertium-rus-ukr`` tagger (``apertium-tagger``) crashes on many news sentences;
``apertium`` then prints nothing and still exits 0, and one crash empties a whole batch. So the
engine writes a tagger-less copy of each mode (``cg-proc -1 -n`` picks the first reading that
Constraint Grammar leaves) under ``settings.apertium_dir`` or ``settings.data_dir/apertium`` and
translates with it. Every line that comes back empty is translated again on its own in the
tagger-less mode; a line that is still empty is a ``TranslationError``.

Segments travel as lines of one process call per batch. A segment with newlines is sent as
several lines and joined again; blank lines are kept as they are and never sent.
"""

from __future__ import annotations

import logging
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import unicodedata
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from presswatch.errors import NoEngineError, TranslationError
from presswatch.settings import Settings
from presswatch.translate.engines import Engine

log = logging.getLogger(__name__)

DIRECTIONS: dict[tuple[str, str], str] = {("ru", "uk"): "rus-ukr", ("uk", "ru"): "ukr-rus"}
SYSTEM_DIRS = (Path("/usr/share/apertium"), Path("/usr/local/share/apertium"))
BATCH_LINES = 500


@dataclass(frozen=True, slots=True)
class _Probe:
    """What this machine has: the binary, the stock data dir and the complete directions."""

    binary: str | None
    stock_dir: Path | None
    modes: dict[tuple[str, str], str] = field(default_factory=dict)
    reason: str = ""


class ApertiumEngine(Engine):
    """Rule-based ru→uk and uk→ru with the Debian language data.

    ``tagger=True`` translates with the stock modes first (with their statistical tagger) and
    falls back to the tagger-less mode for the lines the tagger lost.
    """

    name = "apertium"
    copies_unknown_words = True

    def __init__(
        self,
        settings: Settings,
        *,
        binary: str = "apertium",
        system_dir: Path | None = None,
        tagger: bool = False,
        timeout: float | None = None,
    ) -> None:
        self._binary = binary
        self._system_dirs = (system_dir,) if system_dir else SYSTEM_DIRS
        self._tagger = tagger
        self.timeout = float(timeout if timeout is not None else settings.translate_timeout)
        self.mode_dir = Path(settings.apertium_dir or settings.data_dir / "apertium")
        self._probe: _Probe | None = None
        self._patched = False

    # -- availability ---------------------------------------------------------------------

    def probe(self) -> _Probe:
        if self._probe is None:
            self._probe = _probe_machine(self._binary, self._system_dirs)
        return self._probe

    def pairs(self) -> set[tuple[str, str]]:
        return set(self.probe().modes)

    def unavailable_reason(self) -> str:
        return self.probe().reason

    # -- translation ----------------------------------------------------------------------

    def translate_segments(self, segments: list[str], source: str, target: str) -> list[str]:
        probe = self.probe()
        mode = probe.modes.get((source, target))
        if mode is None or probe.binary is None:
            raise NoEngineError(source, target)
        lines, shape = _flatten(segments)
        todo = [i for i, line in enumerate(lines) if line.strip()]
        if not todo:
            return list(segments)
        self.ensure_tagger_less_modes()
        first_dir = probe.stock_dir if self._tagger and probe.stock_dir else self.mode_dir
        out = list(lines)
        failed: list[int] = []
        for start in range(0, len(todo), BATCH_LINES):
            batch = todo[start : start + BATCH_LINES]
            failed += self._translate_into(out, lines, batch, first_dir, mode)
        if failed and first_dir != self.mode_dir:
            failed = self._translate_into(out, lines, failed, self.mode_dir, mode)
        for i in failed:
            log.info("apertium lost a line in the batch; translating it alone", extra={"line": i})
            if self._translate_into(out, lines, [i], self.mode_dir, mode):
                raise TranslationError(f"returned nothing for {_quote(lines[i])}")
        return _regroup(out, shape)

    def _translate_into(
        self, out: list[str], lines: list[str], batch: list[int], data_dir: Path, mode: str
    ) -> list[int]:
        """Translate ``lines[batch]`` into ``out``; return the indices that came back empty."""
        result = self._run(data_dir, mode, [lines[i] for i in batch])
        if result is None:
            return list(batch)
        failed = []
        for i, text in zip(batch, result, strict=True):
            if text.strip():
                out[i] = text
            else:
                failed.append(i)
        return failed

    def _run(self, data_dir: Path, mode: str, lines: list[str]) -> list[str] | None:
        """One ``apertium`` process over ``lines``; None when its output is not line-aligned."""
        binary = self.probe().binary or self._binary
        cmd = [binary, "-d", str(data_dir), "-u", mode]
        payload = "".join(line + "\n" for line in lines).encode("utf-8")
        try:
            proc = subprocess.Popen(
                cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as err:
            raise TranslationError(f"could not start: {err}") from err
        try:
            stdout, stderr = proc.communicate(payload, timeout=self.timeout)
        except subprocess.TimeoutExpired as err:
            _kill_group(proc)
            raise TranslationError(
                f"timed out after {self.timeout:g} s on {len(lines)} lines"
            ) from err
        message = stderr.decode("utf-8", "replace").strip()
        if proc.returncode != 0:
            last = message.splitlines()[-1] if message else "no message"
            raise TranslationError(f"exited with status {proc.returncode}: {last}")
        text = stdout.decode("utf-8", "replace")
        result = text.split("\n")
        if text.endswith("\n"):
            result.pop()
        if len(result) != len(lines):
            log.info("apertium output not line-aligned (%d for %d lines): %s",
                     len(result), len(lines), message[-300:])
            return None
        return result

    # -- the tagger-less modes ------------------------------------------------------------

    def ensure_tagger_less_modes(self) -> Path:
        """Write the tagger-less modes under ``mode_dir`` (once per engine) and return it."""
        probe = self.probe()
        if self._patched or probe.stock_dir is None:
            return self.mode_dir
        modes_dir = self.mode_dir / "modes"
        try:
            modes_dir.mkdir(parents=True, exist_ok=True)
            for mode in probe.modes.values():
                stock = (probe.stock_dir / "modes" / f"{mode}.mode").read_text("utf-8")
                _write_if_changed(modes_dir / f"{mode}.mode", tagger_less_mode(stock))
        except OSError as err:
            raise TranslationError(f"cannot write Apertium modes in {modes_dir}: {err}") from err
        self._patched = True
        return self.mode_dir


def tagger_less_mode(pipeline: str) -> str:
    """The same Apertium pipeline without ``apertium-tagger``; ``cg-proc`` picks one reading."""
    stages = [stage.strip() for stage in pipeline.strip().split("|")]
    if not any(_program(stage) == "apertium-tagger" for stage in stages):
        return pipeline.strip() + "\n"
    kept = []
    for stage in stages:
        program = _program(stage)
        if program == "apertium-tagger":
            continue
        if program == "cg-proc":
            flags = [flag for flag in ("-1", "-n") if flag not in stage.split()]
            stage = " ".join(["cg-proc", *flags, stage[len("cg-proc") :].strip()])
        kept.append(stage)
    return " | ".join(kept) + "\n"


def _program(stage: str) -> str:
    return stage.split(maxsplit=1)[0] if stage.strip() else ""


def _probe_machine(binary: str, system_dirs: tuple[Path, ...]) -> _Probe:
    found = shutil.which(binary)
    if found is None:
        return _Probe(None, None, reason=f"the {binary!r} program is not installed "
                      "(Debian: apt-get install apertium apertium-rus-ukr)")
    problems: list[str] = []
    for data_dir in system_dirs:
        modes = {}
        for pair, mode in DIRECTIONS.items():
            missing = _missing_parts(data_dir / "modes" / f"{mode}.mode")
            if missing:
                problems.append(f"{mode}: {missing}")
            else:
                modes[pair] = mode
        if modes:
            return _Probe(found, data_dir, modes)
    return _Probe(found, None, reason="no usable Apertium ru↔uk data (Debian: apt-get install "
                  "apertium-rus-ukr): " + "; ".join(problems[:2]))


def _missing_parts(mode_file: Path) -> str:
    """Empty when the mode file, its programs and its data files exist; else what is missing."""
    try:
        pipeline = mode_file.read_text("utf-8")
    except OSError:
        return f"{mode_file} not found"
    for stage in pipeline.split("|"):
        try:
            words = shlex.split(stage)
        except ValueError:
            return f"cannot read {mode_file}"
        if words and shutil.which(words[0]) is None:
            return f"program {words[0]} not installed"
        for word in words[1:]:
            if word.startswith("/") and not Path(word).exists():
                return f"{word} not found"
    return ""


def _write_if_changed(path: Path, text: str) -> None:
    if path.exists() and path.read_text("utf-8") == text:
        return
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the shell pipeline that ``apertium`` started, then reap it."""
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()


def _clean_line(line: str) -> str:
    """Control characters (NUL flushes Apertium's pipeline) become spaces; tabs stay."""
    return "".join(
        " " if ch != "\t" and unicodedata.category(ch) == "Cc" else ch for ch in line
    )


def _flatten(segments: list[str]) -> tuple[list[str], list[int]]:
    """All segments' lines in one list, and how many lines each segment has."""
    lines: list[str] = []
    shape: list[int] = []
    for segment in segments:
        parts = segment.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        lines.extend(_clean_line(part) for part in parts)
        shape.append(len(parts))
    return lines, shape


def _regroup(lines: list[str], shape: list[int]) -> list[str]:
    segments = []
    start = 0
    for count in shape:
        segments.append("\n".join(lines[start : start + count]))
        start += count
    return segments


def _quote(line: str) -> str:
    return repr(line if len(line) <= 60 else line[:57] + "...")
