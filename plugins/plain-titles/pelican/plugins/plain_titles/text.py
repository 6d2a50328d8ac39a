"""Turn a title written as HTML into the plain text it shows. Pure: str in, str out."""

import html
import re

TAGS = re.compile(r"<[^>]*>")
SPACES = re.compile(r"\s+")


def plain_text(title: str) -> str:
    """Return the text an HTML fragment shows: tags dropped, entities decoded, spaces folded."""
    if "<" not in title and "&" not in title:
        return SPACES.sub(" ", title).strip()
    return SPACES.sub(" ", html.unescape(TAGS.sub("", title))).strip()
