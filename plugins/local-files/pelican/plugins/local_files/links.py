"""Find `src` and `href` values that name a file beside the source, and mark them `{static}`.

Pure: HTML and a test for "is this a file of the site" in, HTML out.
"""

import re
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

ATTRIBUTE = re.compile(r"""(?P<name>\b(?:src|href))=(?P<quote>["'])(?P<value>[^"'<>]*)(?P=quote)""")


def is_local(value: str) -> bool:
    """Return True for a relative URL with a path: no scheme, host, root, anchor or {tag}."""
    if not value or value.startswith(("{", "#", "/", "?")):
        return False
    parts = urlsplit(value)
    return not (parts.scheme or parts.netloc) and bool(parts.path)


def mark_local_files(html: str, is_site_file: Callable[[str], bool]) -> str:
    """Return `html` with each local link to an existing file of the site made `{static}`."""

    def rewrite(match: re.Match[str]) -> str:
        value = match["value"]
        if not is_local(value) or not is_site_file(unquote(urlsplit(value).path)):
            return match[0]
        return f"{match['name']}={match['quote']}{{static}}{value}{match['quote']}"

    return ATTRIBUTE.sub(rewrite, html)
