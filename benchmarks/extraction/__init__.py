"""Extraction benchmark: presswatch vs bare trafilatura on trafilatura's evaluation set."""

from benchmarks.extraction.runner import run

__all__ = ["run"]
