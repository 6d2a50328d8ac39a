"""Tell search engines what the site holds: writes `sitemap.xml` (every page not marked
noindex, found in the finished output, less hidden and draft articles and pages, with each
post's last change) and `robots.txt`."""

from pelican import signals

from .glue import note_contents, write_sitemap


def register() -> None:
    signals.all_generators_finalized.connect(note_contents)
    signals.finalized.connect(write_sitemap)
