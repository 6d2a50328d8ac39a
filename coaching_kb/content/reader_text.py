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
# Pelican's link placeholders (`{attach}`, `{static}`, `{filename}`, `|filename|`...) start an
# href or src: in a reader's text one would publish any file of the build machine.
PLACEHOLDER_START = ("{", "|")


def without_placeholders(_tag: str, _attribute: str, value: str) -> str | None:
    """Return an attribute's value, or None (dropped) when it is one of Pelican's link
    placeholders: a reader's link must never make the build resolve or copy a file."""
    return None if value.strip().startswith(PLACEHOLDER_START) else value


def clean_html(html: str) -> str:
    """Return `html` with only the allow-list left; links get rel="nofollow ugc noopener"."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow ugc noopener",
        strip_comments=True,
        attribute_filter=without_placeholders,
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
