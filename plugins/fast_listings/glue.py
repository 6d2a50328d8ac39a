"""Pelican glue for fast_listings: index the lists the article generator writes pages from."""

from typing import Any

from pelican.generators import ArticlesGenerator

from .listing import IndexedList


def index_listings(generators: list[Any]) -> None:
    """Replace the article lists of every tag, category and author with IndexedLists."""
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        for tag, articles in list(generator.tags.items()):
            generator.tags[tag] = IndexedList(articles)
        # In place: the context holds these very lists.
        generator.categories[:] = [(c, IndexedList(a)) for c, a in generator.categories]
        generator.authors[:] = [(a, IndexedList(found)) for a, found in generator.authors]
