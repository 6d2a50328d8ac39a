"""Tell search engines what the site holds: writes `sitemap.xml` (every page not marked
noindex, found in the finished output) and `robots.txt`."""

from pelican import signals

from .glue import write_sitemap


def register() -> None:
    signals.finalized.connect(write_sitemap)
