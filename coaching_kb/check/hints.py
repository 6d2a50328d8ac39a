"""Hints for authors: the topics an untagged article's text suggests, as the build files it.

Not problems: `invoke check` prints them and still passes. They come from a read of the
site through Pelican, so the suggestions are the related_topics plugin's own.
"""

from collections.abc import Mapping
from typing import Any

from coaching_kb.content.paths import shown_path
from coaching_kb.content.site import read_site


def folder_hints(settings: Mapping[str, Any]) -> list[str]:
    """Return a hint for each untagged article of settings['PATH'] naming suggested topics."""
    read = read_site(settings)
    topics = read.context.get("topics", {})
    hints = []
    for article in read.articles:
        slugs = getattr(article, "suggested_topics", [])
        if getattr(article, "tags", None) or not slugs:
            continue
        names = ", ".join(topics[slug].name for slug in slugs if slug in topics)
        if names:
            hints.append(
                f"{shown_path(settings, article.source_path)}:1: hint: no Tags yet; its text "
                f"suggests {names}. Add 'Tags: {names}' if they fit"
            )
    return sorted(hints)
