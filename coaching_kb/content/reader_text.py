"""Readers' text as HTML that cannot run script, style the page or load anything.

Reader input is hostile: comments and the letters of Q&As are rendered from Markdown, then
nh3 keeps only an allow-list. Both plugins that show reader text use these two functions.
"""

import nh3

from coaching_kb.content.rendering import to_html

ALLOWED_TAGS = frozenset(
    {"p", "br", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "hr"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def clean_html(html: str) -> str:
    """Return `html` with only the allow-list left; links get rel="nofollow ugc noopener"."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    )


def reader_html(markdown_text: str) -> str:
    """Return a reader's Markdown as sanitized HTML."""
    return clean_html(to_html(markdown_text))


def safe_url(url: str) -> str:
    """Return `url` if it is a plain web address, else the empty string."""
    text = url.strip()
    if text.lower().startswith(("https://", "http://")) and not any(c in text for c in "\"'<> "):
        return text
    return ""
