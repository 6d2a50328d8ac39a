"""Pelican glue for article descriptions."""

import itertools
from typing import TYPE_CHECKING

from pelican.generators import ArticlesGenerator

from coaching_kb.content.body import body_of

from .describe import blog_posting_jsonld, provenance, reading_minutes

if TYPE_CHECKING:
    from pelican.generators import Generator


def describe_all_articles(generators: "list[Generator]") -> None:
    """Describe the articles of each articles generator, once every generator has read its
    content (a summary read earlier would keep links to files not yet known)."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            describe_articles(generator)


def describe_articles(generator: ArticlesGenerator) -> None:
    """Set reading time, provenance, canonical URL and JSON-LD on every article, translations
    and hidden ones included."""
    site_url = generator.settings.get("SITEURL", "")
    by_date = sorted(generator.articles, key=lambda a: (a.date, a.slug))
    for older, newer in itertools.pairwise(by_date):
        newer.prev_article, older.next_article = older, newer
    # Every article with a page: a translation's had an empty canonical link and JSON-LD.
    shown = ("articles", "translations", "hidden_articles", "hidden_translations")
    for article in (a for name in shown for a in getattr(generator, name, [])):
        article.reading_minutes = reading_minutes(body_of(article))
        article.first_published = provenance(getattr(article, "original-source", ""))
        own_url = f"{site_url}/{article.url}"
        source_url = article.first_published.url if article.first_published else ""
        modified = getattr(article, "modified", None)  # Pelican sets it for `Modified:` only
        article.canonical_url = source_url or own_url
        article.jsonld = blog_posting_jsonld(
            title=article.title,
            summary=str(getattr(article, "summary", "")),
            authors=[(a.name, f"{site_url}/{a.url}") for a in getattr(article, "authors", [])],
            date_iso=article.date.isoformat(),
            url=own_url,
            modified_iso=modified.isoformat() if modified else "",
        )
