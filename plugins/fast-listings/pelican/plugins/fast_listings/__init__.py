"""Give the article lists of tags, categories and authors a constant-time `in` test.

Pelican picks each tag's (category's, author's) articles out of all articles by date with
`article in articles`, a scan of a list, so writing those pages grows with tags times
articles: seconds on a site of 10,000 articles, paid again by the build's check of what it
will write. The lists become a list subclass that tests membership by identity (as Pelican's
content, which has no `__eq__`, is compared), so every page is the same, only sooner.
"""

from pelican import signals

from .glue import index_listings


def register() -> None:
    signals.all_generators_finalized.connect(index_listings)
