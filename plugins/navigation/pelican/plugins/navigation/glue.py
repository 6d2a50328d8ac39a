"""Pelican glue for the menu: drop entries whose page this build does not write.

A site that sets no `MENU_LINKS` (`MENU_LINKS = None`: someone else's site, built with
`--settings`) gets the menu Pelican's own themes show: its `MENUITEMS` as written, then its
pages (`DISPLAY_PAGES_ON_MENU`) and its categories (`DISPLAY_CATEGORIES_ON_MENU`).
"""

from collections.abc import Iterable
from typing import Any

ALWAYS = ("search/", "")


def existing_urls(context: dict[str, Any]) -> set[str]:
    """Return the site-relative URLs of the pages and sections this build writes."""
    urls = set(ALWAYS)
    if context.get("ARCHIVES_SAVE_AS", "archives.html"):  # "": the site writes none
        urls.add(context.get("ARCHIVES_URL", "archives/"))
    if context.get("topic_hubs"):
        urls.add("topics/")
    if context.get("authors") and context.get("AUTHORS_SAVE_AS", "authors.html"):
        urls.add(context.get("AUTHORS_URL", "authors/"))
    urls |= {page.url for page in context.get("pages", [])}
    urls |= {category.url for category, _ in context.get("categories", [])}
    urls |= {author.url for author, _ in context.get("authors", [])}
    return urls


def available(links: Iterable[tuple[str, str]], urls: set[str]) -> list[tuple[str, str]]:
    """Return the (label, URL) menu entries whose URL is among `urls`."""
    return [(label, link) for label, link in links if link in urls]


def pelicans_menu(context: dict[str, Any]) -> list[tuple[str, str]]:
    """Return the menu Pelican's themes build from a site's settings, pages and categories."""
    links = [(str(label), str(link)) for label, link in context.get("MENUITEMS") or ()]
    if context.get("DISPLAY_PAGES_ON_MENU", True):
        links += [(page.title, page.url) for page in context.get("pages", [])]
    if context.get("DISPLAY_CATEGORIES_ON_MENU", True):
        links += [(category.name, category.url) for category, _ in context.get("categories", [])]
    return links


def feed_languages(context: dict[str, Any]) -> set[str]:
    """Return the languages Pelican writes a TRANSLATION_FEED_* for: those of the published
    articles and their translations (a language with only pages has none)."""
    articles = context.get("articles", [])
    return {a.lang for a in articles} | {t.lang for a in articles for t in a.translations}


def choose_menu_links(generators: list[Any]) -> None:
    """Put the menu entries that lead somewhere, and the feed languages, into the context."""
    if not generators:
        return
    context = generators[0].context
    context["feed_languages"] = feed_languages(context)
    links = context.get("MENU_LINKS", ())
    if links is None:
        context["menu_links"] = pelicans_menu(context)
        return
    context["menu_links"] = available(links, existing_urls(context))
