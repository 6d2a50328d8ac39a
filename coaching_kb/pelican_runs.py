"""Run Pelican's stages in this process, one at a time: read, plan the outputs, write.

`check` stops after reading and planning; `build` goes on to write. Both therefore see a
content folder exactly as Pelican does (its readers, the site's settings, our plugins), and
`check` fine means the build will not trip over the same thing.
"""

import io
import locale
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.log import LimitFilter
from pelican.plugins import signals
from pelican.writers import FileOverwriteFailedError, Writer


@dataclass
class Logged:
    """The warning and error records a stage logged."""

    records: list[logging.LogRecord] = field(default_factory=list)


class _Collector(logging.Handler):
    def __init__(self, logged: Logged) -> None:
        super().__init__(level=logging.WARNING)
        self.logged = logged

    def emit(self, record: logging.LogRecord) -> None:
        self.logged.records.append(record)


@contextmanager
def recorded(logged: Logged) -> Iterator[Logged]:
    """Collect the warnings and errors logged inside the block into `logged`."""
    collector = _Collector(logged)
    root = logging.getLogger()
    root.addHandler(collector)
    LimitFilter._raised_messages.clear()  # else a warning seen in an earlier run is silent
    LimitFilter._group_count.clear()
    try:
        yield logged
    finally:
        root.removeHandler(collector)


@contextmanager
def isolated_signals() -> Iterator[None]:
    """Disconnect, on exit, every signal receiver connected inside the block.

    Pelican's signals are process-wide: without this, plugins registered for one build
    would run again in the next build of the same process (tests, livereload).
    """
    every_signal = [s for s in vars(signals).values() if hasattr(s, "receivers")]
    before = {id(s): set(s.receivers) for s in every_signal}
    try:
        yield
    finally:
        for sig in every_signal:
            for key in set(sig.receivers) - before[id(sig)]:
                sig.receivers.pop(key, None)


@dataclass
class ReadSite:
    """What Pelican made of a content folder before writing anything."""

    pelican: Pelican
    generators: list[Any]
    planned: "list[Output] | None" = None  # what writing will write, once planned

    def _generator(self, kind: type) -> Any:
        return next(g for g in self.generators if isinstance(g, kind))

    @property
    def articles(self) -> list[Any]:
        return list(self._generator(ArticlesGenerator).articles)

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
        if not isinstance(generator, (ArticlesGenerator, PagesGenerator)):
            continue
        for name in CONTENT_LISTS:
            yield from getattr(generator, name, None) or ()


def read_site(pelican: Pelican, after_each: Callable[[], None] | None = None) -> ReadSite:
    """Run Pelican.run() up to, not including, writing: read every file, finish the context.

    `after_each` is called once each generator has made its context.
    """
    context = pelican.settings.copy()
    context.update(generated_content={}, static_links=set(), static_content={})
    context["localsiteurl"] = pelican.settings["SITEURL"]
    generators = [
        cls(
            context=context,
            settings=pelican.settings,
            path=pelican.path,
            theme=pelican.theme,
            output_path=pelican.output_path,
        )
        for cls in pelican._get_generator_classes()
    ]
    for generator in generators:
        if hasattr(generator, "generate_context"):
            generator.generate_context()
        if hasattr(generator, "check_disabled_readers"):
            generator.check_disabled_readers()
        if after_each is not None:
            after_each()
    signals.all_generators_finalized.send(generators)
    for generator in generators:
        if hasattr(generator, "refresh_metadata_intersite_links"):
            generator.refresh_metadata_intersite_links()
    return ReadSite(pelican, generators)


class _UnchangedKept(io.StringIO):
    """A file being written, stored on close unless the file already holds that text."""

    def __init__(self, path: str, encoding: str) -> None:
        super().__init__()
        self.target, self.target_encoding = path, encoding

    def close(self) -> None:
        if not self.closed:
            text = self.getvalue()
            data = (text if os.linesep == "\n" else text.replace("\n", os.linesep)).encode(
                self.target_encoding
            )
            if not _holds(self.target, data):
                with open(self.target, "wb") as stored:
                    stored.write(data)
        super().close()


def _holds(path: str, data: bytes) -> bool:
    try:
        with open(path, "rb") as existing:
            return existing.read(len(data) + 1) == data
    except OSError:
        return False


class KeepingWriter(Writer):
    """Pelican's Writer, leaving a file that would be written with the text it already holds.

    A full build writes into the site before last, where most pages are already what they
    will be: reading a file costs the disk a fraction of rewriting it.
    """

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        # Pelican's own guard against writing one file twice, as Writer._open_w has it.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it '
                "previously (set `override=True` if intended)"
            )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _UnchangedKept(filename, encoding or locale.getpreferredencoding(False))


class _SelectiveWriter(KeepingWriter):
    """A Writer that writes only the outputs it was given, and no feeds.

    Pelican 4.12 removed its WRITE_SELECTED setting; the live preview needs the same.
    """

    def __init__(self, output_path: str, settings: dict[str, Any], selected: set[str]) -> None:
        super().__init__(output_path, settings=settings)
        self.selected = {os.path.normpath(name) for name in selected}

    def write_file(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if os.path.normpath(name) in self.selected:
            return super().write_file(name, *args, **kwargs)
        return None

    def write_feed(self, *args: Any, **kwargs: Any) -> None:
        return None


def write_site(read: ReadSite, selected: set[str] | None = None) -> None:
    """Finish Pelican.run(): write every generator's output (or only `selected`), `finalized`."""
    if selected is None:
        writer = read.pelican._get_writer()
        if type(writer) is Writer:  # no plugin brought a writer of its own
            writer = KeepingWriter(read.pelican.output_path, read.pelican.settings)
    else:
        writer = _SelectiveWriter(read.pelican.output_path, read.pelican.settings, selected)
    for generator in read.generators:
        if hasattr(generator, "generate_output"):
            generator.generate_output(writer)
    signals.finalized.send(read.pelican)


@dataclass(frozen=True, slots=True)
class Output:
    """A file the build will write, and the content object it comes from (if any)."""

    save_as: str
    source: Any = None
    template: str = ""


class _PlanningWriter(Writer):
    """A Writer that notes what would be written, and renders and writes nothing."""

    def __init__(self, output_path: str, settings: dict[str, Any]) -> None:
        super().__init__(output_path, settings=settings)
        self.planned: list[Output] = []

    def write_file(self, name: str, template: Any, context: Any, *args: Any, **kwargs: Any) -> None:
        source = kwargs.get("article") or kwargs.get("page")
        self.planned.append(Output(name, source, getattr(template, "name", "")))

    def write_feed(
        self, elements: Any, context: Any, path: str | None = None, *args: Any, **kwargs: Any
    ) -> None:
        if path:
            self.planned.append(Output(path))


def planned_outputs(read: ReadSite) -> list[Output]:
    """Return every file the writing stage would write, in the order it would write them.

    Runs each generator's writing stage with a writer that writes nothing; static files
    are listed from the context rather than copied. Planned once per read: `check` and the
    build's staging folder ask the same question.
    """
    if read.planned is None:
        read.planned = _plan(read)
    return read.planned


def _plan(read: ReadSite) -> list[Output]:
    scratch = tempfile.mkdtemp(prefix="coaching-kb-plan-")
    writer = _PlanningWriter(scratch, read.pelican.settings)
    logging.disable(logging.INFO)  # generators' progress lines belong to the real writing
    try:
        for generator in read.generators:
            if isinstance(generator, StaticGenerator):
                static = generator.context.get("staticfiles", [])
                writer.planned += [Output(item.save_as, item) for item in static]
            elif hasattr(generator, "generate_output"):
                generator.generate_output(writer)
    finally:
        logging.disable(logging.NOTSET)
        shutil.rmtree(scratch, ignore_errors=True)
    return writer.planned


def settings_with_scratch_output(settings: dict[str, Any]) -> tuple[dict[str, Any], Path]:
    """Return `settings` writing into a new scratch folder, and that folder."""
    scratch = Path(tempfile.mkdtemp(prefix="coaching-kb-read-"))
    return {**settings, "OUTPUT_PATH": str(scratch), "DELETE_OUTPUT_DIRECTORY": False}, scratch
