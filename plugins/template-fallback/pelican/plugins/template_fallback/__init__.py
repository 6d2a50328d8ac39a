"""Fall back to the article or page template when a `Template:` line names one our theme
lacks (plain Pelican stops the build); sets `template` on such articles and pages, with a
warning that names the file.
"""

from pelican import signals

from .glue import fall_back_for_articles, fall_back_for_pages


def register() -> None:
    signals.article_generator_finalized.connect(fall_back_for_articles)
    signals.page_generator_finalized.connect(fall_back_for_pages)
