"""Pelican glue for images: find each <img> file under the content folder and size it."""

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from coaching_kb.content.body import body_of, set_body

from .sizing import enhance_images, image_size

if TYPE_CHECKING:
    from pelican.generators import ArticlesGenerator, PagesGenerator

LINK_PREFIXES = ("{static}", "{attach}", "{filename}")
HEADER_BYTES = 64 * 1024  # every format we read keeps its size near the start


def image_file(src: str, source_path: str, content: Path) -> Path | None:
    """Return the file an <img src> names, if it is inside the content folder."""
    for prefix in LINK_PREFIXES:
        src = src.removeprefix(prefix)
    if "://" in src or src.startswith(("data:", "//")):
        return None
    src = unquote(urlsplit(src).path)  # a space written %20, a ?v=2: Pelican finds the file
    if src.startswith("/"):
        path = content / src.lstrip("/")
    else:
        path = Path(posixpath.normpath(posixpath.join(posixpath.dirname(source_path), src)))
    try:
        return path if path.resolve().is_relative_to(content.resolve()) and path.is_file() else None
    except OSError:
        return None


def size_images(items: list[Any], content: Path) -> None:
    """Add loading hints and sizes to the images of each article or page."""
    for item in items:
        if "<img" not in body_of(item):
            continue

        def size_of(src: str, source: str = item.source_path) -> tuple[int, int] | None:
            path = image_file(src, source, content)
            if path is None:
                return None
            with path.open("rb") as image:
                return image_size(image.read(HEADER_BYTES))

        set_body(item, enhance_images(body_of(item), size_of))


def size_article_images(generator: "ArticlesGenerator") -> None:
    """Size the images in every article."""
    size_images(generator.articles, Path(generator.settings["PATH"]))


def size_page_images(generator: "PagesGenerator") -> None:
    """Size the images in every page."""
    size_images(generator.pages, Path(generator.settings["PATH"]))
