"""Pelican glue: the theme's filters on every template environment; the home page's picks;
each article's and page's address fixed before the pages are written."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from jinja2.filters import do_striptags

from .cards import (
    avatar_tone,
    is_marked,
    pick_featured,
    pick_newest_question,
    sentences,
    specific_reasons,
)

if TYPE_CHECKING:
    from pelican.generators import ArticlesGenerator, Generator, PagesGenerator


# Where the build's one template environment is kept: the context every generator shares.
ENVIRONMENT_KEY = "theme_environment"


def share_environment(generator: "Generator") -> None:
    """Give the generator the build's one template environment, the first generator's.

    Pelican makes an environment per generator, and each compiled base.html and the partials
    again: 31 compiles of 24 templates on a small site, the 7 repeats about 0.025 of its 0.55
    processor seconds. Every environment is made from the same settings (and gets the same
    filters), so sharing one changes nothing shown.
    """
    generator.env = generator.context.setdefault(ENVIRONMENT_KEY, generator.env)


def add_filters(generator: "Generator") -> None:
    """Add the theme's filters to the generator's template environment."""
    generator.env.filters.update(
        sentences=sentences,
        specific_reasons=related_with_reasons,
        avatar_tone=avatar_tone,
    )


def related_with_reasons(links: list[Any]) -> list[tuple[Any, str]]:
    """Return (link, reason) pairs, the reason "" where it does not set the link apart."""
    reasons = specific_reasons([str(getattr(link, "reason", "") or "") for link in links])
    return list(zip(links, reasons, strict=True))


def choose_home_articles(generator: "ArticlesGenerator") -> None:
    """Put `featured_article` and `newest_question` in the context for the home page."""
    generator.context["featured_article"] = pick_featured(generator.articles)
    generator.context["newest_question"] = pick_newest_question(generator.articles)


def choose_start_page(generator: "PagesGenerator") -> None:
    """Put `start_page`, the page marked `Featured: true` (or None), in the context."""
    generator.context["start_page"] = next(filter(is_marked, generator.pages), None)


# What each generator holds that has an address of its own (statics are left alone: Pelican
# moves a static's address when a page links to it).
WITH_ADDRESSES = (
    *("articles", "translations", "hidden_articles", "hidden_translations", "drafts"),
    *("drafts_translations", "pages", "hidden_pages", "draft_pages", "draft_translations"),
)


def every_content(generators: Iterable["Generator"]) -> Iterable[Any]:
    """Yield every article and page of every generator: published, hidden, draft, translated."""
    for generator in generators:
        for name in WITH_ADDRESSES:
            yield from getattr(generator, name, ())


def pin_urls(generators: Iterable["Generator"]) -> None:
    """Set `override_url` on every article and page to the address Pelican gives it.

    Pelican works `url` out from the settings each time it is read (copying the metadata and
    the source path, about 10 microseconds), and the pages read it about 22 times per
    article (lists, related reading, neighbours). Once every plugin has run, an address no
    longer changes: pinned, it is read for nothing. Pelican's own metadata `URL:` sets
    this same attribute, so an address set that way is kept as it is.
    """
    for content in every_content(generators):
        if not hasattr(content, "override_url"):
            content.override_url = content.url


def strip_summaries(generators: Iterable["Generator"]) -> None:
    """Set `summary_text` on every article and page: its summary as Jinja's `striptags` makes it.

    The theme shows an article's summary as text on its page (four times), under each related
    link and in every list: stripped there, that was up to 20 times per article, each first
    read of `summary` from a page at another depth also resolving its links again. The text
    does not depend on the page's depth (only addresses inside tags do).
    """
    for content in every_content(generators):
        # Content that is not written (a draft, with DRAFT_SAVE_AS = "") shows no summary, and
        # reading it would resolve its links: a file it attaches would move to the site's root.
        content.summary_text = do_striptags(content.summary or "") if content.save_as else ""
