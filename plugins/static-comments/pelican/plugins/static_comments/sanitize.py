"""Turn a reader's Markdown into HTML that cannot run script, style the page or load anything.

Reader input is hostile: the Markdown is rendered, then nh3 keeps only an allow-list.
"""

import nh3

from coaching_kb.content.rendering import to_html

ALLOWED_TAGS = frozenset(
    {"p", "br", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "hr"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def comment_html(markdown_text: str) -> str:
    """Return the comment body as sanitized HTML; links get rel="nofollow ugc noopener"."""
    return nh3.clean(
        to_html(markdown_text),
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    )


def safe_url(url: str) -> str:
    """Return `url` if it is a plain web address, else the empty string."""
    text = url.strip()
    if text.lower().startswith(("https://", "http://")) and not any(c in text for c in "\"'<> "):
        return text
    return ""
