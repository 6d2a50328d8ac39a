"""Pelican glue for the sitemap: collect every public page's URL, then write the files."""

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pelican.generators import Generator

from .documents import robots_txt, sitemap_xml

if TYPE_CHECKING:
    from pelican.writers import Writer


def last_modified(item: Any) -> str:
    """Return the ISO date an article last changed."""
    return (getattr(item, "modified", None) or item.date).date().isoformat()


def public_pages(context: dict[str, Any], settings: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (URL, last-modified) for the home page, articles, pages, hubs and listings."""
    pages = [("", "")]
    pages += [(a.url, last_modified(a)) for a in context.get("articles", [])]
    pages += [(p.url, "") for p in context.get("pages", [])]
    pages += [(hub.url, "") for hub in context.get("topic_hubs", [])]
    pages += [(author.url, "") for author, _ in context.get("authors", [])]
    pages += [(category.url, "") for category, _ in context.get("categories", [])]
    for name in ("TOPICS_URL", "ARCHIVES_SAVE_AS", "AUTHORS_SAVE_AS", "CATEGORIES_SAVE_AS"):
        target = settings.get(name) or ("topics/" if name == "TOPICS_URL" else "")
        if target:
            pages.append((target.removesuffix("index.html"), ""))
    return pages


class SitemapGenerator(Generator):
    """Write sitemap.xml and robots.txt at the root of the output."""

    def generate_output(self, writer: "Writer") -> None:
        base = self.settings.get("SITEURL", "")
        output = Path(self.output_path)
        output.mkdir(parents=True, exist_ok=True)
        pages = public_pages(self.context, self.settings)
        (output / "sitemap.xml").write_text(sitemap_xml(base, pages), encoding="utf-8")
        (output / "robots.txt").write_text(robots_txt(base), encoding="utf-8")
