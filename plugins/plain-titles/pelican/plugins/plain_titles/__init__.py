"""Give the titles of reST and HTML files as plain text, as Markdown's are; sets the `title`
metadata through the site's reST and HTML readers, and gives feeds the titles as pages show them.
"""

from pelican import signals

from .glue import feed_titles, read_plain_titles


def register() -> None:
    signals.readers_init.connect(read_plain_titles)
    signals.feed_generated.connect(feed_titles)
