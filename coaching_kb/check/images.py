"""Rule: every image a post shows from the site itself exists, whichever way it is written.

`{static}`/`{attach}` targets are checked with the other internal links (`sources`); this rule
covers what Pelican leaves alone: a path relative to the post (`chart.png`; the local_files
plugin has already marked those that exist as `{static}`) or from the site's root
(`/images/chart.png`), both published broken when the file is missing.
"""

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

IMAGE_SOURCE = re.compile(
    r"""<(?:img|source)\b[^>]*?\bsrc=(?P<quote>["'])(?P<url>[^"'<>]*)(?P=quote)""", re.IGNORECASE
)


def missing_images(path: Path, html: str, settings: Mapping[str, Any]) -> list[str]:
    """Return the src of each image in `html` naming a file of the site that does not exist."""
    if "<img" not in html and "<source" not in html:
        return []
    root = Path(settings["PATH"])
    published = published_at_root(settings)
    return [
        url
        for url in dict.fromkeys(m["url"].strip() for m in IMAGE_SOURCE.finditer(html))
        if is_site_path(url) and not exists(url, path.parent, root, published)
    ]


def is_site_path(url: str) -> bool:
    """Return True for a path on this site: no scheme, host, {marker}, data: or query only."""
    if not url or url.startswith(("{", "#", "?", "//")) or "{" in url:
        return False
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc) and bool(parts.path)


def exists(url: str, here: Path, root: Path, published: set[str]) -> bool:
    """Return True when a site path names a file, relative to the post or to the site root."""
    path = unquote(urlsplit(url).path)
    if path.startswith("/"):
        return path.lstrip("/") in published or (root / path.lstrip("/")).is_file()
    return (here / path).is_file()


def published_at_root(settings: Mapping[str, Any]) -> set[str]:
    """Return where EXTRA_PATH_METADATA publishes files (favicon.ico from extra/, say)."""
    extra = settings.get("EXTRA_PATH_METADATA") or {}
    return {str(meta.get("path", "")).lstrip("/") for meta in extra.values() if meta.get("path")}


def missing_image_messages(missing: list[str]) -> Iterator[tuple[str, str]]:
    """Yield (src, message) for each missing image."""
    for url in missing:
        where = "the content folder" if url.startswith("/") else "this file's folder"
        yield (
            url,
            (
                f"image '{url}' does not exist (looked in {where}). Fix: correct the path, or "
                "add the image there"
            ),
        )
