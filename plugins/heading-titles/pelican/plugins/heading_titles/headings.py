"""Take a page's title from its first level-one heading. Pure: HTML in, title and HTML out."""

import html
import re

FIRST_H1 = re.compile(r"^\s*<h1\b[^>]*>(?P<inner>.*?)</h1>\s*", re.IGNORECASE | re.DOTALL)
TAGS = re.compile(r"<[^>]+>")


def title_from_heading(content: str) -> tuple[str, str] | None:
    """Return (title, content without that heading) when the text opens with an <h1>."""
    match = FIRST_H1.match(content)
    if not match:
        return None
    title = html.unescape(TAGS.sub("", match["inner"])).strip()
    if not title:
        return None
    return title, content[match.end() :]
