"""Settings of pagefind_search: defaults, types and checks, in one place."""

import difflib
import importlib.util
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import PurePosixPath
from typing import Any

PREFIX = "SEARCH_"
# Pelican's own settings for the `search` direct template share the prefix.
PELICAN_SUFFIXES = ("_SAVE_AS", "_URL")
# Another search plugin's settings share the prefix too: named, never taken for a typo of ours.
OTHER_PLUGINS = {
    "SEARCH_MODE": "pelican-search",
    "SEARCH_HTML_SELECTOR": "pelican-search",
}
OTHER_PLUGIN_NAMES = {"pelican-search": "search"}  # as PLUGINS names it
# How close an unknown name must be to one of ours to be taken for a typo of it: a theme's or
# another plugin's SEARCH_BOX or SEARCH_MODE is not (0.67), SEARCH_LANG is (0.85).
CLOSE = 0.72


@dataclass(frozen=True, slots=True)
class SearchSettings:
    enabled: bool = True  # SEARCH_ENABLED: index the site after each build
    bundle_dir: str = "pagefind"  # SEARCH_BUNDLE_DIR: the bundle's folder inside the output
    language: str = ""  # SEARCH_LANGUAGE: index every page as this language ('': DEFAULT_LANG)
    synonyms_path: str = "search-synonyms.txt"  # SEARCH_SYNONYMS_PATH: in the content folder
    # SEARCH_MARK_CONTENT: in a theme that marks nothing for Pagefind, mark the articles and pages
    mark_content: bool = True


def setting_name(field_name: str) -> str:
    return PREFIX + field_name.upper()


def load(
    raw: Mapping[str, Any], where: Callable[[str], str] = lambda _key: ""
) -> tuple[SearchSettings, list[str], list[str]]:
    """Return the settings from Pelican's, a warning for each unknown SEARCH_ key and an error
    for each value that cannot work (that one left at its default): every problem in one run,
    each after `where(key)`, the file that set it, when it says."""
    known = {setting_name(f.name): f.name for f in fields(SearchSettings)}
    warnings = [
        f"{where(key) and where(key) + ': '}{problem}"
        for key in sorted(raw)
        if key.startswith(PREFIX) and key not in known and not key.endswith(PELICAN_SUFFIXES)
        if (problem := unknown_problem(key, list(known), raw.get("PLUGINS")))
    ]
    defaults, given, errors = SearchSettings(), {}, []
    for key, name in known.items():
        if key in raw:
            if error := value_error(key, raw[key], getattr(defaults, name)):
                errors.append(f"{where(key) and where(key) + ': '}{error}")
            else:
                given[name] = raw[key]
    return SearchSettings(**given), warnings, errors


def unknown_problem(key: str, known: list[str], plugins: Any) -> str:
    """Return the warning for a SEARCH_ setting this plugin does not know: another plugin's
    (named, unless it runs) or a typo of one of ours; '' for any other (a theme's, say)."""
    if plugin := OTHER_PLUGINS.get(key):
        if runs(OTHER_PLUGIN_NAMES[plugin], plugins):
            return ""
        return (f"{key} is a {plugin} setting, unused by pagefind_search. Fix: remove it, "
                f"as {plugin} is not in PLUGINS")  # fmt: skip
    close = difflib.get_close_matches(key, known, 1, CLOSE)
    return f"unknown setting {key}. Fix: did you mean {close[0]}?" if close else ""


def runs(name: str, plugins: Any) -> bool:
    """Return whether the plugin `name` runs: listed in PLUGINS, or installed when PLUGINS is
    unset (Pelican then loads every installed one)."""
    if plugins is None:
        return importlib.util.find_spec(f"pelican.plugins.{name}") is not None
    listed = [getattr(p, "__name__", str(p)) for p in plugins]
    return any(p.rsplit(".", 1)[-1] == name for p in listed)


def value_error(key: str, value: Any, default: Any) -> str:
    """Return what is wrong with a setting's value, and the fix ('' when nothing is)."""
    if not isinstance(value, type(default)):
        kind = "True or False" if isinstance(default, bool) else "a string"
        return f"{key} = {value!r} is not {kind}. Fix: write e.g. {key} = {default!r}"
    is_bundle_dir = key == setting_name("bundle_dir")
    if is_bundle_dir and (not value or PurePosixPath(value).is_absolute() or ".." in value):
        return (
            f"{key} = {value!r} is not a folder inside the output. "
            f"Fix: write a relative path, e.g. {key} = {default!r}"
        )
    if is_bundle_dir and not PurePosixPath(value).parts:  # ".", "./": the output itself
        return (
            f"{key} = {value!r} is the output folder itself, which holds the whole site. "
            f"Fix: name a folder of its own, e.g. {key} = {default!r}"
        )
    return ""


def settings_file(settings: Mapping[str, Any], key: str) -> str:
    """Return the settings file Pelican read `key` from, and the one it imports it from, as
    `publishconf.py (from pelicanconf.py)` ('' when set in no file). Pelican loads a settings
    file as a module (in sys.modules, with its __file__); a file importing another holds all
    its names and more."""
    value = settings[key]
    holding = sorted(
        (
            names
            for names in (getattr(m, "__dict__", {}) for m in list(sys.modules.values()))
            if str(names.get("__file__") or "").endswith(".py") and names.get(key, key) is value
        ),
        key=len,
    )
    if not holding:  # `pelican -e`, or a program calling Pelican with a dict: no file to name
        return ""
    read, written = (shown(holding[at]["__file__"]) for at in (-1, 0))
    return read if read == written else f"{read} (from {written})"


def shown(path: str) -> str:
    """Return `path` relative to the current folder when it is inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
