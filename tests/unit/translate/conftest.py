"""Fixtures for the translate stage: settings on a temporary data dir and the real Apertium."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.settings import Settings
from presswatch.translate.apertium import ApertiumEngine


def _settings(data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"data_dir": data_dir, "apertium_dir": None, "glossary_file": None}
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def make_settings():
    """Settings on a given data dir, other values from the arguments (not from the env)."""
    return _settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return _settings(tmp_path / "var")


@pytest.fixture(scope="session")
def apertium_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _settings(tmp_path_factory.mktemp("apertium-var"))


@pytest.fixture(scope="session")
def apertium(apertium_settings: Settings) -> ApertiumEngine:
    """The real engine; the test is skipped (with the reason) only where Apertium is missing."""
    engine = ApertiumEngine(apertium_settings)
    if not engine.available():
        pytest.skip(f"Apertium ru↔uk is not installed here: {engine.unavailable_reason()}")
    return engine
