"""``presswatch extract PATH|URL... --format jsonl``: the article on each page, one per line."""

from __future__ import annotations

import gzip
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from presswatch.cli.context import cli_context
from presswatch.errors import PresswatchError
from presswatch.extract.article import extract_article
from presswatch.models import Article, Rejected
from presswatch.settings import Settings


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    text = "text"


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _read_file(value: str) -> tuple[bytes, str]:
    path = Path(value)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise FileNotFoundError(f"cannot read {value}: {err.strerror or err}") from err
    if path.suffix == ".gz" or data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as err:
            raise ValueError(f"{value} is not valid gzip: {err}") from err
    return data, path.resolve().as_uri()


def _extract_one(value: str, settings: Settings, fetcher: Any) -> Article | Rejected:
    if _is_url(value):
        response = fetcher().fetch(value)
        return extract_article(response.body, response.final_url, settings,
                               content_type=response.content_type)
    body, url = _read_file(value)
    return extract_article(body, url, settings)


def article_record(value: str, article: Article) -> dict[str, Any]:
    """The JSON object printed for one input."""
    return {
        "input": value,
        "title": article.title,
        "text": article.text,
        "author": article.author,
        "authors": list(article.authors),
        "published": article.published.isoformat() if article.published else None,
        "modified": article.modified.isoformat() if article.modified else None,
        "image": article.image,
        "section": article.outlet_section,
        "language": article.language,
        "canonical_url": article.canonical_url,
        "paywalled": article.paywalled,
    }


def _print(record: dict[str, Any], output: OutputFormat) -> None:
    if output is OutputFormat.jsonl:
        typer.echo(json.dumps(record, ensure_ascii=False))
    elif "error" in record:
        typer.echo(f"== {record['input']}\nerror: {record['error']}\n")
    else:
        typer.echo(f"== {record['input']}\n# {record['title']}\n\n{record['text']}\n")


class _LazyFetcher:
    """Builds the fetcher on the first URL only; files need no network stack."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.instance: Any = None

    def __call__(self) -> Any:
        if self.instance is None:
            from presswatch.fetch.client import Fetcher

            self.instance = Fetcher(self.settings)
        return self.instance

    def close(self) -> None:
        if self.instance is not None:
            self.instance.close()


def extract(
    ctx: typer.Context,
    inputs: Annotated[list[str], typer.Argument(
        metavar="PATH|URL...", help="HTML files (.html, .html.gz) or http(s) URLs.")],
    output: Annotated[OutputFormat, typer.Option(
        "--format", help="jsonl: one JSON object per input; text: readable.")] = (
        OutputFormat.jsonl),
) -> None:
    """Extract the article from each page and print it, in input order.

    Each JSON object has input, title, text (paragraphs separated by a blank line), author,
    authors (a list), published and modified (ISO 8601 or null), image (the lead image URL),
    section (as the outlet names it), language, canonical_url and paywalled; an input that
    fails gives input and error instead. The exit code is 1 if any input failed.
    """
    settings = cli_context(ctx).settings
    fetcher = _LazyFetcher(settings)
    failed = False
    try:
        for value in inputs:
            try:
                result = _extract_one(value, settings, fetcher)
            except (PresswatchError, OSError, ValueError) as err:
                result = Rejected("error", str(err))
            if isinstance(result, Article):
                record = article_record(value, result)
            else:
                failed = True
                reason = result.reason if result.reason != "error" else ""
                record = {"input": value, "error": ": ".join(filter(None, (reason,
                                                                           result.detail)))}
            _print(record, output)
    finally:
        fetcher.close()
    if failed:
        raise typer.Exit(1)
