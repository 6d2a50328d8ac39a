"""Pelican glue for fast_listings: index the lists the article generator writes pages from."""

from typing import Any

from pelican.generators import ArticlesGenerator

from .listing import IndexedList

# Shorter lists stay lists: scanning a few items in C beats a Python-level `in`.
SHORTEST_INDEXED = 32


def indexed(articles: list[Any]) -> list[Any]:
    """Return `articles` as an IndexedList if it is long enough to gain from one."""
    return IndexedList(articles) if len(articles) >= SHORTEST_INDEXED else articles


def index_listings(generators: list[Any]) -> None:
    """Make the long article lists of tags, categories and authors IndexedLists."""
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        for tag, articles in list(generator.tags.items()):
            generator.tags[tag] = indexed(articles)
        # In place: the context holds these very lists.
        generator.categories[:] = [(c, indexed(a)) for c, a in generator.categories]
        generator.authors[:] = [(a, indexed(found)) for a, found in generator.authors]
