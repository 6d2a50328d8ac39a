"""The live preview's builds, each run in a build process of its own (`invoke livereload`).

A build process imports Pelican and the plugins once, then builds on request. It is replaced
by a fresh one whenever a Python file or the settings change, so an edited plugin or setting
is loaded afresh, never kept from an earlier import. Pelican's reader cache (`reader_cache`)
is named after the settings and the plugins' code, so it never serves what they made before.

The process holds what its last full build made. A saved article or page whose address does
not change is rendered on its own from that (`held_site`) and served at once; a full build
follows once the saves stop for `CATCH_UP_SECONDS`, and brings every other page (listings,
hubs, related lists) up to date.
"""

import contextlib
import importlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from coaching_kb.build import BuildReport, build_site, edited_sources, load_settings
from coaching_kb.check.problems import problem_from
from coaching_kb.errors import SiteError
from coaching_kb.held_site import HeldSite, render_edited
from coaching_kb.keep_going import build_keeping_going
from coaching_kb.owner_settings import owner_overrides
from coaching_kb.run import Run
from coaching_kb.terminal import log_progress

RELOADED_SUFFIXES = (".py",)  # code and settings: a fresh process imports them again
PARENT_POLL_SECONDS = 1.0
CATCH_UP_SECONDS = 1.0  # quiet after a quick page before the full build: saves come in bursts

# Drafts are never published, but the preview shows each at its own address (listed nowhere),
# so the author of a draft `invoke new` wrote can see it; an owner's own DRAFT_* settings win.
DRAFTS_PREVIEWED = {
    "DRAFT_URL": "drafts/{slug}/", "DRAFT_SAVE_AS": "drafts/{slug}/index.html",
    "DRAFT_PAGE_URL": "drafts/pages/{slug}/",
    "DRAFT_PAGE_SAVE_AS": "drafts/pages/{slug}/index.html",
}  # fmt: skip
# In a build process only: the last full build of each output folder, for the quick pages.
HELD: dict[Path, HeldSite] = {}


def build_and_hold(
    settings_file: Path, content: Path, output: Path, overrides: Mapping[str, Any] | None = None
) -> BuildReport:
    """Build the whole site (in the build process) and hold what the build made."""
    final = output.resolve()
    HELD.pop(final, None)  # a failed build leaves nothing to start from

    def hold(run: Run) -> None:
        HELD[final] = HeldSite.of(run)

    return build_site(settings_file, content, output, overrides, keep=hold)


def render_held(output: Path, edited: frozenset[str]) -> BuildReport | None:
    """Render the edited sources' pages from the held build; None: a full build is needed."""
    held = HELD.get(output.resolve())
    return None if held is None else render_edited(held, output.resolve(), edited)


def warm_up(settings_file: Path) -> None:
    """Import Pelican and every plugin the settings name, so the first build starts sooner;
    show progress as the preview's task does; end when the task that started us ends."""
    log_progress()
    parent = os.getppid()
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()
    try:
        plugins = load_settings(settings_file).get("PLUGINS") or []
    except SiteError:  # a settings file saved with a typo: the build names it
        return
    for name in plugins:
        # One from PLUGIN_PATHS is found by Pelican at the first build.
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def _end_with(parent: int) -> None:
    """Exit once `parent` has gone (killed with no chance to stop us, `kill -9` say)."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(0)


class Preview:
    """Build the site for the live preview in a build process kept ready between saves."""

    def __init__(
        self,
        settings_file: Path,
        content: Path,
        output: Path,
        caught_up: Callable[[BuildReport], None] | None = None,
        catch_up_seconds: float | None = CATCH_UP_SECONDS,
        *,
        overrides: Mapping[str, Any] | None = None,
        keep_going: bool = False,
        owner: Path | None = None,
    ) -> None:
        """`caught_up` gets the report of each full build that follows quick pages; with
        `catch_up_seconds` None, that build waits for `catch_up()` (tests). `overrides` are an
        owner's settings (--settings); `keep_going` skips files with errors (--keep-going)."""
        self.settings_file, self.content, self.output = settings_file, content, output
        self.overrides = dict(overrides or {})  # an owner's settings (--settings)
        self.owner = owner  # the file they come from, read again when it is saved
        self.keep_going = keep_going
        self.skipped: dict[str, list[Any]] = {}  # what --keep-going left out of the last build
        self.process: ProcessPoolExecutor | None = None
        self.restarts = 0  # how many build processes were started, for tests and the bench
        self.caught_up, self.catch_up_seconds = caught_up, catch_up_seconds
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None
        self.behind = False  # pages were rendered quickly since the last full build

    def start(self) -> None:
        """Start a fresh build process (replacing any), importing the code as it is now."""
        self.stop()
        self.process = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=warm_up,
            initargs=(self.settings_file,),
        )
        self.restarts += 1

    def stop(self) -> None:
        self._cancel_catch_up()
        if self.process is not None:
            self.process.shutdown(wait=True, cancel_futures=True)
            self.process = None

    def rebuild(self, changed: Sequence[str] = (), only_edits: bool = False) -> BuildReport:
        """Build the site again; after a change to code or settings, in a fresh process.

        When `only_edits` (no file came or went) and every change is to an article or page,
        only their pages are rendered, from the last full build (`render_held`), and a full
        build follows later; otherwise the whole site is built now.
        """
        self._cancel_catch_up()
        if self.owner is not None and self.owner.resolve() in {Path(p).resolve() for p in changed}:
            try:
                self.overrides = owner_overrides(self.owner, load_settings(self.settings_file))
            except SiteError as error:  # saved with a typo: a failed build, until it is fixed
                return BuildReport(self.output, problems=[problem_from(str(error))])
        if self.process is None or any(Path(p).suffix in RELOADED_SUFFIXES for p in changed):
            self.start()
        # A quick rebuild reads our settings only: an owner's, or skipping files, builds whole.
        is_quick = only_edits and not (self.overrides or self.keep_going)
        edited = edited_sources(self.content, changed) if is_quick else frozenset()
        if edited and (self.output / "index.html").is_file():
            quick = self._run(render_held, self.output, edited)
            if quick is not None:
                if quick.written:
                    self._catch_up_later()
                return quick
        return self._full()

    def catch_up(self) -> BuildReport | None:
        """Run the full build quick pages are waiting for, if any; return its report."""
        self._cancel_catch_up()
        if not self.behind or self.process is None:
            return None
        try:
            report = self._full()
        except (CancelledError, BrokenProcessPool):  # stopped, or replaced by a fresh process
            return None
        if self.caught_up is not None:
            self.caught_up(report)
        return report

    def _full(self) -> BuildReport:
        overrides = {**DRAFTS_PREVIEWED, **self.overrides}
        where = (self.settings_file, self.content, self.output, overrides)
        try:
            if self.keep_going:
                kept = self._run(build_keeping_going, *where)
                report, self.skipped = kept.report, kept.skipped
            else:
                report = self._run(build_and_hold, *where)
        except SiteError as error:  # a setting saved wrong: a failed build, until it is fixed
            report = BuildReport(self.output, problems=[problem_from(str(error))])
        self.behind = False
        return report

    def _catch_up_later(self) -> None:
        with self.lock:
            self.behind = True
            if self.catch_up_seconds is None:
                return
            self.timer = threading.Timer(self.catch_up_seconds, self.catch_up)
            self.timer.daemon = True
            self.timer.start()

    def _cancel_catch_up(self) -> None:
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None

    def _run(self, build: Callable[..., Any], *args: Any) -> Any:
        job = self.process.submit(build, *args)
        try:
            return job.result()
        except SiteError:  # the owner's to fix; the process is fine
            raise
        except Exception:
            self.stop()  # a broken process: the next save starts a fresh one
            raise

    def __enter__(self) -> "Preview":
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
