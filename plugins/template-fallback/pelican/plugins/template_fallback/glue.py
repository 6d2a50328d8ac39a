"""Pelican glue for template_fallback: check each content's template against the theme."""

import logging
from typing import Any

from pelican.generators import PelicanTemplateNotFound

from coaching_kb.content.paths import located

log = logging.getLogger(__name__)


def fall_back(generator: Any, items: list[Any], default: str) -> None:
    """Give each item whose template the theme lacks the `default` template, with a warning."""
    known: dict[str, bool] = {}
    for item in items:
        name = getattr(item, "template", default) or default
        if name not in known:
            try:
                generator.get_template(name)
                known[name] = True
            except PelicanTemplateNotFound:
                known[name] = False
        if known[name]:
            continue
        log.warning(
            "template_fallback: %s: the theme has no template '%s'; the %s template is used. "
            "Fix: remove the 'Template:' line, or add %s.html to the theme",
            located(generator.settings, item.source_path, "template"),
            name,
            default,
            name,
        )
        item.template = default


def every_article(generator: Any) -> list[Any]:
    return [
        *generator.articles, *generator.translations, *generator.drafts,
        *generator.drafts_translations, *generator.hidden_articles,
        *generator.hidden_translations,
    ]  # fmt: skip


def fall_back_for_articles(generator: Any) -> None:
    fall_back(generator, every_article(generator), "article")


def fall_back_for_pages(generator: Any) -> None:
    pages = [
        *generator.pages, *generator.translations, *generator.hidden_pages,
        *generator.hidden_translations, *generator.draft_pages, *generator.draft_translations,
    ]  # fmt: skip
    fall_back(generator, pages, "page")
