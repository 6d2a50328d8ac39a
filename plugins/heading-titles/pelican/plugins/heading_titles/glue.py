"""Pelican glue for heading_titles: a Markdown reader that falls back to the first heading."""

from typing import Any

from pelican.readers import MarkdownReader

from .headings import title_from_heading


def with_heading_titles(reader_class: type) -> type:
    """Return a subclass of `reader_class` whose read() takes a missing title from an <h1>."""

    class HeadingTitleReader(reader_class):  # type: ignore[misc, valid-type]
        def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
            content, metadata = super().read(source_path)
            if not metadata.get("title"):
                found = title_from_heading(content or "")
                if found:
                    metadata["title"], content = found
            return content, metadata

    HeadingTitleReader.__name__ = reader_class.__name__  # Pelican names the reader after it
    return HeadingTitleReader


def read_heading_titles(readers: Any) -> None:
    """Wrap the reader of every Markdown extension the site reads."""
    for extension in MarkdownReader.file_extensions:
        current = readers.reader_classes.get(extension)
        if current is not None and issubclass(current, MarkdownReader):
            readers.reader_classes[extension] = with_heading_titles(current)
