"""Mark a theme's article and page files for Pagefind when the theme marks none; pure of Pelican.

Pagefind indexes every page of a theme that marks nothing, and titles each result with the
page's first `<h1>`: in Pelican's default theme that is the site's name, so every result has
the same title and the index, tag and category pages come up beside the articles. Marking the
articles' and pages' own files with `data-pagefind-body` (Pagefind then skips every other
page) and their titles with `data-pagefind-meta="title"` gives what a theme author would have
marked, with no template edit.
"""

import re
from pathlib import Path

BODY_MARK = "data-pagefind-body"
# The attribute in a tag, not the words in an article's text (which Pelican escapes).
MARKED_TAG = re.compile(rf"<[a-z][^<>]*\s{BODY_MARK}[\s=/>]", re.IGNORECASE)
# The element holding the text, the first a page has of: the theme's <article> where it has
# exactly one (a theme may show other articles as cards before it), the element with
# id="content" (Pelican's default theme: `<section id="content">` on a page), its one <main>,
# else <body> (the site's name, menu and links then count as the page's text).
OPENING = {
    tag: re.compile(rf"<{tag}\b[^>]*>", re.IGNORECASE) for tag in ("article", "main", "body")
}
CONTENT_ID = re.compile(
    r"""<[a-z][a-z0-9]*\s[^>]*(?<![\w-])id=["']?content(?=["'\s/>])[^>]*>""", re.I
)


def theme_marks(files: list[Path]) -> bool:
    """Return True when any of the files already says what Pagefind indexes."""
    return any(MARKED_TAG.search(read(path)) for path in files)


def text_opening(html: str) -> re.Match[str] | None:
    """Return the opening tag of the element that holds the page's text."""
    for found in (OPENING["article"].finditer(html), CONTENT_ID.finditer(html),
                  OPENING["main"].finditer(html)):  # fmt: skip
        openings = list(found)
        if len(openings) == 1:
            return openings[0]
    return OPENING["body"].search(html)


def mark_files(titled: dict[Path, str]) -> int:
    """Mark each file's text and title (HTML, as Pelican makes it) for Pagefind; return how
    many files were marked (a file without <article> or <body> is left as it is)."""
    marked = 0
    for path, title in titled.items():
        html = read(path)
        opening = text_opening(html)
        if opening is None:
            continue
        # Hidden, and ignored as text: Pagefind still reads the title from it.
        title_tag = f'<span hidden data-pagefind-ignore data-pagefind-meta="title">{title}</span>'
        tag = opening.group(0)
        marked_tag = f"{tag[:-1].rstrip('/')} {BODY_MARK}>{title_tag}"
        path.write_text(html[: opening.start()] + marked_tag + html[opening.end() :], "utf-8")
        marked += 1
    return marked


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")
