"""Pelican glue: the theme's filters on every template environment; the home page's picks."""

from typing import TYPE_CHECKING, Any

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
