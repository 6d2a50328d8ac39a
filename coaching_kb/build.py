"""Run one build safely: read, check, then write; replace the output only on success.

The build reads the content once through Pelican, runs `check`'s rules on what it read (so
`check` and `build` cannot disagree), and writes only if nothing is wrong. Pelican logs bad
content and still exits 0, so the build is also judged by the ERROR (and, when strict,
WARNING) records it logs. The site is written to a sibling folder and swapped in at the end,
so a failed build never leaves a half-written site where the good one was (`staging`).
"""

import gc
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from pelican import Pelican, signals
from pelican.settings import read_settings

from coaching_kb.check.checks import content_problems, logged_problems
from coaching_kb.check.problems import Problem, problem_from_crash
from coaching_kb.errors import SiteError
from coaching_kb.pelican_runs import (
    Logged,
    ReadSite,
    isolated_signals,
    planned_outputs,
    read_site,
    recorded,
    write_site,
)
from coaching_kb.reader_cache import reader_cache
from coaching_kb.search import link_or_copy, run_pagefind
from coaching_kb.staging import keep_only, set_aside, staging_folder, swap_in


@dataclass
class BuildReport:
    """What one build did: where it wrote, and the problems it found or logged."""

    output: Path
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    stages: dict[str, float] = field(default_factory=dict)  # seconds: read, check, write
    indexing: threading.Thread | None = None  # the live preview's search reindex, if started
    moved: bool = False  # the live preview found an edit that changed its page's address

    @property
    def errors(self) -> list[str]:
        return [p.located for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[str]:
        return [p.located for p in self.problems if p.is_warning]

    def failed(self, *, strict: bool = False) -> bool:
        """Return True when the build found errors (or warnings, when strict)."""
        return bool(self.errors or (strict and self.warnings))


def load_settings(
    settings_file: Path, content: Path | None = None, overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Return Pelican's settings from `settings_file`, with the content folder and overrides."""
    override: dict[str, Any] = dict(overrides or {})
    if content is not None:
        if not Path(content).is_dir():  # Pelican's own message is a traceback naming no folder
            raise SiteError(
                f"{content}: no such content folder. Fix: pass --content with the folder that "
                "holds your Markdown, e.g. --content content"
            )
        override["PATH"] = str(Path(content).resolve())
    template_cache = override.pop("TEMPLATE_CACHE_PATH", None)
    settings = read_settings(str(settings_file), override=override)
    if template_cache:  # compiled templates kept between rebuilds (checked against the source)
        Path(template_cache).mkdir(parents=True, exist_ok=True)
        settings["JINJA_ENVIRONMENT"] = {
            **settings["JINJA_ENVIRONMENT"],
            "bytecode_cache": FileSystemBytecodeCache(str(template_cache)),
        }
    return settings


def build_site(
    settings_file: Path,
    content: Path | None = None,
    output: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    *,
    strict: bool = False,
) -> BuildReport:
    """Build the site into `output`, replacing it only if the build succeeds."""
    settings = load_settings(settings_file, content, overrides)
    final = Path(output or settings["OUTPUT_PATH"]).resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    if not settings.get("CACHE_CONTENT"):  # the owner's (or the preview's) own cache wins
        settings.update(reader_cache(settings, final, Path(settings_file)))
    staging, recycled = staging_folder(final)
    settings["OUTPUT_PATH"] = str(staging)
    settings["DELETE_OUTPUT_DIRECTORY"] = False  # never delete outside the staging folder
    settings["PREVIOUS_OUTPUT_PATH"] = str(final)  # what plugins may reuse from the last build
    report = BuildReport(output=final)
    started = time.perf_counter()
    tidy = (lambda read: keep_only(staging, planned_outputs(read))) if recycled else None
    try:
        _read_check_write(settings, report, strict=strict, before_writing=tidy)
    except BaseException:
        set_aside(staging, final, recycled)
        raise
    finally:
        report.seconds = time.perf_counter() - started
    if report.failed(strict=strict) or not report.written:
        set_aside(staging, final, recycled)
        return report
    swap_in(staging, final)
    return report


CONTENT_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm")


def rebuild_while_writing(
    settings_file: Path,
    content: Path,
    output: Path,
    cache: Path | None = None,
    changed: Sequence[str] = (),
) -> BuildReport:
    """Rebuild quickly after an author's save, for the live preview.

    Pelican's content cache (in `.cache/` beside the settings) skips rereading unchanged
    files. When only articles or pages changed, just their pages are rewritten, in place;
    other pages catch up at the next full build. The search index is rebuilt in the
    background once the new pages are in place, so the page is served sooner.
    """
    cache = cache or settings_file.parent / ".cache" / "pelican"
    overrides = {
        "LIVE_PREVIEW": True,  # plugins may keep what they worked out in this process
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CONTENT_CACHING_LAYER": "reader",  # fresh objects: cached ones keep a stale context
        "GZIP_CACHE": False,  # compressing the cache took longer than the rest of a rebuild
        "CACHE_PATH": str(cache),
        "TEMPLATE_CACHE_PATH": str(cache / "templates"),
        "SEARCH_ENABLED": False,
    }
    sources = edited_sources(content, changed)
    report = None
    if sources and (output / "index.html").is_file():
        # Plugins may skip work for pages not written. An edit that keeps its page's address
        # changes no other address: the sitemap stays as the last full build wrote it.
        edited = sorted(str(path) for path in sources)
        in_place = overrides | {"PREVIEW_EDITS_ONLY": edited, "SITEMAP_ENABLED": False}
        report = build_in_place(settings_file, content, output, in_place, sources)
    if report is None or report.moved:  # a new address (a title edit renamed the slug): all
        bundle = output / "pagefind"
        kept = _keep_aside(bundle)
        report = build_site(settings_file, content, output, overrides)
        _put_back(kept, bundle if report.written else None)
    if report.written:
        report.indexing = threading.Thread(target=_index_quietly, args=(output,), daemon=True)
        report.indexing.start()
    return report


def edited_sources(content: Path, changed: Sequence[str]) -> set[Path]:
    """Return the changed files if all are existing articles or pages (not data files)."""
    root = content.resolve()
    paths = {Path(p).resolve() for p in changed}
    for path in paths:
        inside = path.is_relative_to(root) and path.is_file()
        data = inside and {"authors", "topics", "comments"} & set(path.relative_to(root).parts)
        if not inside or data or path.suffix.lower() not in CONTENT_SUFFIXES:
            return set()
    return paths


def build_in_place(
    settings_file: Path,
    content: Path,
    output: Path,
    overrides: Mapping[str, Any],
    sources: set[Path],
) -> BuildReport:
    """Read and check everything, then rewrite only the pages of `sources` in `output`."""
    settings = load_settings(settings_file, content, overrides)
    settings["OUTPUT_PATH"] = str(output.resolve())
    settings["DELETE_OUTPUT_DIRECTORY"] = False
    report = BuildReport(output=output.resolve())
    started = time.perf_counter()
    try:
        _read_check_write(settings, report, strict=False, sources=sources)
    finally:
        report.seconds = time.perf_counter() - started
    return report


def _keep_aside(folder: Path) -> Path | None:
    """Move a folder out of the way of the swap (it comes back with `_put_back`)."""
    if not folder.is_dir():
        return None
    aside = Path(tempfile.mkdtemp(prefix=".search-kept-", dir=folder.parent.parent)) / "bundle"
    shutil.copytree(folder, aside, copy_function=link_or_copy)
    return aside


def _put_back(kept: Path | None, destination: Path | None) -> None:
    if kept is None:
        return
    if destination is not None and not destination.exists():
        shutil.copytree(kept, destination, copy_function=link_or_copy)
    shutil.rmtree(kept.parent, ignore_errors=True)


def _index_quietly(output: Path) -> None:
    try:
        run_pagefind(output, "pagefind")
    except SiteError as error:
        logging.getLogger(__name__).warning("search index not refreshed: %s", error)


def _read_check_write(
    settings: dict[str, Any],
    report: BuildReport,
    *,
    strict: bool,
    sources: set[Path] | None = None,
    before_writing: Callable[[ReadSite], None] | None = None,
) -> None:
    """Read the content, check it, and write the site (or the pages of `sources` only)."""
    reading, writing = Logged(), Logged()
    with isolated_signals():
        try:
            with recorded(reading):
                with timed(report.stages, "read"):
                    # What was read lives till the site is written: the collector's full passes
                    # need not walk it (at 10,000 articles, a second and a half of the build).
                    # Frozen once the plugins are loaded (numpy and scipy are big), once the
                    # articles are read, before the plugins' work on them, once each generator
                    # has made its context (else the collector's next passes walk all that a
                    # generator made), and again once everything is read.
                    signals.article_generator_pretaxonomy.connect(_freeze_what_was_read)
                    pelican = Pelican(settings)
                    gc.freeze()
                    read = read_site(pelican, after_each=gc.freeze)
                gc.freeze()
                with timed(report.stages, "check"):
                    found = content_problems(read, sources)  # the preview checks its edits
            report.problems = sorted({*found, *logged_problems(reading, found)})
            if report.failed(strict=strict):
                return
            selected = pages_of(read, sources) if sources else None
            if selected is not None and not all(
                (Path(read.pelican.output_path) / page).is_file() for page in selected
            ):
                report.moved = True  # its old page would be left behind: a full build instead
                return
            with recorded(writing), timed(report.stages, "write"):
                if before_writing is not None:
                    before_writing(read)
                write_site(read, selected)
        except SiteError:
            raise
        except Exception as error:  # noqa: BLE001 - a crash is reported, never a traceback
            logged = [*logged_problems(reading), *logged_problems(writing)]
            report.problems = sorted({problem_from_crash(error), *logged})
            return
        finally:
            gc.unfreeze()  # a preview builds again in this process: its old cycles are freed
        report.problems += logged_problems(writing)
        report.written = True


def _freeze_what_was_read(_generator: Any) -> None:
    """Keep the articles just read out of the collector's full passes (see the caller)."""
    gc.freeze()


def pages_of(read: Any, sources: set[Path]) -> set[str]:
    """Return the output paths of the articles and pages read from `sources`."""
    wanted = {str(path) for path in sources}
    return {c.save_as for c in read.contents if os.path.realpath(c.source_path) in wanted}


@contextmanager
def timed(stages: dict[str, float], name: str) -> Iterator[None]:
    """Add the seconds the block takes to `stages[name]`."""
    started = time.perf_counter()
    try:
        yield
    finally:
        stages[name] = round(time.perf_counter() - started, 3)
