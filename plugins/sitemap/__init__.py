"""Tell search engines what the site holds: writes `sitemap.xml` and `robots.txt`."""

from pelican import signals

from .glue import SitemapGenerator


def add_sitemap_generator(_pelican: object) -> type[SitemapGenerator]:
    return SitemapGenerator


def register() -> None:
    signals.get_generators.connect(add_sitemap_generator)
