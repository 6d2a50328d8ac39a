"""Work out each article's and page's URL once, when reading is done.

Pelican computes `url` afresh on every use (a format of the URL setting with the slug, date,
category and author, slugified again): every listing, hub, related link and feed entry asks,
a hundred thousand times on a site of 10,000 articles. Once every plugin has settled slugs
and dates, the URL is pinned with Pelican's own `override_url` (what a `URL:` line sets), so
every page is the same, only sooner.
"""

from pelican import signals

from .glue import fix_urls


def register() -> None:
    signals.all_generators_finalized.connect(fix_urls)
