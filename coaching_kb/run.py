"""One run of Pelican's own `Pelican.run()`, and what it made: its generators, the files it
wrote (or, for `check`, would have written) and the warnings and errors it logged.

Everything goes through Pelican's public hooks: `all_generators_finalized` hands over the
generators, `get_writer` brings a Writer that notes each file, and a logging handler on the
root logger keeps the records. `build` and `check` both call `run_pelican`, so they see a
content folder exactly as Pelican does (its readers, the site's settings, our plugins).
"""

import contextlib
import io
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import blinker
from pelican import Pelican
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.log import init as init_pelican_logging
from pelican.plugins import signals
from pelican.writers import Writer

from coaching_kb.content.body import resolved_body
from coaching_kb.errors import SiteError


@dataclass(frozen=True, slots=True)
class Output:
    """A file the run wrote (or would write), and the content object it comes from (if any)."""

    save_as: str
    source: Any = None
    template: str = ""


@dataclass
class Run:
    """What one Pelican run made of a content folder."""

    settings: dict[str, Any]
    generators: list[Any] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    records: list[logging.LogRecord] = field(default_factory=list)
    crash: Exception | None = None  # what stopped the run, if anything did
    is_planning: bool = False  # nothing written (`check`): no page to look at

    def _generator(self, kind: type) -> Any:
        return next(g for g in self.generators if isinstance(g, kind))

    @property
    def articles(self) -> list[Any]:
        """The published articles (none if the run stopped before reading was done)."""
        return list(self._generator(ArticlesGenerator).articles) if self.generators else []

    @property
    def contents(self) -> list[Any]:
        """Every article and page Pelican read, whatever its status or language."""
        return list(contents_of(self.generators))

    @property
    def context(self) -> dict[str, Any]:
        return self._generator(ArticlesGenerator).context


# Every list of content an articles or pages generator keeps, whatever its status or language.
CONTENT_LISTS = (
    "articles", "translations", "drafts", "drafts_translations", "hidden_articles",
    "hidden_translations", "pages", "hidden_pages", "draft_pages", "draft_translations",
)  # fmt: skip


def contents_of(generators: Iterable[Any]) -> Iterator[Any]:
    """Yield each article and page the generators hold (none for other generators)."""
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator | PagesGenerator):
            continue
        for name in CONTENT_LISTS:
            yield from getattr(generator, name, None) or ()


class NotingWriter(Writer):
    """Pelican's Writer, noting each file in `run.outputs` (a subclass per run sets `run`).

    A second file written where a file was already written, one of them for an article or a
    page, is noted and not written: Pelican would stop the build there; `check` reports it
    with the fix instead.
    With `is_planning`, nothing is rendered or written at all (what `check` needs).
    """

    run: Run
    is_planning = False

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        self.names: set[str] = set()  # every file written so far
        self.from_content: set[str] = set()  # those written for an article or a page

    def write_file(self, name: str, template: Any, context: Any, *args: Any, **kwargs: Any) -> Any:
        source = kwargs.get("article") or kwargs.get("page")
        # Either writer may be the content file (a theme's page or a plugin's can come second).
        taken = name in self.names and (source is not None or name in self.from_content)
        self.names.add(name)
        if source is not None:
            self.from_content.add(name)
        self.run.outputs.append(Output(name, source, getattr(template, "name", "")))
        if self.is_planning and source is not None:
            # What rendering the page does to the site: a file linked with {attach} moves.
            resolved_body(source, self.settings)
        if self.is_planning or taken:
            return None
        return super().write_file(name, template, context, *args, **kwargs)

    def write_feed(self, elements: Any, context: Any, path: str | None = None, *args: Any,
                   **kwargs: Any) -> Any:  # fmt: skip
        if path:
            self.run.outputs.append(Output(path))
        if self.is_planning:
            return None
        return super().write_feed(elements, context, path, *args, **kwargs)


class _Keeper(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(level=logging.WARNING)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def recorded(records: list[logging.LogRecord]) -> Iterator[None]:
    """Keep every warning and error logged inside the block in `records`."""
    # Pelican drops a warning it has seen before in this process. Its public switch
    # (`--logs-dedup-min-level`) limits that to records at or below DEBUG, so a second build
    # in one process (tests, the live preview) still sees every warning of its own.
    init_pelican_logging(handler=None, logs_dedup_min_level=logging.DEBUG)
    keeper = _Keeper(records)
    root = logging.getLogger()
    root.addHandler(keeper)
    try:
        yield
    finally:
        root.removeHandler(keeper)


def every_signal() -> list[blinker.Signal]:
    """Return every signal Pelican sends."""
    return [value for value in vars(signals).values() if isinstance(value, blinker.Signal)]


@contextmanager
def isolated_signals() -> Iterator[None]:
    """Disconnect, on exit, every signal receiver connected inside the block.

    Pelican's signals are process-wide: without this, plugins registered for one build
    would run again in the next build of the same process (tests, `check` after `build`).
    """
    anyone = object()  # plugins connect for any sender: these are the receivers a send reaches
    before = {id(s): set(s.receivers_for(anyone)) for s in every_signal()}
    try:
        yield
    finally:
        for signal in every_signal():
            for receiver in set(signal.receivers_for(anyone)) - before[id(signal)]:
                signal.disconnect(receiver)


def run_pelican(
    settings: Mapping[str, Any],
    *,
    is_planning: bool = False,
) -> Run:
    """Run `Pelican(settings).run()`; return what it made, and what stopped it, if anything.

    A SiteError (a plugin's settings check, say) is raised: the owner must fix it first.
    """
    run = Run(dict(settings), is_planning=is_planning)
    writer = type("RunWriter", (NotingWriter,), {"run": run, "is_planning": is_planning})

    def keep_generators(generators: list[Any]) -> None:
        run.generators = list(generators)

    def bring_writer(_pelican: Any) -> type:
        return writer

    with recorded(run.records), isolated_signals():
        signals.all_generators_finalized.connect(keep_generators, weak=False)
        signals.all_generators_finalized.connect(home_from_content, weak=False)
        signals.get_writer.connect(bring_writer, weak=False)
        try:
            Pelican(run.settings).run()
        except SiteError:
            raise
        except Exception as error:  # noqa: BLE001 - a crash is reported, never a traceback
            run.crash = error
    return run


def home_from_content(generators: list[Any]) -> None:
    """Leave our home page unwritten when the site's DIRECT_TEMPLATES leaves out `index` and
    a page or article is saved as index.html: Pelican makes that page the home. With none,
    ours stays, as the theme links it from every page."""
    settings = generators[0].settings  # one dict, shared by every generator
    if not settings.get("HOME_FROM_CONTENT"):
        return
    home = os.path.normpath(settings.get("INDEX_SAVE_AS") or "index.html")
    if any(os.path.normpath(c.save_as or ".") == home for c in contents_of(generators)):
        settings["INDEX_SAVE_AS"] = ""


def plan_pelican(settings: Mapping[str, Any]) -> Run:
    """Run Pelican as `run_pelican` does, writing nothing: a scratch folder takes what plugins
    write at the end, and is removed.

    Pelican ends a run by printing "Done: Processed N articles ..." to standard output (with
    `print`, not a log record); a plan processed nothing for anyone, so that line is dropped.
    """
    scratch = Path(tempfile.mkdtemp(prefix="coaching-kb-plan-"))
    planned = {**settings, "OUTPUT_PATH": str(scratch), "DELETE_OUTPUT_DIRECTORY": False}
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return run_pelican(planned, is_planning=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def source_of(content: Any) -> str:
    """Return the real path of the file a content object was read from."""
    return os.path.realpath(content.source_path)
