"""Describe each article for readers and search engines.

Sets `article.reading_minutes`, `article.first_published` (Provenance or None),
`article.canonical_url`, `article.jsonld` (schema.org BlogPosting) and the chronological
neighbours `article.prev_article` (older) and `article.next_article` (newer).

It runs once every generator has read its content: the JSON-LD holds the summary, and Pelican
keeps the first summary it makes for an address. Made earlier, before the static files were
known, that summary kept `{static}` links unresolved on sites with absolute URLs.
"""

from pelican import signals

from .glue import describe_all_articles


def register() -> None:
    signals.all_generators_finalized.connect(describe_all_articles)
