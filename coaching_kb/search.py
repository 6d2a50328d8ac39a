"""Index a built site with Pagefind (the binary the `pagefind` package ships): for the build
and for the live preview, which refreshes the index after serving a rebuilt page."""

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from coaching_kb.errors import SiteError

PAGES = re.compile(r"Indexed (\d+) pages?")


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What Pagefind did."""

    pages: int
    output: str


def run_pagefind(site: Path, bundle_dir: str, timeout: float = 600) -> IndexReport:
    """Index `site` into `site/bundle_dir`; raise SiteError with Pagefind's words if it fails."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", bundle_dir]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SiteError(
            f"search_index: Pagefind could not run ({error}). "
            "Fix: reinstall it with: pip install 'pagefind[extended]'"
        ) from None
    output = done.stdout + done.stderr
    if done.returncode != 0:
        last = " ".join(output.strip().splitlines()[-3:])
        raise SiteError(
            f"search_index: Pagefind failed on {site} (exit {done.returncode}): {last}. "
            "Fix: check that the package pagefind[extended] is installed and the output is HTML"
        )
    found = PAGES.search(output)
    return IndexReport(int(found[1]) if found else 0, output)
