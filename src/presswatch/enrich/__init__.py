"""Enrich an extracted article: its section, its watch topics and whether it is relevant.

``enrich_article(article, settings)`` is the stage's entry point; ``duplicates`` holds the
exact and near-duplicate fingerprints (content hash, MinHash).
"""

from __future__ import annotations

from presswatch.enrich.classify import assign_section, matched_topics, topic_rules
from presswatch.errors import ConfigError
from presswatch.models import Article, Enrichment
from presswatch.settings import Settings

__all__ = ["enrich_article"]


def enrich_article(article: Article, settings: Settings) -> Enrichment:
    """Section by the highest rule score; relevant when a watch topic is in the title or
    mentioned at least ``min_mentions`` times (2 by default) in the text.

    Raises ConfigError when ``settings.watch_topics`` names a topic the topics file lacks.
    """
    watched = tuple(t.strip().lower() for t in settings.watch_topics if t.strip())
    known = {topic.slug for topic in topic_rules(settings.topics_file)}
    unknown = sorted(set(watched) - known)
    if unknown:
        where = settings.topics_file or "the built-in topics file"
        raise ConfigError(f"watch topics {', '.join(unknown)} are not defined in {where}")
    text = article.text
    topics = matched_topics(article.title, text, watched, settings.topics_file)
    section = assign_section(article.title, text, article.language, settings.sections_file)
    return Enrichment(section=section, relevant=bool(topics), topics=topics)
