"""Index the built site with Pagefind so readers can search it with no server.

Reads the HTML Pelican writes (pages marked `data-pagefind-body`): each page goes to
Pagefind's service as soon as it is written, so Pagefind reads pages on a second core while
Pelican writes the rest; once all are written, the bundle goes to
`<output>/<SEARCH_BUNDLE_DIR>/`. If the service fails, the site is indexed with Pagefind's
command line instead. A rebuild whose every page reads as in the last build keeps its bundle
without starting Pagefind. A failed index is logged as an error, failing the build.
"""

from pelican import signals

from .glue import feed_page, index_site


def register() -> None:
    signals.content_written.connect(feed_page)
    signals.finalized.connect(index_site)
