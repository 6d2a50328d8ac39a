"""Read a Markdown file that opens with `---` YAML front matter (Jekyll's and Hugo's way) as
YAML: quotes, lists, dates and blocks as YAML means them, each value then made by Pelican's own
metadata processors, as a `Key: value` header's would be. Other Markdown files are left to the
reader they had.
"""

from pelican import signals
from pelican.readers import MarkdownReader

from .glue import with_yaml_front_matter


def read_yaml_front_matter(readers: object) -> None:
    """Wrap the reader of every Markdown extension the site reads."""
    classes = readers.reader_classes  # type: ignore[attr-defined]
    for extension in MarkdownReader.file_extensions:
        current = classes.get(extension)
        if current is not None and issubclass(current, MarkdownReader):
            classes[extension] = with_yaml_front_matter(current)


def register() -> None:
    signals.readers_init.connect(read_yaml_front_matter)
