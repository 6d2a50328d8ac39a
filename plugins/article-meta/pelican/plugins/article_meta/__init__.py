"""Describe each article for readers and search engines.

Sets `article.reading_minutes`, `article.first_published` (Provenance or None),
`article.canonical_url`, `article.jsonld` (schema.org BlogPosting) and the chronological
neighbours `article.prev_article` (older) and `article.next_article` (newer).
"""

from pelican import signals

from .glue import describe_articles


def register() -> None:
    signals.article_generator_finalized.connect(describe_articles)
