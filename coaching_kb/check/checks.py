"""Find every problem in a content folder, each as `path:line: what is wrong. Fix: how`.

The folder is read by Pelican itself, with the site's settings and our plugins, exactly as
`build` reads it (`build` runs the same checks on its own read before writing). On top of
what Pelican and the plugins log, each file gets its own checks, and the outputs the build
would write are planned, so two files (or a file and one of the theme's pages) that would
write to the same place are caught here, not by a crash halfway through writing.
"""

import logging
import os
import re
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.utils import file_suffix

from coaching_kb.content.paths import shown_path
from coaching_kb.errors import SiteError
from coaching_kb.pelican_runs import (
    Logged,
    Output,
    ReadSite,
    isolated_signals,
    planned_outputs,
    read_site,
    recorded,
    settings_with_scratch_output,
)

from .foreign import NOT_A_PAGE
from .problems import ERROR, WARNING, Problem, problem_from, problem_from_crash
from .sources import SourceFile, file_problems, key_line

# Pelican's own messages about a file that our per-file checks explain better, with the line.
SUPERSEDED = re.compile(
    r"^(Could not process |Skipping .*: could not find information about|Unknown status "
    r"|Empty alt attribute |There are \d+ (items|original)|Unable to find '.*', skipping url"
    r"|Unable to generate valid slug|Cannot get modification stamp for )"
)


@dataclass
class Inspection:
    """What `check` found: problems to fix and hints to consider."""

    problems: list[Problem] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def check_folder(settings: Mapping[str, Any]) -> list[Problem]:
    """Return every problem in the content folder named by settings['PATH'], sorted."""
    return inspect_folder(settings).problems


def inspect_folder(settings: Mapping[str, Any]) -> Inspection:
    """Read the content folder as the build does; return its problems and topic hints."""
    scratch_settings, scratch = settings_with_scratch_output(dict(settings))
    logged = Logged()
    try:
        with recorded(logged), isolated_signals():
            read = read_site(Pelican(scratch_settings))
            found = content_problems(read)
    except SiteError:
        raise
    except Exception as error:  # noqa: BLE001 - a crash is reported, never a traceback
        return Inspection(sorted({problem_from_crash(error), *logged_problems(logged)}))
    else:
        problems = sorted({*found, *logged_problems(logged, found)})
        return Inspection(problems, topic_hints(read))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def content_problems(read: ReadSite, only: set[Path] | None = None) -> list[Problem]:
    """Return the problems of every source file (or those in `only`) and of their outputs."""
    sources = source_files(read)
    if only is not None:  # the live preview: its edits only; the next full build plans all
        wanted = {str(path) for path in only}
        sources = (s for s in sources if os.path.realpath(s[0].path) in wanted)
        return [p for source in sources for p in file_problems(*source)]
    problems = [p for source in sources for p in file_problems(*source)]
    problems += output_problems(read, planned_outputs(read))
    return problems


def logged_problems(logged: Logged, explained: list[Problem] = ()) -> list[Problem]:
    """Return what Pelican and the plugins logged, as problems.

    Pelican's own records about a file whose errors `explained` already lists are dropped:
    the file's problems say the same with the line and the fix.
    """
    # A template kept in content/ is only a warning, and Pelican's own error about it says less.
    broken = {p.path for p in explained if p.is_error or p.message.startswith(NOT_A_PAGE)}
    problems = []
    for record in logged.records:
        message = record.getMessage()
        if SUPERSEDED.match(message):
            continue
        if is_pelicans(record) and any(path in message for path in broken):
            continue
        severity = ERROR if record.levelname in ("ERROR", "CRITICAL") else WARNING
        problems.append(problem_from(message.split("\n", 1)[0], severity))
    return problems


def source_files(read: ReadSite) -> Iterator[tuple[SourceFile, Any, Mapping[str, Any]]]:
    """Yield each article and page file Pelican considers, its reader and the settings."""
    settings = read.pelican.settings
    generated = read.context["generated_content"]
    for generator in read.generators:
        if isinstance(generator, ArticlesGenerator):
            paths, exclude = settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"]
        elif isinstance(generator, PagesGenerator):
            paths, exclude = settings["PAGE_PATHS"], settings["PAGE_EXCLUDES"]
        else:
            continue
        is_page = isinstance(generator, PagesGenerator)
        for relative in sorted(generator.get_files(paths, exclude=exclude)):
            reader = generator.readers.readers.get(file_suffix(relative))
            if reader is None:
                continue
            path = Path(settings["PATH"]) / relative
            content = generated.get(Path(relative).as_posix())
            shown = shown_path(settings, path)
            yield SourceFile(path, shown, is_page, content), reader, settings


def output_problems(read: ReadSite, outputs: list[Output]) -> Iterator[Problem]:
    """Yield a problem for each content file whose output another file or page also writes."""
    settings = read.pelican.settings
    by_path: dict[str, list[Output]] = {}
    for output in outputs:
        by_path.setdefault(os.path.normpath(output.save_as), []).append(output)
    for save_as, writers in by_path.items():
        from_content = sorted(
            (w for w in writers if is_content(w.source)), key=lambda w: w.source.source_path
        )
        if len(writers) < 2 or not from_content:
            continue
        ours = [w for w in writers if not is_content(w.source)]
        first = ours[0] if ours else from_content[0]  # the theme's own page keeps its place
        for output in from_content:
            if output is first:
                continue
            path = Path(output.source.source_path)
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            line = next((key_line(lines, k) for k in ("save_as", "slug") if has_key(lines, k)), 1)
            yield Problem(
                shown_path(settings, path), line, f"its output '{save_as}' is already used by "
                f"{describe(first, settings)}. Fix: give one of them another title or a "
                "'Slug:' line (or remove its 'Save_as:')",
            )  # fmt: skip


def is_content(source: Any) -> bool:
    return source is not None and hasattr(source, "source_path")


def has_key(lines: list[str], key: str) -> bool:
    return key_line(lines, key) != 1 or bool(lines and key in lines[0].lower())


def describe(output: Output, settings: Mapping[str, Any]) -> str:
    """Return how the author knows the writer of an output: a file, or one of our pages."""
    if is_content(output.source):
        return shown_path(settings, output.source.source_path)
    return f"the site's own '{output.template or output.save_as}' page"


def topic_hints(read: ReadSite) -> list[str]:
    """Return a hint for each untagged article naming the topics its text suggests."""
    settings = read.pelican.settings
    topics = read.context.get("topics", {})
    hints = []
    for article in read.articles:
        slugs = getattr(article, "suggested_topics", [])
        names = ", ".join(topics[slug].name for slug in slugs if slug in topics)
        if getattr(article, "tags", None) or not names:
            continue
        hints.append(
            f"{shown_path(settings, article.source_path)}:1: hint: no Tags yet; its text "
            f"suggests {names}. Add 'Tags: {names}' if they fit"
        )
    return sorted(hints)


def is_pelicans(record: logging.LogRecord) -> bool:
    """Return whether Pelican itself (not one of the plugins in its namespace) logged `record`."""
    return record.name.startswith("pelican") and not record.name.startswith("pelican.plugins.")
