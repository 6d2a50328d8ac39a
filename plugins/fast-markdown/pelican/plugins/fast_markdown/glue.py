"""Pelican glue for fast_markdown: a Markdown reader that keeps its Markdown object."""

from typing import Any

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

META_PRIORITY = 27  # where markdown.extensions.meta registers its preprocessor


def reusing_reader(reader_class: type) -> type:
    """Return a subclass of `reader_class` that builds its Markdown object once."""

    class ReusingMarkdownReader(reader_class):  # type: ignore[misc, valid-type]
        _shared: Markdown | None = None
        _meta: Any = None

        def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
            if self._shared is None:
                self._shared = Markdown(**self.settings["MARKDOWN"])
                self._meta = self._shared.preprocessors["meta"]
            self._source_path = source_path
            self._md = self._shared
            self._md.reset()
            # Pelican's metadata parsing removes the meta preprocessor; put it back.
            if "meta" not in self._md.preprocessors:
                self._md.preprocessors.register(self._meta, "meta", META_PRIORITY)
            with pelican_open(source_path) as text:
                content = self._md.convert(text)
            metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
            return content, metadata

    ReusingMarkdownReader.__name__ = reader_class.__name__  # Pelican names the reader after it
    return ReusingMarkdownReader


def reuse_markdown(readers: Any) -> None:
    """Replace the reader of every Markdown extension with one that reuses its Markdown."""
    wrapped: dict[type, type] = {}
    for extension in MarkdownReader.file_extensions:
        current = readers.reader_classes.get(extension)
        if current is not None and issubclass(current, MarkdownReader):
            wrapped.setdefault(current, reusing_reader(current))
            readers.reader_classes[extension] = wrapped[current]
