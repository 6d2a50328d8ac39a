"""Run Pagefind's command line over a built site; pure of Pelican."""

import contextlib
import hashlib
import importlib
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

log = logging.getLogger(__name__)

INDEXED_PAGES = re.compile(r"Indexed ([\d,]+) pages?")
REINSTALL = "Fix: reinstall it with: pip install 'pagefind[extended]'"


class PagefindError(RuntimeError):
    """Pagefind could not index the site; the message says why and what to do."""


# What Pagefind writes in its bundle folder, and what this plugin adds beside it: the only
# files ever removed from it (a folder the site shares keeps the site's own files).
OWN_FILES = re.compile(r"pagefind[\w.-]*|wasm\.[\w-]+\.pagefind|synonyms\.json|search-ui\.js")
OWN_FOLDERS = {"fragment": ".pf_fragment", "index": ".pf_index", "filter": ".pf_filter"}


def bundle_files(bundle: Path) -> tuple[list[Path], list[Path]]:
    """Return the files in `bundle` that Pagefind (or this plugin) wrote, and all the others."""
    own: list[Path] = []
    others: list[Path] = []
    for entry in sorted(bundle.iterdir()) if bundle.is_dir() else []:
        if entry.is_dir() and not entry.is_symlink():
            suffix = OWN_FOLDERS.get(entry.name)
            for path in sorted(p for p in entry.rglob("*") if not p.is_dir()):
                is_own = suffix is not None and path.parent == entry and path.suffix == suffix
                (own if is_own else others).append(path)
        else:
            (own if OWN_FILES.fullmatch(entry.name) else others).append(entry)
    return own, others


def remove_bundle(bundle: Path) -> None:
    """Remove the files Pagefind (or this plugin) wrote in `bundle`, and what they leave empty:
    any other file there stays."""
    own, _ = bundle_files(bundle)
    for path in own:
        path.unlink(missing_ok=True)
    for folder in [*(bundle / name for name in OWN_FOLDERS), bundle]:
        with contextlib.suppress(OSError):  # not there, or not empty: it stays
            folder.rmdir()


# The wheels that ship Pagefind's binary (`pagefind[extended]`, `pagefind[bin]`), in the
# order `python -m pagefind` looks for them.
BINARY_PACKAGES = ("pagefind_bin_extended", "pagefind_bin")
BINARY_VARIABLE = "PAGEFIND_BINARY_PATH"  # Pagefind's own: another binary to run


def pagefind_executable() -> list[str]:
    """Return how to start Pagefind's command line: its binary, from the wheel that ships it.

    `python -m pagefind` only finds that binary and runs it, after starting Python and
    importing asyncio: about 0.08 s of processor time a build. It stays the way when
    PAGEFIND_BINARY_PATH names another binary, or when no wheel ships one.
    """
    if named := os.environ.get(BINARY_VARIABLE):
        if not (os.path.isfile(named) and os.access(named, os.X_OK)):
            raise PagefindError(
                f"{BINARY_VARIABLE} is {named}, which is no program. Fix: set it to Pagefind's "
                f"binary, or unset it to use the one pagefind[extended] installs"
            )
    else:
        for package in BINARY_PACKAGES:
            with contextlib.suppress(ImportError, FileNotFoundError):
                return [str(importlib.import_module(package).get_executable())]
    return [sys.executable, "-m", "pagefind"]


def pagefind_command(pages: Path, bundle: Path, language: str) -> list[str]:
    """Return the command that indexes the HTML files under `pages` into the folder `bundle`
    (the documented CLI)."""
    command = [*pagefind_executable(), "--site", str(pages), "--output-path", str(bundle)]
    return command + (["--force-language", language] if language else [])


def run_pagefind(
    site: Path,
    bundle_dir: str,
    language: str = "",
    timeout: float = 900,
    pages: Sequence[str] | None = None,
) -> int:
    """Write the search bundle of `site` into `site/bundle_dir`; return the pages indexed.

    `pages` (paths inside `site`) are the only files indexed, when given: a page an earlier
    build left in the output (an article now a draft) is never found. When the site holds
    other HTML files, Pagefind reads `pages` from a folder of links to them, as it reads every
    HTML file under its --site (only then: that folder costs a folder and a link a page).
    The old bundle goes first: Pagefind adds files beside whatever the folder holds, and a
    bundle left by an earlier build would keep every stale fragment."""
    bundle = site / bundle_dir
    remove_bundle(bundle)
    if pages is None or set(pages) == {
        page.relative_to(site).as_posix() for page in html_files(site, bundle_dir)
    }:
        return pagefind(pagefind_command(site, bundle, language), site, timeout)
    with tempfile.TemporaryDirectory(prefix="pagefind-pages-") as staging:
        for page in pages:
            (Path(staging) / page).parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(str(site / page), str(Path(staging) / page))
        return pagefind(pagefind_command(Path(staging), bundle, language), site, timeout)


def pagefind(command: list[str], site: Path, timeout: float) -> int:
    """Run Pagefind's `command` for `site`; return the pages it indexed."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise PagefindError(
            f"{site}: Pagefind did not finish in {timeout:.0f}s. Fix: run "
            f"'{' '.join(command[:1])} --site {site}' by hand to see where it stops"
        ) from None
    except OSError as error:
        raise PagefindError(f"Pagefind could not run ({error}). {REINSTALL}") from None
    said = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        # A Python traceback (`python -m pagefind` failing) says what matters in its last line.
        lines = said.splitlines()[-1:] if "Traceback" in said else said.splitlines()[-3:]
        last = " ".join(lines) or "no message"
        is_install = "Traceback" in said or "pagefind binary" in said
        fix = REINSTALL if is_install else "Fix: check that the folder holds HTML"
        raise PagefindError(f"{site}: Pagefind failed (exit {done.returncode}): {last}. {fix}")
    counts = INDEXED_PAGES.findall(said)
    return int(counts[-1].replace(",", "")) if counts else 0


PAGEFIND_PACKAGES = ("pagefind", "pagefind-bin", "pagefind-bin-extended")
# Pagefind's own configuration, read from the folder it runs in, and from its environment.
CONFIG_FILES = ("pagefind.yml", "pagefind.yaml", "pagefind.toml", "pagefind.json")
CONFIG_PREFIX = "PAGEFIND_"
KEPT_BUNDLE, PAGES_FILE = "bundle", "pages"  # a kept bundle, and how many pages it holds


def bundle_key(
    site: Path, bundle_dir: str, language: str, pages: Sequence[str] | None = None
) -> str:
    """Return a digest of all that shapes the bundle: every page Pagefind reads (its path and
    bytes: `pages`, else every HTML file of `site`), Pagefind's version, our options, and its
    configuration files and variables."""
    digest = hashlib.sha256()
    for package in PAGEFIND_PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{package} {metadata.version(package)}\n".encode())
    digest.update(f"{bundle_dir}\0{language}\n".encode())
    for name in sorted(k for k in os.environ if k.startswith(CONFIG_PREFIX)):
        digest.update(f"{name}={os.environ[name]}\n".encode())
    for config in CONFIG_FILES:
        with contextlib.suppress(OSError):
            digest.update(config.encode() + b"\0" + Path(config).read_bytes())
    read = sorted(site / p for p in pages) if pages is not None else html_files(site, bundle_dir)
    for page in read:
        digest.update(page.relative_to(site).as_posix().encode() + b"\0")
        digest.update(page.read_bytes() + b"\0")
    return digest.hexdigest()


def html_files(site: Path, bundle_dir: str) -> list[Path]:
    """Return the HTML files Pagefind reads in `site` by default: every .html file."""
    bundle = site / bundle_dir
    # A folder may be named like a page (`old-post.html/index.html`): its pages count.
    return [
        page
        for page in sorted(site.rglob("*.html"))
        if page.is_file() and not page.is_relative_to(bundle)
    ]


def index_site(
    site: Path,
    bundle_dir: str,
    language: str = "",
    kept: Path | None = None,
    pages: Sequence[str] | None = None,
) -> int:
    """Write the search bundle of `site`, as `run_pagefind` does; return the pages indexed.

    With `kept` (a folder of its own), the bundle is kept there under its `bundle_key`, and a
    site whose pages, Pagefind and options are all unchanged gets a copy instead of a new run.
    """
    if kept is None:
        return run_pagefind(site, bundle_dir, language, pages=pages)
    key = bundle_key(site, bundle_dir, language, pages)
    if (kept / key / PAGES_FILE).is_file():
        remove_bundle(site / bundle_dir)
        shutil.copytree(
            kept / key / KEPT_BUNDLE, site / bundle_dir, copy_function=link_or_copy,
            dirs_exist_ok=True,
        )  # fmt: skip
        return int((kept / key / PAGES_FILE).read_text())
    indexed = run_pagefind(site, bundle_dir, language, pages=pages)
    try:
        keep_bundle(site / bundle_dir, kept, key, indexed)
    except OSError as error:  # a read-only cache folder: search works, only the copy is lost
        log.warning(
            "pagefind_search: cannot keep the search bundle in %s (%s): the next build runs "
            "Pagefind again. Fix: set CACHE_PATH to a folder this build can write",
            kept, error.strerror or error,
        )  # fmt: skip
    return indexed


def keep_bundle(bundle: Path, kept: Path, key: str, pages: int) -> None:
    """Keep a copy of `bundle` in `kept` under `key`, in place of any older one."""
    shutil.rmtree(kept, ignore_errors=True)
    # Copied beside and moved in: a build stopped halfway never leaves half a bundle kept.
    partial = kept.with_name(f".{kept.name}-partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(bundle, partial / key / KEPT_BUNDLE, copy_function=link_or_copy)
    (partial / key / PAGES_FILE).write_text(str(pages))
    os.replace(partial, kept)


def link_or_copy(source: str, target: str) -> None:
    """Link `target` to `source` (a thousand files in milliseconds), or copy it across disks.

    Safe to share: a bundle's files are never rewritten in place, only removed (a new run
    removes the whole bundle first) or added beside (synonyms.json)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
