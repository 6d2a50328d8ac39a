"""An owner's own `pelicanconf.py`, built with our plugins and theme: their settings win.

`invoke check/build/serve --settings FILE` points the toolkit at another site's settings.
What the owner's file sets (language, URL and save-as patterns, timezone, pagination,
feeds, static paths...) is kept; our settings fill in only what the owner set nothing for.
Our plugins are added before the owner's, and our theme replaces theirs, because its pages
are what our plugins fill (topic hubs, search, authors); their THEME_TEMPLATES_OVERRIDES are
still searched first, as Pelican does. The Jinja options our theme needs (autoescape) are kept
on top of the owner's.
"""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from copy import deepcopy
from pathlib import Path
from typing import Any

from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

from coaching_kb.build import unreadable_settings
from coaching_kb.errors import SettingsError

# Settings that are ours whatever the owner's file says: our theme.
THEME_SETTINGS = ("THEME", "THEME_STATIC_PATHS")
# The pages of our theme a site gets whatever its DIRECT_TEMPLATES says: its home (unless
# a page of its own is saved there), search and the page for a missing address.
THEMES_OWN_PAGES = ("index", "search", "404")
# Settings naming a folder, which Pelican reads relative to the settings file that sets them.
FOLDER_SETTINGS = ("PATH", "OUTPUT_PATH", "CACHE_PATH", "PLUGIN_PATHS")
# Settings that say who *our* site is: its promise, and where its readers' comments,
# questions and sign-ups go. An owner's site that sets none of them has none: ours would put
# our promise on their home page and send their readers' comments to our inbox.
OUR_SITES_OWN = (
    "SITE_DESCRIPTION", "COMMENTS_ENDPOINT", "COMMENTS_MODERATION_EMAIL",
    "QA_SUBMIT_ENDPOINT", "QA_SUBMIT_EMAIL", "NEWSLETTER_ACTION",
)  # fmt: skip
# How the owner's content is filed and shown: where their file sets none of these, Pelican's
# defaults apply, as on their site before (ours file every post under "Essays", draw our
# menu, and give the archives English short dates). `MENU_LINKS = None` is Pelican's menu
# (MENUITEMS, pages, categories); `ARCHIVE_DATE_FORMAT = ""` shows the site's own dates.
PELICANS_PRESENTATION = {
    "USE_FOLDER_AS_CATEGORY": DEFAULT_CONFIG["USE_FOLDER_AS_CATEGORY"],
    "DEFAULT_CATEGORY": DEFAULT_CONFIG["DEFAULT_CATEGORY"],
    # Absolute links from its SITEURL (ours are relative, for a local preview of our site).
    "RELATIVE_URLS": DEFAULT_CONFIG["RELATIVE_URLS"],
    "DEFAULT_DATE_FORMAT": DEFAULT_CONFIG["DEFAULT_DATE_FORMAT"],
    # Every list on one page unless it sets DEFAULT_PAGINATION (ours shows 12 posts a page).
    "PAGINATED_TEMPLATES": DEFAULT_CONFIG["PAGINATED_TEMPLATES"],
    "MENU_LINKS": None,
    "ARCHIVE_DATE_FORMAT": "",
}
# Which files Pelican reads as the site's posts: where the owner's file sets none of these,
# Pelican's. Ours skip our data folders (authors/, topics/, comments/), which on another site
# may be category folders of posts.
PELICANS_READING = {
    "IGNORE_FILES": DEFAULT_CONFIG["IGNORE_FILES"],
    "ARTICLE_EXCLUDES": DEFAULT_CONFIG["ARTICLE_EXCLUDES"],
}


# What the owner's output folder keeps between builds: where their file sets none of these,
# Pelican's defaults apply (nothing is removed), never ours (our site replaces its output).
PELICANS_OUTPUT = {
    "DELETE_OUTPUT_DIRECTORY": DEFAULT_CONFIG["DELETE_OUTPUT_DIRECTORY"],
    "OUTPUT_RETENTION": DEFAULT_CONFIG["OUTPUT_RETENTION"],
}

# A site's addresses are public: inbound links, bookmarks, feed readers and the links its
# owner wrote by hand (`other-post.html`) depend on them. Where the owner's file sets none of
# these, the site had Pelican's, so it keeps Pelican's, never ours (`slug/`, `section/`,
# no feeds). Pelican saves a direct template as its name + .html.
PELICANS_ADDRESS_KINDS = ("ARTICLE", "ARTICLE_LANG", "PAGE", "PAGE_LANG", "CATEGORY", "AUTHOR")
PELICANS_OTHER_ADDRESSES = (
    "YEAR_ARCHIVE_URL", "YEAR_ARCHIVE_SAVE_AS", "MONTH_ARCHIVE_URL", "MONTH_ARCHIVE_SAVE_AS",
    "PAGINATION_PATTERNS", "FEED_ALL_ATOM", "CATEGORY_FEED_ATOM", "TRANSLATION_FEED_ATOM",
    "AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS",
)  # fmt: skip
PELICANS_ADDRESSES = {
    **{
        key: DEFAULT_CONFIG[key]
        for kind in PELICANS_ADDRESS_KINDS
        for key in (f"{kind}_URL", f"{kind}_SAVE_AS")
    },
    **{key: DEFAULT_CONFIG[key] for key in PELICANS_OTHER_ADDRESSES},
    "ARCHIVES_SAVE_AS": "archives.html",
    "AUTHORS_SAVE_AS": "authors.html",
    "CATEGORIES_SAVE_AS": "categories.html",
}
# Pelican's own index pages, which a site's DIRECT_TEMPLATES may leave out.
PELICANS_INDEXES = ("archives", "authors", "categories", "tags")
# Pages our theme links on every page, by the address their SAVE_AS gives them.
LINKED_INDEXES = ("ARCHIVES", "AUTHORS")
# The owner's tags stay Pelican's tags: where the owner's file sets none of these, Pelican's
# defaults apply (ours turn tag pages into topic hubs, an opinion an owner never asked for).
PELICANS_TAGS = {
    "TAG_URL": DEFAULT_CONFIG["TAG_URL"],
    "TAG_SAVE_AS": DEFAULT_CONFIG["TAG_SAVE_AS"],
    "TAGS_SAVE_AS": "tags.html",  # Pelican saves a direct template as its name + .html
}


def is_ours(settings_file: Path, ours: Path) -> bool:
    """Return True for our own settings files (pelicanconf.py, publishconf.py beside it)."""
    return Path(settings_file).resolve().parent == Path(ours).resolve().parent


def owner_overrides(settings_file: Path, ours: dict[str, Any]) -> dict[str, Any]:
    """Return what the owner's file sets, ready to lay over our settings `ours`."""
    path = Path(settings_file).resolve()
    if not path.is_file():
        raise SettingsError(
            f"{settings_file}: no such settings file. Fix: pass --settings with your site's "
            "pelicanconf.py"
        )
    try:
        with own_modules_first(path.parent):
            owned = get_settings_from_file(str(path))
    except Exception as error:  # noqa: BLE001 - any error in the owner's Python is theirs
        raise unreadable_settings(Path(settings_file), error) from None
    overrides = {k: v for k, v in owned.items() if k not in THEME_SETTINGS}
    overrides["SETTINGS_FILE"] = str(path)  # what messages about its settings name
    if owned.get("THEME") and owned["THEME"] != DEFAULT_CONFIG["THEME"]:
        # Ours replaces it; a `Template:` only it has is then named there (template_fallback).
        overrides["OWNER_THEME"] = str(path.parent / owned["THEME"])
    for key in FOLDER_SETTINGS:
        overrides.update(_anchored(key, overrides.get(key), path.parent))
    # The owner's template folders are searched before our theme, as Pelican searches them
    # before theirs (relative to where they run pelican: beside this file), unless one
    # replaces a template of ours: written for their theme, it would break ours.
    theirs = [path.parent / f for f in owned.get("THEME_TEMPLATES_OVERRIDES") or []]
    ours_templates = Path(ours["THEME"]) / "templates"
    fitting = [str(f) for f in theirs if not _replaces_ours(f, ours_templates)]
    overrides["THEME_TEMPLATES_OVERRIDES"] = [*fitting, *ours.get("THEME_TEMPLATES_OVERRIDES", [])]
    overrides["OWNER_TEMPLATES_UNUSED"] = [str(f) for f in theirs if str(f) not in fitting]
    overrides["THEME_REPLACES_OWNERS"] = True  # template_fallback's advice names theirs only
    overrides.update({key: owned.get(key, "") for key in OUR_SITES_OWN})
    for pelicans in (PELICANS_READING, PELICANS_PRESENTATION, PELICANS_ADDRESSES, PELICANS_OUTPUT):
        overrides.update({k: owned.get(k, deepcopy(default)) for k, default in pelicans.items()})
    # Pelican's themes show SITESUBTITLE where ours shows SITE_DESCRIPTION.
    overrides["SITE_DESCRIPTION"] = owned.get("SITE_DESCRIPTION", owned.get("SITESUBTITLE", ""))
    for index in LINKED_INDEXES:  # where every page links them
        if f"{index}_URL" not in owned:
            save_as = overrides[f"{index}_SAVE_AS"]
            overrides[f"{index}_URL"] = save_as.removesuffix("index.html")
    overrides["PLUGINS"] = _plugins(ours.get("PLUGINS") or [], owned.get("PLUGINS") or [])
    overrides.update(_owners_tags(owned))
    overrides.update(_indexes_left_out(owned))
    overrides.update(_direct_templates(owned, [ours_templates, *map(Path, fitting)], theirs))
    overrides["JINJA_ENVIRONMENT"] = {
        **(owned.get("JINJA_ENVIRONMENT") or {}),
        **(ours.get("JINJA_ENVIRONMENT") or {}),
    }
    return overrides


@contextmanager
def own_modules_first(folder: Path) -> Iterator[None]:
    """While an owner's settings file runs, let its `from pelicanconf import *` find the file
    beside it, as `pelican` run in that folder does: not our pelicanconf, which Pelican has
    already registered under that name, nor one in the working folder."""
    names = {path.stem for path in folder.glob("*.py")}
    ours = {name: sys.modules.pop(name) for name in names & set(sys.modules)}
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        for name in names:
            sys.modules.pop(name, None)
        sys.modules.update(ours)


def _replaces_ours(folder: Path, ours: Path) -> bool:
    """Return True when the owner's template folder holds a template our theme has."""
    if not folder.is_dir():
        return False
    return any((ours / f.relative_to(folder)).is_file() for f in folder.rglob("*.html"))


def _owners_tags(owned: dict[str, Any]) -> dict[str, Any]:
    """Return the settings that keep the owner's tags Pelican's: their pages, as configured."""
    tags = {key: owned.get(key, default) for key, default in PELICANS_TAGS.items()}
    tags["TOPIC_HUBS_FOR_TAGS"] = owned.get("TOPIC_HUBS_FOR_TAGS", False)
    return tags


def _direct_templates(owned: dict[str, Any], found_in: list[Path], theirs: list[Path]) -> dict:
    """Return the site's DIRECT_TEMPLATES (Pelican's when it sets none) with our theme's own
    pages added, and each of its pages no template folder searched here has, by the left-out
    folder of the owner's that holds it ("" for none): `check` names them, and Pelican is not
    asked to write them (it would stop with a traceback)."""
    listed = list(owned.get("DIRECT_TEMPLATES", DEFAULT_CONFIG["DIRECT_TEMPLATES"]) or [])
    missing = {
        name: next((str(f) for f in theirs if (f / f"{name}.html").is_file()), "")
        for name in listed
        if not any((folder / f"{name}.html").is_file() for folder in found_in)
    }
    kept = [name for name in listed if name not in missing]
    return {
        "DIRECT_TEMPLATES": [*kept, *(name for name in THEMES_OWN_PAGES if name not in kept)],
        "DIRECT_TEMPLATES_MISSING": missing,
    }


def _indexes_left_out(owned: dict[str, Any]) -> dict[str, Any]:
    """Return `NAME_SAVE_AS = ""` for each of Pelican's index pages the owner's
    DIRECT_TEMPLATES leaves out (and whose save-as it sets none for): Pelican wrote none of
    them, and our theme links none that is not written. Without `index`, our home page is
    written only when no page or article is saved in its place."""
    if "DIRECT_TEMPLATES" not in owned:
        return {}
    kept = set(owned["DIRECT_TEMPLATES"] or [])
    left_out = {
        f"{name.upper()}_SAVE_AS": ""
        for name in PELICANS_INDEXES
        if name not in kept and f"{name.upper()}_SAVE_AS" not in owned
    }
    if "index" not in kept:  # its page saved as index.html is the home (see run.py)
        left_out["HOME_FROM_CONTENT"] = True
    return left_out


def _anchored(key: str, value: Any, folder: Path) -> dict[str, Any]:
    """Return {key: value} with relative folders made absolute from the owner's folder."""
    if value is None:
        return {}
    if isinstance(value, list | tuple):
        return {key: [str(folder / v) for v in value]}
    return {key: str(folder / value)}


def _plugins(ours: list[Any], owners: list[Any]) -> list[Any]:
    """Return our plugins, then the owner's that are not ours already."""
    names = {p if isinstance(p, str) else getattr(p, "__name__", "") for p in ours}
    short = {n.rsplit(".", 1)[-1] for n in names}
    extra = [p for p in owners if not (isinstance(p, str) and p.rsplit(".", 1)[-1] in short)]
    return [*ours, *extra]
