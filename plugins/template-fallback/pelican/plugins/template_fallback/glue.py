"""Pelican glue for template_fallback: check each content's template against the theme."""

import logging
import os
from collections.abc import Mapping
from typing import Any

from pelican.generators import PelicanTemplateNotFound

from coaching_kb.content.paths import located, shown_path

log = logging.getLogger(__name__)


def template_folders(settings: Mapping[str, Any]) -> list[str]:
    """Return the folders Pelican looks for a theme template in, in its order: the
    THEME_TEMPLATES_OVERRIDES, then the theme's templates/ (then its own simple theme)."""
    overrides = [str(folder) for folder in settings.get("THEME_TEMPLATES_OVERRIDES") or []]
    return [*overrides, os.path.join(str(settings["THEME"]), "templates")]


def shown_folders(settings: Mapping[str, Any]) -> list[str]:
    """Return template_folders() as the warning names them: the theme that replaces the
    site's own (THEME_REPLACES_OWNERS, set by this toolkit's --settings) by what it is."""
    folders = [shown_path(settings, folder) for folder in template_folders(settings)]
    if settings.get("THEME_REPLACES_OWNERS"):
        folders[-1] = "this toolkit's theme"
    return folders


def advice(settings: Mapping[str, Any], file: str, default: str) -> str:
    """Return the end of the warning for a template the theme lacks: where the site's own
    theme has it (OWNER_THEME: the theme of a site built with --settings, which ours
    replaces), and the fix that fits, naming only folders the site's owner can add it to."""
    for folder in settings.get("OWNER_TEMPLATES_UNUSED") or []:
        if os.path.isfile(theirs := os.path.join(folder, file)):
            return (
                f"your {shown_path(settings, theirs)} is not used: its folder also replaces "
                "this toolkit's own templates with ones written for your theme, so it is left "
                f"out. Fix: move {file} to a folder of its own and list that in "
                "THEME_TEMPLATES_OVERRIDES, or remove the 'Template:' line"
            )
    owner_theme = settings.get("OWNER_THEME")
    theirs = os.path.join(str(owner_theme), "templates", file) if owner_theme else ""
    if theirs and os.path.isfile(theirs):
        return (
            f"your theme's {shown_path(settings, theirs)} is not used, as this toolkit builds "
            f"with its own theme. Fix: remove the 'Template:' line (the {default} template "
            "shows it as every other one), or build with plain Pelican to use your theme"
        )
    folders = shown_folders(settings)
    if settings.get("THEME_REPLACES_OWNERS") and len(folders) == 1:
        return (
            f"Fix: remove the 'Template:' line, correct the template's name, or add {file} to "
            "a folder of yours and list it in THEME_TEMPLATES_OVERRIDES"
        )
    return f"Fix: remove the 'Template:' line, or add {file} to {folders[0]}"


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
        settings = generator.settings
        folders = ", ".join(shown_folders(settings))
        log.warning(
            "template_fallback: %s: 'Template: %s' asks for %s.html, which is in none of the "
            "theme's template folders (%s, then Pelican's simple theme); the %s template is "
            "used. %s",
            located(settings, item.source_path, "template"),
            name, name, folders, default,
            advice(settings, f"{name}.html", default),
        )  # fmt: skip
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
