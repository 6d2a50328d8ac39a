"""Pelican glue for the sitemap: list the pages actually written, once the build is done."""

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coaching_kb.content.pages import public_pages

from .documents import robots_txt, sitemap_xml

if TYPE_CHECKING:
    from pelican import Pelican

# Per output folder, from the generators to `finalized`: what each written article or page
# says of itself. Pelican passes no context to `finalized`, so it waits here for one build.
NOTED: dict[str, "Contents"] = {}
# Generators' lists of content that is written but neither listed nor for search engines.
UNLISTED = (
    "hidden_articles", "hidden_translations", "drafts", "drafts_translations",
    "hidden_pages", "draft_pages", "draft_translations",
)  # fmt: skip
LISTED = ("articles", "translations", "pages")


class Contents:
    """The site-relative URLs of unlisted content, and the last change of listed content."""

    def __init__(self) -> None:
        self.unlisted: set[str] = set()
        self.lastmod: dict[str, str] = {}


def site_url(save_as: str) -> str:
    """Return the URL the sitemap gives a file saved as `save_as` (folder/index.html ->
    folder/)."""
    return save_as.replace("\\", "/").removesuffix("index.html")


def last_change(content: Any) -> str:
    """Return when `content` last changed (Modified:, else Date:) in W3C format, with the
    site's timezone when Pelican gave it one; '' for content with neither."""
    when = getattr(content, "modified", None) or getattr(content, "date", None)
    if not isinstance(when, datetime):
        return ""
    if when.tzinfo is None:
        return when.date().isoformat()
    return when.isoformat(timespec="seconds")


def note_contents(generators: list[Any]) -> None:
    """Note, for `write_sitemap`, which written files are hidden or drafts, and when the
    others last changed."""
    if not generators:
        return
    noted = NOTED.setdefault(str(generators[0].output_path), Contents())
    for generator in generators:
        for name in UNLISTED:
            unlisted = getattr(generator, name, ())
            noted.unlisted |= {site_url(c.save_as) for c in unlisted if c.save_as}
        for name in LISTED:
            for content in getattr(generator, name, ()):
                if content.save_as and (when := last_change(content)):
                    noted.lastmod[site_url(content.save_as)] = when


def write_sitemap(pelican: "Pelican") -> None:
    """Write sitemap.xml, and robots.txt unless the site publishes its own, at the root."""
    noted = NOTED.pop(str(pelican.output_path), Contents())
    if not pelican.settings.get("SITEMAP_ENABLED", True):
        return
    output = Path(pelican.output_path)
    base = pelican.settings.get("SITEURL", "")
    pages = [
        (url, noted.lastmod.get(url, ""))
        for url, _ in public_pages(output)
        if url not in noted.unlisted
    ]
    (output / "sitemap.xml").write_text(sitemap_xml(base, pages), encoding="utf-8")
    robots = output / "robots.txt"
    if not robots.exists():  # a robots.txt from the content folder is the owner's choice
        robots.write_text(robots_txt(base), encoding="utf-8")
