"""The live preview's builds, each run in a build process of its own (`invoke livereload`).

A build process imports Pelican and the plugins once, then builds on request. It is replaced
by a fresh one whenever a Python file or the settings change, so an edited plugin or setting
is loaded afresh, never kept from an earlier import. Pelican's reader cache (`reader_cache`)
is named after the settings and the plugins' code, so it never serves what they made before.
"""

import contextlib
import importlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from coaching_kb.build import (
    BuildReport,
    build_site,
    edited_sources,
    load_settings,
    rebuild_pages,
)
from coaching_kb.errors import SiteError
from coaching_kb.keep_going import build_keeping_going
from coaching_kb.terminal import log_progress

RELOADED_SUFFIXES = (".py",)  # code and settings: a fresh process imports them again
PARENT_POLL_SECONDS = 1.0


def warm_up(settings_file: Path) -> None:
    """Import Pelican and every plugin the settings name, so the first build starts sooner;
    show progress as the preview's task does; end when the task that started us ends."""
    log_progress()
    parent = os.getppid()
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()
    for name in load_settings(settings_file).get("PLUGINS") or []:
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
        overrides: Mapping[str, Any] | None = None,
        *,
        keep_going: bool = False,
    ) -> None:
        self.settings_file, self.content, self.output = settings_file, content, output
        self.overrides = dict(overrides or {})  # an owner's settings (--settings)
        self.keep_going = keep_going
        self.skipped: dict[str, list[Any]] = {}  # what --keep-going left out of the last build
        self.process: ProcessPoolExecutor | None = None
        self.restarts = 0  # how many build processes were started, for tests and the bench

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
        if self.process is not None:
            self.process.shutdown(wait=True, cancel_futures=True)
            self.process = None

    def rebuild(self, changed: Sequence[str] = (), only_edits: bool = False) -> BuildReport:
        """Build the site again; after a change to code or settings, in a fresh process.

        When `only_edits` (no file came or went) and every change is to an article or page,
        only their pages are rewritten (`rebuild_pages`); otherwise the whole site is built.
        """
        if self.process is None or any(Path(p).suffix in RELOADED_SUFFIXES for p in changed):
            self.start()
        # A quick rebuild reads our settings only: an owner's, or skipping files, builds whole.
        is_quick = only_edits and not (self.overrides or self.keep_going)
        edited = edited_sources(self.content, changed) if is_quick else frozenset()
        if edited and (self.output / "index.html").is_file():
            quick = self._run(rebuild_pages, self.settings_file, self.content, self.output, edited)
            if quick is not None:
                return quick
        where = (self.settings_file, self.content, self.output, self.overrides)
        if self.keep_going:
            kept = self._run(build_keeping_going, *where)
            self.skipped = kept.skipped
            return kept.report
        return self._run(build_site, *where)

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
