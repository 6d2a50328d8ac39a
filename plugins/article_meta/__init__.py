"""Describe each article for readers and search engines.

Sets `article.reading_minutes`, `article.first_published` (Provenance or None),
`article.canonical_url` and `article.jsonld` (schema.org BlogPosting, except on Q&As).
"""

from pelican import signals

from .glue import describe_articles


def register() -> None:
    signals.article_generator_finalized.connect(describe_articles)
