"""Pelican glue for search: feed Pagefind each page as it is written, then write the bundle."""

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coaching_kb.errors import SiteError
from coaching_kb.search import LiveIndex, index_bundle

if TYPE_CHECKING:
    from pelican import Pelican

log = logging.getLogger(__name__)

_live: LiveIndex | None = None  # the running build's; Pelican builds one site at a time


def feed_page(path: str, context: dict[str, Any]) -> None:
    """Hand a page Pelican has just written to Pagefind (started with the first page)."""
    global _live
    if not context.get("SEARCH_ENABLED", True) or not path.endswith(".html"):
        return
    site = Path(context["OUTPUT_PATH"])
    if _live is not None and _live.site != site:  # left by a build that failed
        _live.close()
        _live = None
    if _live is None:
        previous = context.get("PREVIOUS_OUTPUT_PATH")
        bundle = context.get("SEARCH_BUNDLE_DIR", "pagefind")
        try:
            _live = LiveIndex(site, Path(previous) if previous else None, bundle)
        except OSError as error:
            log.debug("search_index: no Pagefind service (%s); indexing at the end", error)
            return
    _live.add(path)


def index_site(pelican: "Pelican") -> None:
    """Write the Pagefind bundle for the output folder; log an error if indexing fails."""
    global _live
    live, _live = _live, None
    if not pelican.settings.get("SEARCH_ENABLED", True):
        return
    started = time.perf_counter()
    site = Path(pelican.output_path)
    bundle = pelican.settings.get("SEARCH_BUNDLE_DIR", "pagefind")
    # A build into a staging folder starts from the bundle of the site it will replace.
    previous = pelican.settings.get("PREVIOUS_OUTPUT_PATH")
    try:
        report = index_bundle(site, bundle, Path(previous) / bundle if previous else None,
                              live if live is not None and live.site == site else None)  # fmt: skip
    except SiteError as error:
        log.error("%s", error)
        return
    finally:
        if live is not None:
            live.close()
    if live is not None and not report.fed:
        log.info("search_index: Pagefind's service failed (%s); indexed again", live.failed)
    how = " (fed as written)" if report.fed else ""
    if report.kept:
        how = " (every page as in the last build: its bundle kept)"
    log.info("search_index: %d pages indexed%s in %.2fs", report.pages, how,
             time.perf_counter() - started)  # fmt: skip
