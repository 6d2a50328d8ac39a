"""Index the pages Pelican wrote with Pagefind's command line: search with no search server.

Reads the HTML this build wrote (Pagefind's own `data-pagefind-*` attributes decide what is
indexed and how), and the owner's synonyms file; writes `<output>/<SEARCH_BUNDLE_DIR>/`, the
bundle Pagefind's UI and JS API load, with `synonyms.json` beside it. A failure is logged as
an error naming the fix; the rest of the site is still written.
"""

from pelican import signals

from .glue import index_output, note_written


def register() -> None:
    signals.content_written.connect(note_written)
    signals.finalized.connect(index_output)
