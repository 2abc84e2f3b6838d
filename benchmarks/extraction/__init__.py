"""Extraction benchmark: presswatch vs bare trafilatura on trafilatura's evaluation set."""

from benchmarks.extraction.run import check, report, run

__all__ = ["check", "report", "run"]
