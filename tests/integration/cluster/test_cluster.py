"""The cluster: PostgreSQL as the database, Redis as the queue, two `presswatch worker`s.

The same sample press as the SQLite deployment (tests/integration/conftest.py), crawled by
`presswatch crawl --once` onto Redis and processed by two worker processes; the counts are
the ones the SQLite tests expect. Then a worker killed with SIGKILL mid-run: its leases
expire, the other worker's reaper re-enqueues the work, and nothing is lost or stored twice.
"""

from __future__ import annotations

import re
import signal
import time
from collections import Counter
from datetime import UTC, datetime

import httpx
import pytest
from lxml import html
from sqlalchemy import func, select, text

from presswatch.store.analysis_tables import Mention, StoryMember
from presswatch.store.tables import Article, Capture, Document, TranslationRow
from tests.integration.cluster.conftest import Cluster, deploy_cluster
from tests.integration.conftest import wait_until_settled
from tests.integration.test_stories import geneva_reports
from tests.support import free_port, run_cli, start_process, stop_process, wait_http

pytestmark = pytest.mark.integration


def expected_documents(press) -> set[str]:
    """One document per stored text: every sample article but the paywall and robots-hidden."""
    return {a.title for a in press.articles if a.kind not in ("paywall", "hidden")}


def expected_articles(press) -> int:
    return len({a.url for a in press.articles if a.kind != "hidden"})


def stored_counts(cluster: Cluster) -> dict[str, object]:
    with cluster.db.session() as s:
        return {
            "stages": {stage: n for stage, n in s.execute(
                select(Article.stage, func.count()).group_by(Article.stage))},
            "articles": s.scalar(select(func.count()).select_from(Article)),
            "urls": s.scalar(select(func.count(func.distinct(Article.url)))),
            "documents": s.scalar(select(func.count()).select_from(Document)),
            "hashes": s.scalar(select(func.count(func.distinct(Document.content_hash)))),
            "titles": Counter(s.scalars(select(Document.title))),
            "translations": s.scalar(select(func.count()).select_from(TranslationRow)),
            "translation_pairs": s.scalar(select(func.count()).select_from(
                select(TranslationRow.document_id, TranslationRow.language).distinct()
                .subquery())),
            "members": s.scalar(select(func.count()).select_from(StoryMember)),
            "mentions": s.scalar(select(func.count()).select_from(Mention)),
            "distinct_mentions": s.scalar(select(func.count()).select_from(
                select(Mention.document_id, Mention.start, Mention.type).distinct().subquery())),
        }


def assert_everything_stored_once(cluster: Cluster) -> dict[str, object]:
    counts = stored_counts(cluster)
    stages = counts["stages"]
    assert set(stages) == {"done", "rejected"}, stages
    assert stages["rejected"] == 1  # the paywall stub
    assert counts["articles"] == counts["urls"] == expected_articles(cluster.press)
    titles = counts["titles"]
    assert set(titles) == expected_documents(cluster.press)
    assert max(titles.values()) == 1, [t for t, n in titles.items() if n > 1]
    assert counts["documents"] == counts["hashes"] == len(titles)
    # every document in the three site languages, once each
    assert counts["translations"] == counts["translation_pairs"] == 3 * counts["documents"]
    # one story place per document, no mention recorded twice
    assert counts["members"] == counts["documents"]
    assert counts["mentions"] == counts["distinct_mentions"] > 0
    return counts


def worker_pids_in_captures(cluster: Cluster) -> Counter[str]:
    """Captured article pages per process id (the WARC file name carries the writer's pid)."""
    with cluster.db.session() as s:
        files = s.scalars(select(Capture.warc_file).where(Capture.article_id.is_not(None)))
        return Counter(re.match(r"presswatch-\d+-(\d+)-", name).group(1) for name in files)


@pytest.fixture(scope="module")
def cluster(postgres, redis_queue, tmp_path_factory):
    """Crawl onto Redis first, then two workers empty the queue; then `presswatch serve`."""
    data_dir = tmp_path_factory.mktemp("cluster")
    with deploy_cluster(postgres, redis_queue, data_dir) as cluster:
        crawled = run_cli("crawl", "--once", env=cluster.env)
        cluster.crawl_output = crawled.stdout + crawled.stderr
        cluster.queued_after_crawl = cluster.queued()
        workers = [start_process("worker", env=cluster.env, log=data_dir / f"worker{n}.log")
                   for n in (1, 2)]
        web = None
        try:
            wait_until_settled(cluster.db, timeout=300)
            cluster.workers = workers
            port = free_port()
            web = start_process("serve", "--port", str(port), env=cluster.env,
                                log=data_dir / "web.log")
            cluster.base_url = f"http://127.0.0.1:{port}"
            wait_http(f"{cluster.base_url}/healthz")
            yield cluster
        finally:
            for proc in (web, *workers):
                if proc is not None:
                    stop_process(proc)


def test_db_upgrade_migrates_postgresql_to_the_head(cluster):
    current = run_cli("db", "current", env=cluster.env).stdout.strip()
    assert re.fullmatch(r"[0-9a-f]+", current), current
    assert f"revision {current}" in cluster.upgrade_output
    with cluster.db.session() as s:
        assert s.get_bind().dialect.name == "postgresql"
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == current


def test_crawl_puts_one_task_per_new_article_on_redis(cluster):
    new = int(re.search(r"(\d+) new articles", cluster.crawl_output).group(1))
    assert new == expected_articles(cluster.press)
    assert cluster.queued_after_crawl == new
    assert cluster.queued() == 0  # the workers took them all


def test_two_workers_store_every_article_once(cluster):
    assert_everything_stored_once(cluster)
    pids = worker_pids_in_captures(cluster)
    assert set(pids) == {str(w.pid) for w in cluster.workers}, pids  # both did work
    assert all(w.poll() is None for w in cluster.workers)


def test_stories_and_mentions_are_stored(cluster):
    with cluster.db.session() as s:
        docs = set(s.scalars(select(Document.id)))
        members = {doc: story for doc, story in s.execute(
            select(StoryMember.document_id, StoryMember.story_id))}
        mentioned = set(s.scalars(select(Mention.document_id).distinct()))
        published = list(s.scalars(select(Document).where(Document.status == "published")))
    assert set(members) == docs  # every document placed in exactly one story
    assert len(set(members.values())) < len(docs)  # and reports of one event share a story
    assert len(mentioned) >= len(docs) * 0.8, (len(mentioned), len(docs))
    assert published
    # the four same-day Geneva reports, processed by two workers at once, are one story
    reports = geneva_reports(cluster)
    assert len({members[doc.id] for doc in reports.values()}) == 1, {
        lang: members[doc.id] for lang, doc in reports.items()}


def test_site_serves_an_article_page_from_postgresql(cluster):
    with cluster.db.session() as s:
        doc = s.scalars(select(Document).where(Document.status == "published",
                                               Document.language == "en")
                        .order_by(Document.id)).first()
    assert doc is not None and doc.section
    section = httpx.get(f"{cluster.base_url}/en/{doc.section}/", timeout=30)
    assert section.status_code == 200
    links = [h for h in html.fromstring(section.text).xpath("//a/@href")
             if re.search(rf"/en/{doc.section}/{doc.id}-", h)]
    assert links, f"document {doc.id} is not linked from /en/{doc.section}/"
    page = httpx.get(cluster.base_url + links[0], timeout=30)
    assert page.status_code == 200
    tree = html.fromstring(page.text)
    assert doc.title in tree.xpath("string(//h1)")


def count_past_discovery(cluster: Cluster) -> int:
    with cluster.db.session() as s:
        return s.scalar(select(func.count()).where(Article.stage != "discovered"))


def in_victims_hands(cluster: Cluster, victim) -> int | None:
    """An article the victim fetched and is extracting, storing and placing right now."""
    with cluster.db.session() as s:
        rows = s.execute(
            select(Article.id, Capture.warc_file).join(Capture, Capture.article_id == Article.id)
            .where(Article.stage == "discovered", Article.lease_until > datetime.now(UTC)))
        return next((article_id for article_id, name in rows
                     if f"-{victim.pid}-" in name), None)


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(postgres, redis_queue, tmp_path):
    with deploy_cluster(postgres, redis_queue, tmp_path, PRESSWATCH_LEASE_SECONDS="5",
                        PRESSWATCH_REAP_INTERVAL="1") as cluster:
        run_cli("crawl", "--once", env=cluster.env)
        victim = start_process("worker", env=cluster.env, log=tmp_path / "victim.log")
        survivor = start_process("worker", env=cluster.env, log=tmp_path / "survivor.log")
        try:
            deadline = time.monotonic() + 120
            held = None
            while held is None and time.monotonic() < deadline:
                time.sleep(0.02)
                if count_past_discovery(cluster) >= 3:  # both workers are up and running
                    held = in_victims_hands(cluster, victim)
            assert held is not None, "the victim never held work while the others were moving"
            stop_process(victim, signal.SIGKILL)
            assert victim.returncode == -signal.SIGKILL
            wait_until_settled(cluster.db, timeout=300)
            assert_everything_stored_once(cluster)
            assert survivor.poll() is None
            with cluster.db.session() as s:
                article = s.get(Article, held)
                # claimed by the victim, again after its lease expired, then for translation
                assert article.attempts == {"done": 3, "rejected": 2}[article.stage]
        finally:
            stop_process(victim)
            stop_process(survivor)
