"""Pelican glue for local_files: rewrite each new article's or page's local links."""

import posixpath
from pathlib import Path
from typing import Any

from coaching_kb.content.body import body_of, set_body

from .links import mark_local_files

CONTENT_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm")


def link_local_files(content: Any) -> None:
    """Mark links to files beside `content`'s source as `{static}` (pages and articles alike)."""
    html = body_of(content)
    source = getattr(content, "source_path", None)
    if not html or not source or ("src=" not in html and "href=" not in html):
        return
    root = Path(content.settings["PATH"]).resolve()
    folder = posixpath.dirname(source)

    def is_site_file(relative: str) -> bool:
        # Links to other articles are Pelican's {filename} business, not a file to copy.
        if relative.lower().endswith(CONTENT_SUFFIXES):
            return False
        path = Path(posixpath.normpath(posixpath.join(folder, relative)))
        try:
            return path.resolve().is_relative_to(root) and path.is_file()
        except OSError:
            return False

    set_body(content, mark_local_files(html, is_site_file))
