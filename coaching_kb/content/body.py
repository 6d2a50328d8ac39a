"""A content object's body: the HTML its reader made, before Pelican resolves its links.

Pelican offers no public way to read or replace that body: `content` and `get_content()`
resolve `{filename}` links as they are called and keep the result, so a plugin reading them
before every page is known would freeze broken links into the page. Plugins that rewrite the
body (topic links, image sizes, local files) or read it (reading time, a Q&A's letter) go
through these two functions, the one place that touches Pelican's private `_content`; the
test beside this module fails if a Pelican release changes it.
"""

from typing import Any

BODY_ATTRIBUTE = "_content"  # Pelican 4.x: Content.__init__ keeps the reader's HTML here


def body_of(content: Any) -> str:
    """Return the HTML body of an article or page as its reader (and plugins) left it."""
    return getattr(content, BODY_ATTRIBUTE, None) or ""


def set_body(content: Any, html: str) -> None:
    """Replace the body of an article or page; its links are resolved when it is rendered."""
    setattr(content, BODY_ATTRIBUTE, html)
