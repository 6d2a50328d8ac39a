"""Pelican glue for fixed_urls: pin each article's and page's URL once reading is done."""

from collections.abc import Iterable
from typing import Any

from coaching_kb.run import contents_of


def fix_urls(generators: Iterable[Any]) -> None:
    """Set `override_url` to the URL Pelican computes, on content that has none set."""
    for content in contents_of(generators):
        # An author's `URL:` (or a plugin's override) is already what Pelican returns.
        if not hasattr(content, "override_url"):
            content.override_url = content.url
