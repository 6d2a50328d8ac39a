"""A content object's body: the HTML its reader made, before Pelican resolves its links.

Pelican offers no public way to read or replace that body: `content` and `get_content()`
resolve `{filename}` links as they are called and keep the result, so a plugin reading them
before every page is known would freeze broken links into the page. Plugins that rewrite the
body (topic links, image sizes, local files) or read it (reading time, a Q&A's letter) go
through these two functions, the one place that touches Pelican's private `_content`; the
test beside this module fails if a Pelican release changes it.
"""

import copy
import re
from collections.abc import Mapping
from typing import Any

from pelican.utils import get_relative_path, path_to_url

BODY_ATTRIBUTE = "_content"  # Pelican 4.x: Content.__init__ keeps the reader's HTML here
ATTACH_LINK = re.compile(r"([{|])attach([|}])")  # `{attach}x.png`, and the older `|attach|`


def body_of(content: Any) -> str:
    """Return the HTML body of an article or page as its reader (and plugins) left it."""
    return getattr(content, BODY_ATTRIBUTE, None) or ""


def set_body(content: Any, html: str) -> None:
    """Replace the body of an article or page; its links are resolved when it is rendered."""
    setattr(content, BODY_ATTRIBUTE, html)


def page_site_url(save_as: str, settings: Mapping[str, Any]) -> str:
    """Return the SITEURL Pelican's writer gives the page written at `save_as`: the way back
    to the root with RELATIVE_URLS (`..` for `pages/about.html`), else the site's own."""
    if settings.get("RELATIVE_URLS"):
        return path_to_url(get_relative_path(save_as))
    return settings.get("SITEURL", "")


def resolved_body(content: Any, settings: Mapping[str, Any]) -> str:
    """Return the body with its links resolved as on its page (Pelican keeps the result, and
    moves a file linked with `{attach}` beside the page the first time).

    Content that is not written (a draft, with DRAFT_SAVE_AS = "") moves nothing: it has no
    folder, so Pelican would move the file to the site's root, away from the published post
    attaching it too. A copy of it is resolved instead, its `{attach}` links read as
    `{static}` ones: the file where it is, or where a written page moved it.
    """
    if content.save_as:
        return content.get_content(page_site_url(content.save_as, settings)) or ""
    unwritten = copy.copy(content)  # Pelican keeps each object's result: this one is thrown away
    set_body(unwritten, ATTACH_LINK.sub(r"\1static\2", body_of(content)))
    # Its links as from its address (DRAFT_URL), where the checks read them from.
    return unwritten.get_content(page_site_url(content.url or "", settings)) or ""
