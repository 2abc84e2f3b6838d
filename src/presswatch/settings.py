"""The one settings object. Built in ``main()`` / ``create_app()`` and passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from presswatch.errors import ConfigError

CsvList = Annotated[tuple[str, ...], NoDecode]


def _split(value: object) -> object:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


class Settings(BaseSettings):
    """Every setting, read from ``PRESSWATCH_*`` environment variables (or a ``.env`` file)."""

    model_config = SettingsConfigDict(env_prefix="PRESSWATCH_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        Path("var"), description="Directory for the database, the queue and engine data."
    )
    database_url: str = Field(
        "", description="SQLAlchemy URL; empty means a SQLite file in data_dir."
    )
    queue_backend: str = Field("sqlite", description="Task queue storage: sqlite or redis.")
    redis_url: str = Field("redis://127.0.0.1:6379/0", description="Redis URL for the queue.")
    worker_threads: int = Field(2, description="Worker threads per worker process.")
    lease_seconds: int = Field(300, description="How long a worker owns an article's stage.")
    reap_interval: float = Field(
        30.0, description="Seconds between the worker's checks for orphaned work."
    )

    allow_private_urls: bool = Field(
        False, description="Allow fetching loopback and private addresses (demo and tests)."
    )
    user_agent: str = Field(
        "presswatch/0.1 (+https://example.org/presswatch)", description="HTTP User-Agent."
    )
    fetch_timeout: float = Field(15.0, description="Seconds for one HTTP request, in total.")
    fetch_retries: int = Field(3, description="Attempts on 5xx and time-outs.")
    fetch_backoff: float = Field(0.5, description="First backoff in seconds, doubled each retry.")
    max_body_bytes: int = Field(5_000_000, description="Largest response body accepted.")
    max_redirects: int = Field(5, description="Most redirects followed.")
    min_host_interval: float = Field(1.0, description="Seconds between requests to one host.")
    respect_robots: bool = Field(True, description="Obey robots.txt.")
    robots_ttl: float = Field(3600.0, description="Seconds a host's robots.txt is cached.")
    feed_interval_minutes: int = Field(30, description="Minutes between checks of one feed.")

    source_languages: CsvList = Field(
        ("uk", "en", "ru", "de", "pl", "fr"),
        description="Languages the language detector may answer (comma-separated).",
    )
    site_languages: CsvList = Field(
        ("uk", "en", "ru"), description="Languages the public site is published in."
    )
    watch_topics: CsvList = Field(
        ("ukraine", "russia", "nato", "eu", "security"),
        description="Topics that make an article relevant (keys of the topics file).",
    )
    topics_file: Path | None = Field(
        None, description="TOML file of watch topics and their terms; empty: the built-in one."
    )
    sections_file: Path | None = Field(
        None, description="TOML file of sections and their rules; empty: the built-in one."
    )
    glossary_file: Path | None = Field(
        None, description="TOML file of house terms; empty: the built-in one."
    )
    apertium_dir: Path | None = Field(
        None, description="Where the patched (tagger-less) Apertium modes are written; "
        "empty: data_dir/apertium."
    )
    translate_timeout: float = Field(60.0, description="Seconds one engine call may take.")
    min_article_chars: int = Field(300, description="Shorter extracted texts are rejected.")
    duplicate_threshold: float = Field(0.8, description="MinHash Jaccard for a republished copy.")

    auto_publish: bool = Field(False, description="Publish relevant articles without review.")
    secret_key: SecretStr = Field(
        SecretStr(""), description="Signs session cookies; empty: a key kept in data_dir."
    )
    host: str = Field("127.0.0.1", description="Address the web app listens on.")
    port: int = Field(8000, description="Port the web app listens on.")
    site_name: str = Field("presswatch", description="Name shown in the site header.")
    desk_language: str = Field("en", description="UI language of the editor desk (uk, en, ru).")

    @field_validator("source_languages", "site_languages", "watch_topics", mode="before")
    @classmethod
    def _split_csv(cls, value: object) -> object:
        return _split(value)

    def model_post_init(self, __context: object) -> None:
        if self.queue_backend not in ("sqlite", "redis"):
            raise ConfigError(f"queue_backend must be sqlite or redis, not {self.queue_backend!r}")

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'presswatch.db'}"

    @property
    def queue_path(self) -> Path:
        return self.data_dir / "queue.db"

    def ensure_dirs(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
