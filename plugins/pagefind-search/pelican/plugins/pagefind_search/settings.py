"""Settings of pagefind_search: defaults, types and checks, in one place."""

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import PurePosixPath
from typing import Any

PREFIX = "SEARCH_"
# Pelican's own settings for the `search` direct template share the prefix.
PELICAN_SUFFIXES = ("_SAVE_AS", "_URL")


class SettingsError(ValueError):
    """A search setting that cannot work; the message names it and the fix."""


@dataclass(frozen=True, slots=True)
class SearchSettings:
    enabled: bool = True  # SEARCH_ENABLED: index the site after each build
    bundle_dir: str = "pagefind"  # SEARCH_BUNDLE_DIR: the bundle's folder inside the output
    language: str = ""  # SEARCH_LANGUAGE: index every page as this language ('': DEFAULT_LANG)
    synonyms_path: str = "search-synonyms.txt"  # SEARCH_SYNONYMS_PATH: in the content folder


def setting_name(field_name: str) -> str:
    return PREFIX + field_name.upper()


def load(raw: Mapping[str, Any]) -> tuple[SearchSettings, list[str]]:
    """Return the settings from Pelican's, and a warning for each unknown SEARCH_ key."""
    known = {setting_name(f.name): f.name for f in fields(SearchSettings)}
    warnings = [
        f"unknown setting {key}. Fix: did you mean "
        f"{(difflib.get_close_matches(key, known, 1, 0) or list(known))[0]}?"
        for key in sorted(raw)
        if key.startswith(PREFIX) and key not in known and not key.endswith(PELICAN_SUFFIXES)
    ]
    given = {name: raw[key] for key, name in known.items() if key in raw}
    defaults = SearchSettings()
    for name, value in given.items():
        default = getattr(defaults, name)
        if not isinstance(value, type(default)):
            raise SettingsError(
                f"{setting_name(name)} = {value!r} is not a {type(default).__name__}. "
                f"Fix: write e.g. {setting_name(name)} = {default!r}"
            )
    settings = SearchSettings(**given)
    bundle = PurePosixPath(settings.bundle_dir)
    if not settings.bundle_dir or bundle.is_absolute() or ".." in bundle.parts:
        raise SettingsError(
            f"SEARCH_BUNDLE_DIR = {settings.bundle_dir!r} is not a folder inside the output. "
            "Fix: write a relative path, e.g. SEARCH_BUNDLE_DIR = 'pagefind'"
        )
    return settings, warnings
