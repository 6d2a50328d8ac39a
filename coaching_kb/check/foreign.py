"""Rules for files written for another site's setup: reST from a plugin we lack, templates,
plugins its settings name that are not installed here.

A reST file using a directive or role that a plugin of its old site provided (`youtube`,
`ticket`) cannot be read; the message names the directive and the missing plugin. A Jinja
template kept in the content folder is not a page at all: Pelican skips it, and the message
says where templates belong instead of asking it for a title.
"""

import logging
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from coaching_kb.content.paths import shown_path

from .problems import WARNING, Problem

UNKNOWN_MARKUP = re.compile(
    r"""(?::(?P<line>\d+): )?\(\w+/\d\) Unknown (?P<kind>directive type|interpreted text role) """
    r'''"(?P<name>[^"]+)"'''
)
TEMPLATE_MARKS = re.compile(r"\{%-?\s*(extends|block|include|for|if|macro|import)\b|\{\{.*?\}\}")
HTML_SUFFIXES = (".html", ".htm")
NOT_A_PAGE = "this is a Jinja template, not a page"


def unreadable_markup(shown: str, error: str) -> Problem | None:
    """Return the problem of a reST file using a directive or role no plugin here provides."""
    found = UNKNOWN_MARKUP.search(error)
    if not found:
        return None
    kind = "directive" if found["kind"] == "directive type" else "role"
    name = found["name"]
    written = f".. {name}::" if kind == "directive" else f":{name}:`...`"
    return Problem(
        shown, int(found["line"] or 1), f"unknown reST {kind} '{name}' ({written}): a Pelican "
        f"plugin provides it, and none here does. Fix: install the plugin providing '{name}' "
        f"and add it to PLUGINS in your settings, or replace the {kind} with plain text or "
        "a link",
    )  # fmt: skip


def template_in_content(path: Path, shown: str, text: str) -> Problem | None:
    """Return a warning for a Jinja template kept among the content files, else None."""
    if path.suffix.lower() not in HTML_SUFFIXES or not TEMPLATE_MARKS.search(text):
        return None
    return Problem(
        shown, 1, f"{NOT_A_PAGE}, so it is not published. Fix: move it "
        "to your theme's templates/ folder (or add its folder to IGNORE_FILES)", WARNING,
    )  # fmt: skip


def title_advice(path: Path) -> str:
    """Return how to give a title in the file's own markup."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "add <title>Your title</title> inside <head>"
    if suffix in (".rst", ".rest", ".txt"):
        return "start the file with the title, underlined with ### as long as it"
    return "add 'Title: Your title' as the first line, or start the text with '# Your title'"


# Where Pelican loads the plugins PLUGINS names (its record names the plugin, not the file).
PLUGIN_LOADER = "load_plugins"


def is_plugin_loading(record: logging.LogRecord) -> bool:
    """Return whether `record` is Pelican's own (pelican.plugins._utils) about a plugin it
    could not load."""
    return record.name.startswith("pelican.plugins._") and record.funcName == PLUGIN_LOADER


def missing_plugins(
    records: Iterable[logging.LogRecord], settings: Mapping[str, Any]
) -> list[Problem]:
    """Return a warning for each plugin PLUGINS names that Pelican could not load, located at
    the PLUGINS line of the settings file. Pelican builds on without it, and our theme
    replaces the one such plugins fill (neighbors, sitemap, tag clouds); a plugin giving
    content its markup is named again by each file that needs it (`unreadable_markup`)."""
    names = [str(r.args[0]) for r in records if is_plugin_loading(r) and r.args]
    if not names:
        return []
    settings_file = Path(settings.get("SETTINGS_FILE", ""))
    lines = (
        settings_file.read_text(encoding="utf-8").splitlines() if settings_file.is_file() else []
    )
    line = next((n for n, text in enumerate(lines, 1) if text.lstrip().startswith("PLUGINS")), 0)
    shown = shown_path(settings, settings_file) if lines else ""
    fix = (
        "Fix: install it (pip install pelican-{} for Pelican's own plugins) if your pages need "
        "it, or remove it from PLUGINS"
    )
    said = "cannot be loaded (not installed here), so the site is built without it"
    return [
        Problem(shown, line, f"plugin '{name}' {said}. {fix.format(name.replace('_', '-'))}",
                WARNING)
        for name in names
    ]  # fmt: skip
