"""The sitemap and robots.txt documents. Pure: URLs in, text out."""

import re
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

LOCAL_PREVIEW = "http://127.0.0.1:8000"  # a sitemap needs absolute URLs; local builds have none
NOINDEX = re.compile(r"<meta[^>]+name=\"robots\"[^>]+noindex", re.IGNORECASE)
SKIPPED_FOLDERS = ("pagefind", "theme")


def page_url(output: Path, page: Path) -> str:
    """Return the site-relative URL of an HTML file (folder/index.html -> folder/)."""
    relative = page.relative_to(output).as_posix()
    return relative.removesuffix("index.html")


def public_pages(output: Path) -> list[tuple[str, str]]:
    """Return (URL, '') for every HTML page in `output` not marked noindex."""
    pages = []
    for page in sorted(output.rglob("*.html")):
        if page.relative_to(output).parts[0] in SKIPPED_FOLDERS:
            continue
        if NOINDEX.search(page.read_text(encoding="utf-8", errors="replace")[:4000]):
            continue
        pages.append((page_url(output, page), ""))
    return pages


def sitemap_xml(base: str, pages: Iterable[tuple[str, str]]) -> str:
    """Return a sitemap of (relative URL, last-modified date or '') pairs under `base`."""
    root = (base or LOCAL_PREVIEW).rstrip("/")
    entries = []
    for url, modified in sorted(set(pages)):
        lastmod = f"<lastmod>{escape(modified)}</lastmod>" if modified else ""
        entries.append(f"<url><loc>{escape(f'{root}/{url}')}</loc>{lastmod}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )


def robots_txt(base: str) -> str:
    """Return a robots.txt that allows everything and names the sitemap."""
    return f"User-agent: *\nAllow: /\nSitemap: {(base or LOCAL_PREVIEW).rstrip('/')}/sitemap.xml\n"
