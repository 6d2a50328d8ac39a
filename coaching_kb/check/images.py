"""Rule: every image a page shows from the site itself is published, however it is written.

The rule reads the page's HTML as Pelican resolved it (`{static}` turned into a URL, and
`local_files` having marked images beside the post), maps each image's URL back to a path in
the output, and looks it up among the files the build publishes. Pelican publishes a
`{static}` target that does not exist as a URL all the same; a path relative to the post or
from the site root (`chart.png`, `/images/chart.png`) it leaves alone: all three were shown
broken.
"""

import os
import posixpath
import re
from collections.abc import Container, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

IMAGE_SOURCE = re.compile(
    r"""<(?:img|source)\b[^>]*?\bsrc=(?P<quote>["'])(?P<url>[^"'<>]*)(?P=quote)""", re.IGNORECASE
)


def published_files(
    settings: Mapping[str, Any], statics: Iterable[Any], written: Iterable[str]
) -> frozenset[str]:
    """Return the output paths a build publishes: the static files that exist, the files the
    writer writes, and the theme's folder (as a prefix)."""
    found = {os.path.normpath(s.save_as) for s in statics if os.path.isfile(s.source_path)}
    found.update(os.path.normpath(path) for path in written)
    found.add(settings.get("THEME_STATIC_DIR", "theme").strip("/") + "/")
    return frozenset(found)


def missing_images(
    page_url: str, html: str, site_url: str, published: Container[str]
) -> Iterator[tuple[str, str]]:
    """Yield (url as written in the HTML, output path) for each image of this site that the
    build does not publish."""
    if "<img" not in html and "<source" not in html:
        return
    for url in dict.fromkeys(m["url"].strip() for m in IMAGE_SOURCE.finditer(html)):
        path = site_path(url, page_url, site_url)
        if path and path not in published and not is_under_theme(path, published):
            yield url, path


def site_path(url: str, page_url: str, site_url: str) -> str:
    """Return the output path an image URL on this site names ('' for another host)."""
    if site_url and url.startswith(site_url):
        url = url[len(site_url) :] or "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or url.startswith("{"):
        return ""
    # The page's folder: its URL itself for `slug/`, the URL's folder for `slug.html`.
    base = "/" + (page_url if page_url.endswith("/") else posixpath.dirname(page_url))
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    return path.lstrip("/")


def is_under_theme(path: str, published: Container[str]) -> bool:
    first = path.split("/", 1)[0] + "/"
    return first in published


def line_of_image(lines: list[str], url: str, path: str) -> int:
    """Return the line that names the image: by its URL, else its file's name, else 1."""
    for needle in (url, Path(path).name):
        for number, line in enumerate(lines, start=1):
            if needle and needle in line:
                return number
    return 1


def missing_image_message(path: str, written: str = "", needed: str = "") -> str:
    """Return the message for a missing image: as the author wrote it and the file it needs
    when the source line names it, else by the page's output path."""
    fix = (
        "Fix: correct the path (relative to this file, or {static}/ from the content folder), "
        "or add the image there"
    )
    if written and needed:
        return (
            f"image '{written}' does not exist: there is no {needed}, so the page would show "
            f"it broken. {fix}"
        )
    return f"image '{path}' does not exist, so the page would show it broken. {fix}"


# An image's target as written in the source: Markdown's ![alt](target) or an HTML src.
WRITTEN_TARGET = re.compile(r"""!\[[^\]]*\]\(\s*<?(?P<md>[^)\s>]+)|\bsrc=["'](?P<html>[^"']+)""")
LINK_PREFIXES = ("{static}", "{attach}", "{filename}")


def written_target(line: str, name: str) -> str:
    """Return the image target in `line` naming a file called `name`, or ''."""
    for match in WRITTEN_TARGET.finditer(line):
        target = match["md"] or match["html"] or ""
        if posixpath.basename(unquote(target.split("?")[0])) == name:
            return target
    return ""


def needed_source(target: str, source: Path, content_root: Path) -> Path:
    """Return the content file `target` names: from the content folder when it starts with /,
    else beside the source file (Pelican's rule for `{static}` and the like too)."""
    for prefix in LINK_PREFIXES:
        target = target.removeprefix(prefix)
    relative = unquote(target.split("?")[0].split("#")[0])
    base = content_root if relative.startswith("/") else source.parent
    return Path(os.path.normpath(base / relative.lstrip("/")))
