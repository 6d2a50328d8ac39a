"""A language the theme has no words for: its pages would show the theme's English.

The theme's words come from `theme/translations/<lang>.json` (the theme_context plugin); a
site or translation in a language with none (German, Spanish) gets English menus, headings
and labels under `lang="de"`. Nothing is broken, so it is a note, once per language, at the
line that sets the language: the settings' DEFAULT_LANG, or the first file's `Lang:`.
"""

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pelican.plugins.theme_context.words import SOURCE_LANGUAGE, variants

from coaching_kb.content.paths import header_line, shown_path

from .foreign import setting_line
from .problems import NOTE, Problem

CATALOGS_FOLDER = "translations"


def missing_catalogs(settings: Mapping[str, Any], contents: Iterable[Any]) -> list[Problem]:
    """Return a note for each language of the site or of its posts with no theme catalog."""
    folder = Path(settings["THEME"]) / CATALOGS_FOLDER
    have = {path.stem for path in folder.glob("*.json")}
    site = str(settings.get("DEFAULT_LANG") or SOURCE_LANGUAGE)
    where: dict[str, tuple[str, int]] = {site: setting_line(settings, "DEFAULT_LANG")}
    for content in contents:
        lang = str(getattr(content, "lang", "") or "")
        if lang and lang not in where:
            path = content.source_path
            where[lang] = (shown_path(settings, path), header_line(path, "lang") or 0)
    notes = {}
    for lang, (shown, line) in where.items():
        names = variants(lang)
        if names[-1] != SOURCE_LANGUAGE and not have.intersection(names):
            notes.setdefault(names[-1], Problem(shown, line, no_catalog(names[-1], folder), NOTE))
    return list(notes.values())


def no_catalog(lang: str, folder: Path) -> str:
    """Return what a missing catalog means, with the fix."""
    return (
        f"the theme has no words in '{lang}' (no {folder.name}/{lang}.json), so its menus, "
        f"headings and labels are in English on pages in '{lang}'. Fix: copy "
        f"{folder}/fr.json to {folder}/{lang}.json and translate each message (README: "
        "Languages)"
    )
