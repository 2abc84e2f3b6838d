"""Ingest throughput over the sample press on loopback, against bare trafilatura extraction.

Both are measured in the same run on the same pages, so the ratio survives a noisy machine.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import httpx
import trafilatura

from presswatch.extract.language import detector_for
from presswatch.pipeline import Pipeline
from presswatch.samplepress.server import SamplePress
from presswatch.settings import Settings
from presswatch.sources.catalog import load_catalog
from presswatch.store import migrate
from presswatch.store import sources as store_sources
from presswatch.store.base import Database


def bare_trafilatura_seconds(urls: list[str]) -> float:
    """Seconds trafilatura's ``extract()`` takes over the pages (fetched beforehand)."""
    with httpx.Client(timeout=30) as client:
        pages = [client.get(url).text for url in urls]
    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page)
    return time.perf_counter() - start


def ingest(settings: Settings, press: SamplePress) -> dict[str, float]:
    """Crawl, fetch, extract, deduplicate, enrich and translate every sample article."""
    migrate.upgrade(settings.db_url)
    catalog = settings.data_dir / "catalog.toml"
    catalog.write_text(press.catalog_toml(), encoding="utf-8")
    db = Database(settings.db_url)
    with db.session() as s:
        for entry in load_catalog(catalog):
            store_sources.upsert_outlet(s, entry)
    pipeline = Pipeline(settings, db)
    # Start-up work a long-running worker does once, not per article.
    pipeline.translator.available_pairs()
    detector_for(tuple(settings.source_languages))
    start = time.perf_counter()
    crawl = pipeline.crawl(pipeline.due_feeds(all_feeds=True))
    t_crawl = time.perf_counter()
    extracted = [i for i in crawl.new_articles if pipeline.process_article(i) == "extracted"]
    t_extract = time.perf_counter()
    for article_id in extracted:
        pipeline.translate_article(article_id)
    end = time.perf_counter()
    pipeline.close()
    db.dispose()
    return {
        "articles": len(crawl.new_articles),
        "seconds": end - start,
        "crawl_s": t_crawl - start,
        "fetch_extract_enrich_s": t_extract - t_crawl,
        "translate_s": end - t_extract,
    }


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp, SamplePress() as press:
        settings = Settings(
            data_dir=Path(tmp), allow_private_urls=True, auto_publish=True, min_host_interval=0.0
        )
        result = ingest(settings, press)
        urls = [a.url for a in press.articles if a.kind != "hidden"]
        result["trafilatura_s"] = bare_trafilatura_seconds(urls)
        result["pages"] = len(urls)
    result["articles_per_s"] = result["articles"] / result["seconds"]
    result["ratio_to_trafilatura"] = result["seconds"] / result["trafilatura_s"]
    result["ingest_without_mt_ratio"] = (
        result["crawl_s"] + result["fetch_extract_enrich_s"]
    ) / result["trafilatura_s"]
    return result


def report(result: dict[str, float]) -> str:
    return (
        f"ingest: {result['articles']:.0f} articles in {result['seconds']:.2f} s = "
        f"{result['articles_per_s']:.1f} articles/s "
        f"(crawl {result['crawl_s']:.2f} s, fetch+extract+enrich "
        f"{result['fetch_extract_enrich_s']:.2f} s, translate {result['translate_s']:.2f} s); "
        f"bare trafilatura.extract on the same {result['pages']:.0f} pages "
        f"{result['trafilatura_s']:.2f} s; ratio {result['ratio_to_trafilatura']:.1f}x "
        f"({result['ingest_without_mt_ratio']:.1f}x without translation)"
    )


if __name__ == "__main__":
    print(report(run()))
