"""Index a built site with Pagefind (the binary the `pagefind` package ships): for the build
and for the live preview, which refreshes the index after serving a rebuilt page.

Pagefind names most bundle files by a hash of their content and does not rewrite one that
already exists, so a rebuild that starts from the last bundle's files (hard links, not
copies) writes only what changed: creating ten thousand files is most of Pagefind's time on
a fresh folder. Files the new index no longer names are then removed. A rebuild whose every
page reads as the last site has them keeps that site's bundle, and Pagefind does not run.
"""

import base64
import contextlib
import gzip
import importlib.metadata
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from coaching_kb.errors import SiteError


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What Pagefind did: pages indexed, and whether they were fed as Pelican wrote them."""

    pages: int
    fed: bool = False
    kept: bool = False  # every page read as in the last site, whose bundle was kept


def index_bundle(
    site: Path, bundle_dir: str, reuse: Path | None = None, live: "LiveIndex | None" = None
) -> IndexReport:
    """Write the search bundle of `site` into `site/bundle_dir`, sharing the unchanged files
    of the earlier bundle `reuse`: from the pages `live` was fed if it can, else with
    Pagefind's command line. Raise SiteError with Pagefind's words if that fails too."""
    bundle = site / bundle_dir
    fed = kept = False
    if live is not None and live.finish(bundle, reuse):
        if entry_of(bundle) is None:
            # Once in 25 builds Pagefind's service left the entry file empty: indexed anew.
            live.failed = "it left the bundle's entry file unreadable"
        else:
            fed, kept = True, live.kept
    if not fed:
        if reuse is not None:
            link_hashed_files(reuse, bundle)
        run_pagefind(site, bundle_dir)  # which prunes too
    elif not kept:
        prune_bundle(bundle)
    return IndexReport(pages_in(bundle), fed, kept)


def run_pagefind(site: Path, bundle_dir: str, timeout: float = 600) -> None:
    """Index `site` into `site/bundle_dir`; raise SiteError with Pagefind's words if it fails."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", bundle_dir]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SiteError(
            f"search_index: Pagefind could not run ({error}). "
            "Fix: reinstall it with: pip install 'pagefind[extended]'"
        ) from None
    if done.returncode != 0:
        last = " ".join((done.stdout + done.stderr).strip().splitlines()[-3:])
        raise SiteError(
            f"search_index: Pagefind failed on {site} (exit {done.returncode}): {last}. "
            "Fix: check that the package pagefind[extended] is installed and the output is HTML"
        )
    prune_bundle(site / bundle_dir)


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


def copy_bundle(source: Path, bundle: Path) -> None:
    """Make `bundle` a copy of `source`: hashed files hard-linked, as Pagefind never rewrites
    one, and the rest copied, as it may rewrite those in place (through every link)."""
    shutil.rmtree(bundle, ignore_errors=True)
    bundle.mkdir(parents=True)
    for item in source.iterdir():
        if item.name in HASHED and item.is_dir():
            shutil.copytree(item, bundle / item.name, copy_function=link_or_copy)
        elif item.is_dir():
            shutil.copytree(item, bundle / item.name)
        else:
            shutil.copyfile(item, bundle / item.name)  # a fresh time: see `indexed_at`


def link_or_copy(source: str, destination: str) -> None:
    """Hard-link a file, else copy it.

    Safe for a bundle's hashed files, which Pagefind never rewrites, and for the live
    preview's put-back bundle: by the time Pagefind reindexes it in place, the other names of
    its files (the old output, the kept copy) are gone.
    """
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def indexed_at(site: Path, bundle_dir: str) -> float | None:
    """Return when the site's bundle was written, if it is whole and this Pagefind's.

    Pages changed after that (the live preview rewrites them, then indexes again in the
    background) may not be in it: a page is taken as indexed only if it is older.
    """
    bundle = site / bundle_dir
    entry = entry_of(bundle)
    if entry is None or entry.get("version") != pagefind_version():
        return None
    languages = languages_of(bundle)
    metas = [bundle / f"pagefind.{language.get('hash')}.pf_meta" for language in languages.values()]
    if not all(meta.is_file() for meta in metas):
        return None
    return (bundle / "pagefind-entry.json").stat().st_mtime


def html_pages(site: Path) -> set[str]:
    """Return the HTML files of a site, as paths relative to it."""
    found = set()
    for folder, _dirs, files in os.walk(site):
        relative = os.path.relpath(folder, site).replace(os.sep, "/")
        for name in files:
            if name.endswith(".html"):
                found.add(name if relative == "." else f"{relative}/{name}")
    return found


def reads_as_indexed(page: Path, before: Path, since: float) -> bool:
    """Return True if `page` holds what `before` held when its site was indexed at `since`."""
    try:
        with open(before, "rb") as old, open(page, "rb") as new:
            stat = os.fstat(old.fileno())
            if stat.st_mtime > since or stat.st_size != os.fstat(new.fileno()).st_size:
                return False
            return old.read() == new.read()
    except OSError:
        return False


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


def entry_of(bundle: Path) -> dict | None:
    """Return the bundle's entry file (what the browser loads first), or None if unreadable."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return entry if isinstance(entry, dict) else None


def languages_of(bundle: Path) -> dict[str, dict]:
    """Return the languages the bundle's entry file lists (none if there is no such file)."""
    languages = (entry_of(bundle) or {}).get("languages")
    return languages if isinstance(languages, dict) else {}


def pages_in(bundle: Path) -> int:
    """Return how many pages the bundle's index holds (0 if it cannot tell)."""
    try:
        return sum(int(language["page_count"]) for language in languages_of(bundle).values())
    except (KeyError, TypeError, ValueError):
        return 0


def names_in_index(bundle: Path) -> set[str] | None:
    """Return every hashed name the bundle's index refers to, or None if it cannot tell.

    The entry file names each language's metadata file; that file (gzip, then CBOR) holds the
    hashes of the language's pages, word index chunks and filters as CBOR text strings.
    """
    languages = languages_of(bundle)
    if not languages:
        return None
    try:
        names: set[str] = set()
        for code, language in languages.items():
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


class LiveIndex:
    """Pagefind's service, fed each page as Pelican writes it, then asked for the bundle.

    Pelican writes on one core while Pagefind reads the pages on another, so at the end only
    the index itself is left to build. A feeder thread writes requests (Pelican never waits on
    the pipe) and a reader thread collects answers. Any trouble, and `finish` returns False
    (with the reason in `failed`): the caller indexes the written site with the command line.
    """

    def __init__(self, site: Path, previous: Path | None = None, bundle_dir: str = "") -> None:
        self.site = site
        self.sent: set[str] = set()
        self.outbox: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self.answers: dict[int, dict] = {}
        self.answered = threading.Condition()
        self.next_id = 0
        self.added: list[int] = []  # the message ids of the pages sent
        self.failed = ""
        self.index_id: int | None = None
        self.process: subprocess.Popen | None = None
        # While every page reads as in the previous site, whose bundle indexes it, the pages
        # are held back: if all do, that bundle is kept and Pagefind never starts.
        since = indexed_at(previous, bundle_dir) if previous and bundle_dir else None
        self.previous, self.since = (previous, since) if since is not None else (None, 0.0)
        self.held: list[str] = []
        self.kept = False
        self.stopping = False
        self.feeder = threading.Thread(target=self._feed, daemon=True)
        self.feeder.start()

    def add(self, page: str) -> None:
        """Queue a written page (a path in the site) for indexing."""
        if page.endswith(".html") and page not in self.sent:
            self.sent.add(page)
            self.outbox.put(page)

    def finish(self, bundle: Path, reuse: Path | None = None, timeout: float = 600) -> bool:
        """Index the pages not yet sent and write the bundle, starting from the hashed files
        of the earlier bundle `reuse`; return False if that failed."""
        pages = html_pages(self.site)
        for page in sorted(pages):
            self.add(str(self.site / page))
        self.outbox.put(None)
        self.feeder.join(timeout)
        try:
            if self.previous is not None and not self.failed and pages == html_pages(self.previous):
                copy_bundle(self.previous / bundle.relative_to(self.site), bundle)
                self.kept = True
                return True
            if not self.failed:
                self._send_held()  # pages held back (some came or went), or none at all
            if self.failed or not self._all_added(timeout):
                return False
            if reuse is not None:
                link_hashed_files(reuse, bundle)
            request = {"type": "WriteFiles", "index_id": self.index_id, "output_path": str(bundle)}
            return self._ask(request, timeout).get("type") == "WriteFiles"
        except (OSError, KeyError, TimeoutError, ValueError) as error:
            self.failed = self.failed or f"{type(error).__name__}: {error}"
            return False
        finally:
            self.close()

    def close(self, wait: float = 10) -> None:
        """Stop the service: told by the end of its input, so it finishes what it writes;
        killed only if it has not stopped within `wait` seconds."""
        if self.process is None:
            return
        self.stopping = True  # its end of output is then no failure
        if self.process.poll() is None:
            with contextlib.suppress(OSError, ValueError):
                cast(BinaryIO, self.process.stdin).close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(wait)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def _start(self) -> None:
        """Start Pagefind's service and open an index."""
        self.process = subprocess.Popen(
            [str(pagefind_binary()), "--service"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        threading.Thread(target=self._read, daemon=True).start()
        self.index_id = self._ask({"type": "NewIndex", "config": None}, 60)["index_id"]

    def _feed(self) -> None:
        try:
            while (page := self.outbox.get()) is not None:
                if self.previous is not None and self._reads_as_before(page):
                    self.held.append(page)
                    continue
                self._send_held()
                self._send_page(page)
        except (OSError, KeyError, TimeoutError, ValueError) as error:
            self.failed = self.failed or f"{type(error).__name__}: {error}"

    def _reads_as_before(self, page: str) -> bool:
        before = cast(Path, self.previous) / Path(page).relative_to(self.site)
        return reads_as_indexed(Path(page), before, self.since)

    def _send_held(self) -> None:
        """A page differs from the last site's: index every page, starting with those held."""
        if self.process is None:
            self._start()
        self.previous = None
        held, self.held = self.held, []
        for page in held:
            self._send_page(page)

    def _send_page(self, page: str) -> None:
        relative = Path(page).relative_to(self.site).as_posix()
        contents = Path(page).read_text(encoding="utf-8", errors="replace")
        request = {"type": "AddFile", "index_id": self.index_id, "file_path": relative}
        self.added.append(self._send(request | {"url": None, "file_contents": contents}))

    def _all_added(self, timeout: float) -> bool:
        """Wait until Pagefind has indexed every page sent; return False if one failed.

        Pagefind answers each page when it has indexed it, and may still be indexing the last
        ones when asked to write the bundle: that bundle would lack them.
        """
        unanswered = self.added[::-1]  # the oldest last: answers mostly come in order

        def indexed() -> bool:
            while unanswered and unanswered[-1] in self.answers:
                unanswered.pop()
            return not unanswered

        with self.answered:
            done = self.answered.wait_for(lambda: self.failed or indexed(), timeout)
        if not done or self.failed:
            self.failed = self.failed or "Pagefind did not index every page in time"
            return False
        refused = [n for n in self.added if self.answers[n].get("type") == "Error"]
        if refused:
            self.failed = str(self.answers[refused[0]].get("message", "Pagefind error"))
        return not refused

    def _send(self, payload: dict) -> int:
        self.next_id += 1
        message = {"message_id": self.next_id, "payload": payload}
        stdin = cast(BinaryIO, cast(subprocess.Popen, self.process).stdin)
        stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
        stdin.flush()
        return self.next_id

    def _ask(self, payload: dict, timeout: float) -> dict:
        """Send a request and wait for its answer."""
        number = self._send(payload)
        with self.answered:
            if not self.answered.wait_for(lambda: number in self.answers or self.failed, timeout):
                raise TimeoutError("Pagefind did not answer")
        if self.failed:
            raise ValueError(self.failed)
        answer = self.answers[number]
        if answer.get("type") == "Error":
            raise ValueError(answer.get("message", "Pagefind error"))
        return answer

    def _read(self) -> None:
        stdout = cast(BinaryIO, cast(subprocess.Popen, self.process).stdout)
        buffered = b""
        try:
            while chunk := stdout.read1(1 << 16):
                buffered += chunk
                *messages, buffered = buffered.split(b",")
                for message in messages:
                    self._receive(json.loads(base64.b64decode(message)))
        except (OSError, ValueError) as error:
            self.failed = self.failed or f"{type(error).__name__}: {error}"
        with self.answered:
            if not self.stopping:
                self.failed = self.failed or "Pagefind stopped"
            self.answered.notify_all()

    def _receive(self, response: dict) -> None:
        payload = response.get("payload", {})
        with self.answered:
            if payload.get("type") == "Error" and response.get("message_id") is None:
                self.failed = payload.get("message", "Pagefind error")
            self.answers[response.get("message_id") or 0] = payload
            self.answered.notify_all()


def pagefind_binary() -> Path:
    """Return the Pagefind binary the `pagefind[extended]` package ships."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise OSError("no Pagefind binary")
    return found


def pagefind_version() -> str:
    """Return the version of the installed Pagefind, as its bundles' entry files state it."""
    try:
        return importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        return ""
