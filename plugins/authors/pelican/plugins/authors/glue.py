"""Pelican glue for author profiles: load them, check bylines, hand them to the theme."""

import logging
import time
from typing import TYPE_CHECKING, Any

from coaching_kb.content.authors import load_all_profiles, unknown_author_message
from coaching_kb.content.paths import located

if TYPE_CHECKING:
    from pelican.generators import ArticlesGenerator

log = logging.getLogger(__name__)


def attach_profiles(generator: "ArticlesGenerator") -> None:
    """Put `author_profiles` and `author_works` in the context; log unknown authors."""
    started = time.perf_counter()
    profiles, errors = load_all_profiles(generator.settings)
    for error in errors:
        log.error("authors: %s", error)
    works: dict[str, dict[str, list[Any]]] = {}
    # Drafts are checked too, as warnings (a typo is found while writing), but list no works.
    for article in [*generator.articles, *generator.drafts]:
        is_draft = article.status == "draft"
        for author in getattr(article, "authors", []):
            kind = "answers" if getattr(article, "type", "") == "qa" else "essays"
            if not is_draft:
                works.setdefault(author.slug, {"essays": [], "answers": []})[kind].append(article)
            if profiles and author.slug not in profiles:
                (log.warning if is_draft else log.error)(
                    "authors: %s: %s",
                    located(generator.settings, article.source_path, "author"),
                    unknown_author_message(author.name, author.slug, profiles, generator.settings),
                )
    generator.context["author_profiles"] = profiles
    generator.context["author_works"] = works
    log.info(
        "authors: %d profiles, %d authors in %.2fs",
        len(profiles),
        len(works),
        time.perf_counter() - started,
    )
