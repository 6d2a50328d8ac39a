"""Give a Markdown file with no `Title:` the text of its first `# Heading` as its title (the
convention of Obsidian, MkDocs and Quartz), and drop that heading from the text so it is not
shown twice; sets the `title` metadata through the site's Markdown reader.
"""

from pelican import signals

from .glue import read_heading_titles


def register() -> None:
    signals.readers_init.connect(read_heading_titles)
