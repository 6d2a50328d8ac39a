"""Rules for files written for another site's setup: reST from a plugin we lack, templates.

A reST file using a directive or role that a plugin of its old site provided (`youtube`,
`ticket`) cannot be read; the message names the directive and the missing plugin. A Jinja
template kept in the content folder is not a page at all: Pelican skips it, and the message
says where templates belong instead of asking it for a title.
"""

import re
from pathlib import Path

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
