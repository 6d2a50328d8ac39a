"""Pelican glue for pagefind_search: index the pages this build wrote, then add synonyms."""

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from .indexing import PagefindError, bundle_files, index_site, remove_bundle
from .marking import mark_files, theme_marks
from .settings import SearchSettings, load, settings_file
from .synonyms import parse_synonyms, write_synonyms

if TYPE_CHECKING:
    from pelican import Pelican

log = logging.getLogger(__name__)
BUNDLE_DIR = "SEARCH_BUNDLE_DIR"
# The published articles' and pages' files this build wrote, with their titles (HTML).
WRITTEN: dict[Path, str] = {}
# Every HTML file this build wrote: the pages Pagefind reads (not one an earlier build left).
PAGES: set[Path] = set()
# Starts Pagefind's UI in the page's #search, from a file of the bundle: a Content-Security-
# Policy allowing only the site's own scripts ('self') blocks an inline one.
UI_START = """const start = () => new PagefindUI({ element: "#search" });
document.readyState === "loading" ? addEventListener("DOMContentLoaded", start) : start();
"""


def note_written(path: str, context: dict) -> None:
    """Note each HTML file written, and a published article's or page's with its title (drafts
    and hidden pages stay unsearched)."""
    if path.endswith(".html"):  # what Pagefind reads of a folder
        PAGES.add(Path(path))
    content = context.get("article") or context.get("page")
    if content is not None and getattr(content, "status", "") == "published":
        WRITTEN[Path(path)] = content.title


def index_output(pelican: "Pelican") -> None:
    """Write Pagefind's bundle for the output folder; log an error if it cannot be written."""
    written = {path: title for path, title in WRITTEN.items() if path.is_file()}
    site = Path(pelican.output_path)
    pages = sorted(
        path.relative_to(site).as_posix()
        for path in PAGES
        if path.is_relative_to(site) and path.is_file()
    )
    WRITTEN.clear()
    PAGES.clear()
    settings, warnings, errors = load(
        pelican.settings, lambda key: settings_file(pelican.settings, key)
    )
    for warning in warnings:
        log.warning("pagefind_search: %s", warning)
    for error in errors:
        log.error("pagefind_search: %s", error)
    if errors or not settings.enabled:
        why = "a setting is wrong (above)" if errors else "SEARCH_ENABLED is False"
        remove_old_bundle(site, settings.bundle_dir, pelican.settings, why)
        return
    where = settings_file(pelican.settings, BUNDLE_DIR) if BUNDLE_DIR in pelican.settings else ""
    if shares_a_folder(site, settings.bundle_dir, where):
        return
    started = time.perf_counter()
    if settings.mark_content and written and not theme_marks(list(written)):
        mark_files(written)
    language = settings.language or pelican.settings.get("DEFAULT_LANG", "")
    try:
        indexed = index_site(
            site, settings.bundle_dir, language, kept_bundles(pelican.settings), pages
        )
    except PagefindError as error:
        log.error("pagefind_search: %s", error)
        return
    groups = read_synonyms(Path(pelican.settings["PATH"]) / settings.synonyms_path)
    write_synonyms(groups, site / settings.bundle_dir)
    (site / settings.bundle_dir / "search-ui.js").write_text(UI_START, encoding="utf-8")
    log.info("pagefind_search: %d pages indexed (%s), %d synonym groups, in %.2fs",
             indexed, language or "each page's language", len(groups),
             time.perf_counter() - started)  # fmt: skip


def remove_old_bundle(site: Path, bundle_dir: str, settings: dict, why: str) -> None:
    """Remove the bundle an earlier build left in the output, which would search old pages;
    only a folder Pagefind wrote (it holds pagefind-entry.json), and say why when left."""
    folder = site / bundle_dir
    if not folder.exists():
        return
    if settings.get("SEARCH_BUNDLE_DIR", bundle_dir) != bundle_dir:
        log.warning("pagefind_search: no search bundle written (%s); any old one is left, as "
                    "SEARCH_BUNDLE_DIR does not say where it is", why)  # fmt: skip
    elif (folder / "pagefind-entry.json").is_file():
        remove_bundle(folder)
        log.info("pagefind_search: no search bundle written (%s); removed the old one in %s",
                 why, folder)  # fmt: skip
    else:
        log.warning("pagefind_search: no search bundle written (%s); %s is left: Pagefind did "
                    "not write it. Fix: remove it if it is an old bundle", why, folder)  # fmt: skip


def shares_a_folder(site: Path, bundle_dir: str, where: str) -> bool:
    """Return True, after an error saying so, when the bundle's folder holds files Pagefind
    did not write (the search page, the theme's CSS): no bundle is written there, so none of
    them is removed with an old bundle's files, and the old bundle's files go."""
    own, others = bundle_files(site / bundle_dir)
    if not others:
        return False
    shown = ", ".join(path.relative_to(site).as_posix() for path in others[:3])
    more = f" and {len(others) - 3} more" if len(others) > 3 else ""
    fix = (
        "give the bundle a folder of its own, e.g. SEARCH_BUNDLE_DIR = 'pagefind'"
        if bundle_dir != SearchSettings().bundle_dir
        else f"move those files out of {bundle_dir}/, the search bundle's folder"
    )
    log.error(
        "pagefind_search: %sSEARCH_BUNDLE_DIR = %r holds files Pagefind did not write (%s%s): "
        "no search bundle written, so that none of them is removed. Fix: %s",
        where and f"{where}: ", bundle_dir, shown, more, fix,
    )  # fmt: skip
    if own:
        remove_bundle(site / bundle_dir)  # an old bundle there would search old pages
    return True


def kept_bundles(settings: dict) -> Path | None:
    """Return where the last bundle is kept: in Pelican's CACHE_PATH when the site caches what
    it reads (CACHE_CONTENT), so an unchanged site is not indexed again; else None."""
    if not settings.get("CACHE_CONTENT"):
        return None
    return Path(settings["CACHE_PATH"]) / "pagefind_search"


def read_synonyms(path: Path) -> list[list[str]]:
    """Return the synonym groups of `path` (none if it does not exist); log each bad line."""
    if not path.is_file():
        return []
    where = os.path.relpath(path) if path.is_absolute() else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        log.error("pagefind_search: %s: cannot be read (%s). Fix: save it as UTF-8 text",
                  where, error)  # fmt: skip
        return []
    groups, errors = parse_synonyms(text, where)
    for error in errors:
        log.error("pagefind_search: %s", error)
    return groups
