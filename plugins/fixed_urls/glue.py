"""Pelican glue for fixed_urls: pin each article's and page's URL once reading is done."""

from collections.abc import Iterable, Iterator
from typing import Any

# Every list of content an articles or pages generator keeps, whatever its status or language.
CONTENT_LISTS = (
    "articles", "translations", "drafts", "drafts_translations", "hidden_articles",
    "hidden_translations", "pages", "hidden_pages", "draft_pages", "draft_translations",
)  # fmt: skip


def fix_urls(generators: Iterable[Any]) -> None:
    """Set `override_url` to the URL Pelican computes, on content that has none set."""
    for content in contents_of(generators):
        # An author's `URL:` (or a plugin's override) is already what Pelican returns.
        if not hasattr(content, "override_url"):
            content.override_url = content.url


def contents_of(generators: Iterable[Any]) -> Iterator[Any]:
    """Yield each article and page the generators hold, once."""
    seen: set[int] = set()
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, None) or ():
                if id(content) not in seen:
                    seen.add(id(content))
                    yield content
