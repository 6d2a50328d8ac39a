"""The sitemap and robots.txt documents. Pure: URLs in, text out."""

from collections.abc import Iterable
from xml.sax.saxutils import escape

from coaching_kb.content.pages import LOCAL_PREVIEW


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
