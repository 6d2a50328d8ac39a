"""Pelican glue for the menu: drop entries whose page this build does not write."""

from collections.abc import Iterable
from typing import Any

ALWAYS = ("archives/", "search/", "")


def existing_urls(context: dict[str, Any]) -> set[str]:
    """Return the site-relative URLs of the pages and sections this build writes."""
    urls = set(ALWAYS)
    if context.get("topic_hubs"):
        urls.add("topics/")
    if context.get("authors"):
        urls.add("authors/")
    urls |= {page.url for page in context.get("pages", [])}
    urls |= {category.url for category, _ in context.get("categories", [])}
    urls |= {author.url for author, _ in context.get("authors", [])}
    return urls


def available(links: Iterable[tuple[str, str]], urls: set[str]) -> list[tuple[str, str]]:
    """Return the (label, URL) menu entries whose URL is among `urls`."""
    return [(label, link) for label, link in links if link in urls]


def choose_menu_links(generators: list[Any]) -> None:
    """Put the menu entries that lead somewhere into the shared context."""
    if not generators:
        return
    context = generators[0].context
    links = context.get("MENU_LINKS", ())
    context["menu_links"] = available(links, existing_urls(context))
