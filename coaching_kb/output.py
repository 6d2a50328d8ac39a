"""What a built site holds: its public pages, as the sitemap and `verify` see them."""

import re
from pathlib import Path

LOCAL_PREVIEW = "http://127.0.0.1:8000"  # a sitemap needs absolute URLs; local builds have none
NOINDEX = re.compile(r"<meta[^>]+name=\"robots\"[^>]+noindex", re.IGNORECASE)
SKIPPED_FOLDERS = ("pagefind", "theme")


def page_url(output: Path, page: Path) -> str:
    """Return the site-relative URL of an HTML file (folder/index.html -> folder/)."""
    relative = page.relative_to(output).as_posix()
    return relative.removesuffix("index.html")


def html_pages(output: Path) -> list[Path]:
    """Return every HTML file of the site (a folder named `x.html` is not one), search aside."""
    return [
        page
        for page in sorted(output.rglob("*.html"))
        if page.is_file() and page.relative_to(output).parts[0] not in SKIPPED_FOLDERS
    ]


def public_pages(output: Path) -> list[tuple[str, str]]:
    """Return (URL, '') for every HTML page in `output` not marked noindex."""
    pages = []
    for page in html_pages(output):
        if NOINDEX.search(page.read_text(encoding="utf-8", errors="replace")[:4000]):
            continue
        pages.append((page_url(output, page), ""))
    return pages
