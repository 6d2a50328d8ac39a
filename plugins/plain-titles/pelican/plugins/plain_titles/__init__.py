"""Give the titles of reST and HTML files as plain text, as Markdown's are; sets the `title`
metadata through the site's reST and HTML readers.
"""

from pelican import signals

from .glue import read_plain_titles


def register() -> None:
    signals.readers_init.connect(read_plain_titles)
