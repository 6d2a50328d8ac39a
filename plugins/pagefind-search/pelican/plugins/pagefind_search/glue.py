"""Pelican glue for pagefind_search: index the finished output folder, then add synonyms."""

import logging
import os
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

from .indexing import PagefindError, index_site
from .marking import mark_files, theme_marks
from .settings import load, settings_file
from .synonyms import parse_synonyms, write_synonyms

if TYPE_CHECKING:
    from pelican import Pelican

log = logging.getLogger(__name__)
# The published articles' and pages' files this build wrote, with their titles (HTML).
WRITTEN: dict[Path, str] = {}


def note_written(path: str, context: dict) -> None:
    """Note a published article's or page's file (drafts and hidden pages stay unsearched)."""
    content = context.get("article") or context.get("page")
    if content is not None and getattr(content, "status", "") == "published":
        WRITTEN[Path(path)] = content.title


def index_output(pelican: "Pelican") -> None:
    """Write Pagefind's bundle for the output folder; log an error if it cannot be written."""
    written = {path: title for path, title in WRITTEN.items() if path.is_file()}
    WRITTEN.clear()
    settings, warnings, errors = load(
        pelican.settings, lambda key: settings_file(pelican.settings, key)
    )
    for warning in warnings:
        log.warning("pagefind_search: %s", warning)
    for error in errors:
        log.error("pagefind_search: %s", error)
    site = Path(pelican.output_path)
    if errors or not settings.enabled:
        why = "a setting is wrong (above)" if errors else "SEARCH_ENABLED is False"
        remove_old_bundle(site, settings.bundle_dir, pelican.settings, why)
        return
    started = time.perf_counter()
    if settings.mark_content and written and not theme_marks(list(written)):
        mark_files(written)
    language = settings.language or pelican.settings.get("DEFAULT_LANG", "")
    try:
        pages = index_site(site, settings.bundle_dir, language, kept_bundles(pelican.settings))
    except PagefindError as error:
        log.error("pagefind_search: %s", error)
        return
    groups = read_synonyms(Path(pelican.settings["PATH"]) / settings.synonyms_path)
    write_synonyms(groups, site / settings.bundle_dir)
    log.info("pagefind_search: %d pages indexed (%s), %d synonym groups, in %.2fs",
             pages, language or "each page's language", len(groups),
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
        shutil.rmtree(folder)
        log.info("pagefind_search: no search bundle written (%s); removed the old one in %s",
                 why, folder)  # fmt: skip
    else:
        log.warning("pagefind_search: no search bundle written (%s); %s is left: Pagefind did "
                    "not write it. Fix: remove it if it is an old bundle", why, folder)  # fmt: skip


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
