"""Pelican glue for plain_titles: wrap each reader whose titles are HTML."""

from typing import Any

from pelican.readers import HTMLReader, RstReader

from .text import plain_text

# Readers whose `title` is HTML: docutils renders reST titles, and HTML's <title> is taken as
# written. Markdown's is the text after `Title:`, already plain.
HTML_TITLED = (RstReader, HTMLReader)


def with_plain_titles(reader_class: type) -> type:
    """Return a subclass of `reader_class` whose read() gives the title as plain text."""

    class PlainTitleReader(reader_class):  # type: ignore[misc, valid-type]
        def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
            content, metadata = super().read(source_path)
            if isinstance(metadata.get("title"), str):
                metadata["title"] = plain_text(metadata["title"])
            return content, metadata

    PlainTitleReader.__name__ = reader_class.__name__  # Pelican names the reader after it
    return PlainTitleReader


def read_plain_titles(readers: Any) -> None:
    """Wrap the reader of every extension read by a reST or HTML reader."""
    for extension, reader_class in list(readers.reader_classes.items()):
        if isinstance(reader_class, type) and issubclass(reader_class, HTML_TITLED):
            readers.reader_classes[extension] = with_plain_titles(reader_class)


def feed_titles(context: dict[str, Any], feed: Any) -> None:
    """Give each feed entry its article's title as the page shows it: Pelican's feed reads a
    title as HTML (`T <b>` becomes "T", `&lt;` becomes "<"), but titles here are plain text."""
    titles = {}
    for item in (*context.get("articles", ()), *context.get("translations", ())):
        titles[item.url] = item.title
    for entry in feed.items:
        link = str(entry.get("link", "")).removesuffix("?ref=feed")
        # The entry's link is the site's address, then the article's URL.
        for at in (i for i, character in enumerate(link) if character == "/"):
            if (title := titles.get(link[at + 1 :])) is not None:
                entry["title"] = title
                break
