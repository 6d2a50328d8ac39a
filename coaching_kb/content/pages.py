"""What a built site holds: its public pages, as the sitemap plugin and `verify` see them (shared
by both, as the rest of the content model is)."""

import os
import re
from pathlib import Path

LOCAL_PREVIEW = "http://127.0.0.1:8000"  # a sitemap needs absolute URLs; local builds have none
NOINDEX = re.compile(r"<meta[^>]+name=\"robots\"[^>]+noindex", re.IGNORECASE)
HEAD_CHARS = 4000  # where a page's robots meta is looked for
SKIPPED_FOLDERS = ("pagefind", "theme")


def page_url(output: Path, page: Path) -> str:
    """Return the site-relative URL of an HTML file (folder/index.html -> folder/)."""
    relative = page.relative_to(output).as_posix()
    return relative.removesuffix("index.html")


def head_of(page: Path) -> str:
    """Return the first HEAD_CHARS characters of an HTML file, reading no more than needed
    (a topic hub on a big site runs to a megabyte)."""
    with page.open("rb") as html:
        start = html.read(4 * HEAD_CHARS)  # UTF-8 takes at most four bytes a character
    return start.decode("utf-8", errors="replace")[:HEAD_CHARS]


def html_pages(output: Path) -> list[Path]:
    """Return every HTML file of the site (a folder named `x.html` is not one), search aside,
    in path order."""
    # os.walk, not Path.rglob: a fifth of the time on a site of 10,000 pages.
    found: list[tuple[str, ...]] = []
    root = os.path.join(output, "")
    for folder, subfolders, files in os.walk(output):
        where = tuple(folder[len(root) :].split(os.sep)) if folder != str(output) else ()
        if not where:
            subfolders[:] = [name for name in subfolders if name not in SKIPPED_FOLDERS]
        found += [(*where, name) for name in files if name.endswith(".html")]
    pages = [output.joinpath(*parts) for parts in sorted(found)]
    return [page for page in pages if page.is_file()]


def public_pages(output: Path) -> list[tuple[str, str]]:
    """Return (URL, '') for every HTML page in `output` not marked noindex."""
    pages = []
    for page in html_pages(output):
        if NOINDEX.search(head_of(page)):
            continue
        pages.append((page_url(output, page), ""))
    return pages
