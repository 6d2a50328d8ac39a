"""Index a built site with Pagefind (the binary the `pagefind` package ships): for the build
and for the live preview, which refreshes the index after serving a rebuilt page.

Pagefind names most bundle files by a hash of their content and does not rewrite one that
already exists, so a rebuild that starts from the last bundle's files (hard links, not
copies) writes only what changed: creating ten thousand files is most of Pagefind's time on
a fresh folder. Files the new index no longer names are then removed.
"""

import gzip
import json
import os
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


def run_pagefind(
    site: Path, bundle_dir: str, timeout: float = 600, reuse: Path | None = None
) -> IndexReport:
    """Index `site` into `site/bundle_dir`; raise SiteError with Pagefind's words if it fails.

    `reuse` is an earlier bundle whose unchanged files the new one may share.
    """
    if reuse is not None:
        link_hashed_files(reuse, site / bundle_dir)
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
    prune_bundle(site / bundle_dir)
    return IndexReport(int(found[1]) if found else 0, output)


HASHED = ("fragment", "index", "filter")  # Pagefind's folders of content-hashed files
META_SIGNATURE = b"pagefind_dcd"


def link_hashed_files(previous: Path, bundle: Path) -> None:
    """Hard-link the hashed files of an earlier bundle into a new, empty `bundle`."""
    if bundle.exists() or not previous.is_dir():
        return
    for folder in HASHED:
        if not (previous / folder).is_dir():
            continue
        (bundle / folder).mkdir(parents=True)
        for file in (previous / folder).iterdir():
            try:
                os.link(file, bundle / folder / file.name)
            except OSError:  # another disk, or no hard links here: Pagefind writes the rest
                return


def prune_bundle(bundle: Path) -> None:
    """Remove hashed files the bundle's index no longer names (left by an earlier index)."""
    named = names_in_index(bundle)
    if named is None:  # a bundle this code cannot read: keeping extra files is harmless
        return
    for folder in HASHED:
        for file in (bundle / folder).glob("*"):
            if file.stem not in named:
                file.unlink()
    for meta in bundle.glob("pagefind.*.pf_meta"):
        if meta.name.removeprefix("pagefind.").removesuffix(".pf_meta") not in named:
            meta.unlink()


def names_in_index(bundle: Path) -> set[str] | None:
    """Return every hashed name the bundle's index refers to, or None if it cannot tell.

    The entry file names each language's metadata file; that file (gzip, then CBOR) holds the
    hashes of the language's pages, word index chunks and filters as CBOR text strings.
    """
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        names: set[str] = set()
        for code, language in entry["languages"].items():
            meta = gzip.decompress((bundle / f"pagefind.{language['hash']}.pf_meta").read_bytes())
            if not meta.startswith(META_SIGNATURE):
                return None
            found = cbor_texts_starting(meta, f"{code}_".encode())
            pages = sum((bundle / "fragment" / f"{n}.pf_fragment").is_file() for n in found)
            if pages != language["page_count"]:  # not the format this reads: prune nothing
                return None
            names |= found | {language["hash"]}
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return None
    return names


def cbor_texts_starting(data: bytes, prefix: bytes) -> set[str]:
    """Return the short CBOR text strings in `data` that start with `prefix`."""
    # A text string of up to 23 bytes is one header byte (0x60 + its length), then the text.
    found = set()
    for match in re.finditer(rb"[\x60-\x77](?=" + re.escape(prefix) + rb")", data):
        length = match.group()[0] - 0x60
        found.add(data[match.end() : match.end() + length].decode("utf-8", "replace"))
    return found
