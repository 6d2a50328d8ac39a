"""Index the built site with Pagefind so readers can search it with no server.

Reads the HTML Pelican wrote (pages marked `data-pagefind-body`); writes the search bundle
to `<output>/<SEARCH_BUNDLE_DIR>/`. A failed index is logged as an error, failing the build.
"""

from pelican import signals

from .glue import index_site


def register() -> None:
    signals.finalized.connect(index_site)
