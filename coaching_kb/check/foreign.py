"""Rules for files written for another site's setup: reST from a plugin we lack, templates,
plugins its settings name that are not installed here.

A reST file using a directive or role that a plugin of its old site provided (`youtube`,
`ticket`) cannot be read; the message names the directive and the missing plugin. A Jinja
template kept in the content folder is not a page at all: Pelican skips it, and the message
says where templates belong instead of asking it for a title. `TYPOGRIFY = True` without
typogrify installed is one error at that line, not a bare "Could not process" per file.
"""

import importlib.metadata
import importlib.util
import logging
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from coaching_kb.content.paths import shown_path

from .problems import NOTE, WARNING, Problem

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


# Plugins of pelican-plugins that sites often list, whose job one of ours does: (ours, what).
REPLACED_PLUGINS = {
    "yaml_metadata": ("yaml_front_matter", "reads `---` YAML front matter"),
    "sitemap": ("sitemap_robots", "writes sitemap.xml and robots.txt"),
    "neighbors": ("article_meta", "gives each article its previous and next"),
    "related_posts": ("related_topics", "lists each article's related articles"),
    "similar_posts": ("related_topics", "lists each article's related articles"),
    "tipue_search": ("pagefind_search", "gives the site its search"),
    "search": ("pagefind_search", "gives the site its search"),
    "readtime": ("article_meta", "shows each article's reading time"),
    "post_stats": ("article_meta", "shows each article's reading time"),
}


def plugin_problem(name: str, shown: str, line: int) -> Problem:
    """Return the note for a plugin one of ours replaces, else the warning for one missing."""
    short = bare_plugin_name(name)
    if short in REPLACED_PLUGINS:
        ours, job = REPLACED_PLUGINS[short]
        return Problem(
            shown, line, f"plugin '{name}' is not needed here: {ours}, which this toolkit "
            f"adds, {job}. Nothing to fix: the site is built with {ours} in its place (Pelican "
            "alone still uses yours)", NOTE,
        )  # fmt: skip
    return Problem(
        shown, line, f"plugin '{name}' cannot be loaded (not installed here), so the site is "
        f"built without it. Fix: install it (pip install pelican-{short.replace('_', '-')} for "
        "Pelican's own plugins) if your pages need it, or remove it from PLUGINS", WARNING,
    )  # fmt: skip


def bare_plugin_name(name: str) -> str:
    """Return a plugin's name without its namespace or `pelican` prefix (`-` as `_`): the
    `pelican.plugins.liquid_tags`, `pelican_liquid_tags` and `liquid_tags` are one plugin, and
    `liquid_tags.img` (a module of that package, as older sites list them) is that package."""
    package = name.removeprefix("pelican.plugins.").split(".", 1)[0]
    return package.replace("-", "_").removeprefix("pelican_")


def missing_plugins(
    records: Iterable[logging.LogRecord], settings: Mapping[str, Any]
) -> list[Problem]:
    """Return a problem, once, for each plugin PLUGINS names that Pelican could not load,
    located at the PLUGINS line of the settings file: a note when one of ours does its job
    (REPLACED_PLUGINS), else a warning. Pelican builds on without it, and our theme replaces
    the one such plugins fill; a plugin giving content its markup is named again by each file
    that needs it (`unreadable_markup`)."""
    names = dict.fromkeys(str(r.args[0]) for r in records if is_plugin_loading(r) and r.args)
    if not names:
        return []
    shown, line = setting_line(settings, "PLUGINS")
    return [plugin_problem(name, shown, line) for name in names]


# What Pelican logs for each file when typogrify is missing: the reason is left out.
NOT_PROCESSED = "Could not process %s"


def missing_typogrify(settings: Mapping[str, Any]) -> list[Problem]:
    """Return an error at the TYPOGRIFY line when it is on and typogrify is not installed:
    Pelican then reads no article or page at all, and says only "Could not process" of each."""
    if not settings.get("TYPOGRIFY") or importlib.util.find_spec("typogrify") is not None:
        return []
    shown, line = setting_line(settings, "TYPOGRIFY")
    return [
        Problem(
            shown, line, "TYPOGRIFY is on, but the typogrify package is not installed here, so "
            "Pelican cannot read a single article or page. Fix: pip install typogrify, or set "
            "TYPOGRIFY = False",
        )
    ]  # fmt: skip


def is_unprocessed(record: logging.LogRecord) -> bool:
    """Return whether `record` is Pelican's own "Could not process <file>"."""
    return record.msg == NOT_PROCESSED


def setting_line(settings: Mapping[str, Any], key: str, entry: str = "") -> tuple[str, int]:
    """Return the settings file as shown and the line setting `key` (0 when not found): in
    the settings file, else in a file beside it that it imports with `from x import *`;
    with `entry`, the line of that dictionary entry (`"ja": ...`) where there is one."""
    settings_file = Path(settings.get("SETTINGS_FILE", ""))
    if not settings_file.is_file():
        return "", 0
    for path in _settings_files(settings_file):
        lines = path.read_text(encoding="utf-8").splitlines()
        assigned = re.compile(rf"^\s*{re.escape(key)}\s*(=|\+=|\[|\.)")  # not a longer name
        setting = [n for n, text in enumerate(lines, 1) if assigned.match(text)]
        # A name set twice has the value of its last plain assignment, as Python runs it;
        # an indented one (in `if os.environ.get("CI"):`) may not have run.
        plain = [n for n in setting if lines[n - 1].split(key, 1)[1].lstrip().startswith("=")]
        plain = [n for n in plain if not lines[n - 1][:1].isspace()] or plain
        line = (plain or setting or [0])[-1 if plain else 0]
        if line:
            quoted = (f'"{entry}"', f"'{entry}'")
            after = (n for n, text in enumerate(lines[line - 1 :], line) if entry and any(
                q in text for q in quoted))  # fmt: skip
            return shown_path(settings, path), next(after, line)
    return shown_path(settings, settings_file), 0


STAR_IMPORT = re.compile(r"^from\s+(\w+)\s+import\s+\*", re.MULTILINE)


def _settings_files(path: Path, seen: frozenset[Path] = frozenset()) -> list[Path]:
    """Return `path`, then the files beside it that it star-imports, depth first."""
    files = [path]
    for name in STAR_IMPORT.findall(path.read_text(encoding="utf-8")):
        imported = path.with_name(f"{name}.py")
        if imported.is_file() and imported not in seen | {path}:
            files += _settings_files(imported, seen | {path})
    return files


# The distribution that provides a Markdown extension's module, where its name differs.
EXTENSION_PACKAGES = {
    "pymdownx": "pymdown-extensions",
    "mdx_truly_sane_lists": "mdx-truly-sane-lists",
}


def missing_extension_modules(settings: Mapping[str, Any]) -> dict[str, str]:
    """Return {module: extension as named} for each Markdown extension the MARKDOWN setting
    names whose module is not installed here."""
    markdown = settings.get("MARKDOWN") or {}
    named = [*(markdown.get("extension_configs") or {}), *(markdown.get("extensions") or [])]
    short_names = importlib.metadata.entry_points(group="markdown.extensions").names  # 'toc'
    missing = {}
    for extension in (e for e in named if isinstance(e, str) and e not in short_names):
        module = extension.split(":", 1)[0]
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:  # its package is missing
            found = False
        if not found:
            missing.setdefault(module, extension)
    return missing


def is_missing_extension(error: Exception, settings: Mapping[str, Any]) -> bool:
    """Return whether a reader failed because an extension MARKDOWN names is not installed."""
    if not isinstance(error, ModuleNotFoundError) or not error.name:
        return False
    missing = missing_extension_modules(settings)
    return any(m == error.name or m.startswith(f"{error.name}.") for m in missing)


def missing_markdown_extensions(settings: Mapping[str, Any]) -> list[Problem]:
    """Return an error at the MARKDOWN line for each extension it names that is not installed:
    Pelican then cannot read a single Markdown file, each for the same reason."""
    missing = missing_extension_modules(settings)
    if not missing:
        return []
    shown, line = setting_line(settings, "MARKDOWN")
    return [
        Problem(
            shown, line, f"the Markdown extension '{extension}' that MARKDOWN names is not "
            "installed here, so Pelican cannot read a single Markdown file. Fix: pip install "
            f"{EXTENSION_PACKAGES.get(module.split('.')[0], 'the package that provides it')}, "
            "or remove it from MARKDOWN",
        )
        for module, extension in missing.items()
    ]  # fmt: skip


def missing_direct_templates(settings: Mapping[str, Any]) -> list[Problem]:
    """Return an error at the DIRECT_TEMPLATES line for each page it names that no template
    folder searched here has (owner_settings left it out, so Pelican does not stop): the
    page its site had would silently be gone."""
    missing = settings.get("DIRECT_TEMPLATES_MISSING") or {}
    if not missing:
        return []
    shown, line = setting_line(settings, "DIRECT_TEMPLATES")
    return [
        Problem(shown, line, direct_template_message(name, folder))
        for name, folder in missing.items()
    ]


def direct_template_message(name: str, folder: str) -> str:
    """Return why the page `name` DIRECT_TEMPLATES names cannot be written, with the fix."""
    page = f"{name}.html"
    if folder:  # an override folder of theirs that also replaces a template of our theme
        return (
            f"DIRECT_TEMPLATES names '{name}', but its {page} is in {folder}, which is left "
            f"out because it also replaces a template of our theme, so {page} would not be "
            f"written. Fix: move {page} to a folder of its own and add that folder to "
            "THEME_TEMPLATES_OVERRIDES"
        )
    return (
        f"DIRECT_TEMPLATES names '{name}', but no template folder has {page} (our theme "
        f"replaces the site's), so {page} would not be written. Fix: put {page} in a folder "
        f"THEME_TEMPLATES_OVERRIDES names, or remove '{name}' from DIRECT_TEMPLATES"
    )
