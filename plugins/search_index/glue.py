"""Pelican glue for search: index the finished site once every page is written."""

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from coaching_kb.errors import SiteError
from coaching_kb.search import run_pagefind

if TYPE_CHECKING:
    from pelican import Pelican

log = logging.getLogger(__name__)


def index_site(pelican: "Pelican") -> None:
    """Build the Pagefind bundle for the output folder; log an error if indexing fails."""
    if not pelican.settings.get("SEARCH_ENABLED", True):
        return
    started = time.perf_counter()
    bundle = pelican.settings.get("SEARCH_BUNDLE_DIR", "pagefind")
    # A build into a staging folder starts from the bundle of the site it will replace.
    previous = pelican.settings.get("PREVIOUS_OUTPUT_PATH")
    reuse = Path(previous) / bundle if previous else None
    try:
        report = run_pagefind(Path(pelican.output_path), bundle, reuse=reuse)
    except SiteError as error:
        log.error("%s", error)
        return
    log.info("search_index: %d pages indexed in %.2fs", report.pages, time.perf_counter() - started)
