"""Run Pagefind's command line over a built site; pure of Pelican."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

INDEXED_PAGES = re.compile(r"Indexed ([\d,]+) pages?")
REINSTALL = "Fix: reinstall it with: pip install 'pagefind[extended]'"


class PagefindError(RuntimeError):
    """Pagefind could not index the site; the message says why and what to do."""


def pagefind_command(site: Path, bundle_dir: str, language: str) -> list[str]:
    """Return the command that indexes `site` into `site/bundle_dir` (the documented CLI)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site)]
    command += ["--output-subdir", bundle_dir]
    return command + (["--force-language", language] if language else [])


def run_pagefind(site: Path, bundle_dir: str, language: str = "", timeout: float = 900) -> int:
    """Write the search bundle of `site` into `site/bundle_dir`; return the pages indexed.

    The old bundle goes first: Pagefind adds files beside whatever the folder holds, and a
    bundle left by an earlier build would keep every stale fragment."""
    shutil.rmtree(site / bundle_dir, ignore_errors=True)
    command = pagefind_command(site, bundle_dir, language)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise PagefindError(
            f"{site}: Pagefind did not finish in {timeout:.0f}s. Fix: run "
            f"'{' '.join(command)}' by hand to see where it stops"
        ) from None
    except OSError as error:
        raise PagefindError(f"Pagefind could not run ({error}). {REINSTALL}") from None
    said = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        last = " ".join(said.splitlines()[-3:]) or "no message"
        fix = REINSTALL if "pagefind binary" in said else "Fix: check that the folder holds HTML"
        raise PagefindError(f"{site}: Pagefind failed (exit {done.returncode}): {last}. {fix}")
    counts = INDEXED_PAGES.findall(said)
    return int(counts[-1].replace(",", "")) if counts else 0
