"""Run Pagefind's command line over a built site; pure of Pelican."""

import contextlib
import hashlib
import importlib
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

INDEXED_PAGES = re.compile(r"Indexed ([\d,]+) pages?")
REINSTALL = "Fix: reinstall it with: pip install 'pagefind[extended]'"


class PagefindError(RuntimeError):
    """Pagefind could not index the site; the message says why and what to do."""


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


def pagefind_command(site: Path, bundle_dir: str, language: str) -> list[str]:
    """Return the command that indexes `site` into `site/bundle_dir` (the documented CLI)."""
    command = [*pagefind_executable(), "--site", str(site)]
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


def bundle_key(site: Path, bundle_dir: str, language: str) -> str:
    """Return a digest of all that shapes the bundle: every page Pagefind reads (its path and
    bytes), Pagefind's version, our options, and its configuration files and variables."""
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
    bundle = site / bundle_dir
    for page in sorted(site.rglob("*.html")):  # Pagefind's own default: every .html file
        # A folder may be named like a page (`old-post.html/index.html`): its pages count.
        if page.is_file() and not page.is_relative_to(bundle):
            digest.update(page.relative_to(site).as_posix().encode() + b"\0")
            digest.update(page.read_bytes() + b"\0")
    return digest.hexdigest()


def index_site(site: Path, bundle_dir: str, language: str = "", kept: Path | None = None) -> int:
    """Write the search bundle of `site`, as `run_pagefind` does; return the pages indexed.

    With `kept` (a folder of its own), the bundle is kept there under its `bundle_key`, and a
    site whose pages, Pagefind and options are all unchanged gets a copy instead of a new run.
    """
    if kept is None:
        return run_pagefind(site, bundle_dir, language)
    key = bundle_key(site, bundle_dir, language)
    if (kept / key / PAGES_FILE).is_file():
        shutil.rmtree(site / bundle_dir, ignore_errors=True)
        shutil.copytree(kept / key / KEPT_BUNDLE, site / bundle_dir, copy_function=link_or_copy)
        return int((kept / key / PAGES_FILE).read_text())
    pages = run_pagefind(site, bundle_dir, language)
    keep_bundle(site / bundle_dir, kept, key, pages)
    return pages


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
