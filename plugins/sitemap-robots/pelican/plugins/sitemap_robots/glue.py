"""Pelican glue for the sitemap: list the pages actually written, once the build is done."""

from pathlib import Path
from typing import TYPE_CHECKING

from coaching_kb.content.pages import public_pages

from .documents import robots_txt, sitemap_xml

if TYPE_CHECKING:
    from pelican import Pelican


def write_sitemap(pelican: "Pelican") -> None:
    """Write sitemap.xml, and robots.txt unless the site publishes its own, at the root."""
    if not pelican.settings.get("SITEMAP_ENABLED", True):
        return
    output = Path(pelican.output_path)
    base = pelican.settings.get("SITEURL", "")
    (output / "sitemap.xml").write_text(sitemap_xml(base, public_pages(output)), encoding="utf-8")
    robots = output / "robots.txt"
    if not robots.exists():  # a robots.txt from the content folder is the owner's choice
        robots.write_text(robots_txt(base), encoding="utf-8")
