"""Find every problem in a content folder, each as `path:line: what is wrong. Fix: how`.

The folder is read by Pelican itself (`Pelican.run()` with a writer that writes nothing), with
the site's settings and our plugins, exactly as `build` reads it (`build` runs the same checks
on its own run). On top of what Pelican and the plugins log, each file gets its own checks,
and the outputs the run would write are compared, so two files (or a file and one of the
theme's pages) that would write to the same place are caught with the fix.
"""

import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.utils import file_suffix

from coaching_kb.content.paths import shown_path
from coaching_kb.run import Output, Run, plan_pelican

from .catalogs import missing_catalogs
from .dates import timezone_problems
from .endpoints import endpoint_problems
from .foreign import (
    is_plugin_loading,
    is_unprocessed,
    missing_direct_templates,
    missing_markdown_extensions,
    missing_plugins,
    missing_typogrify,
)
from .images import published_files
from .locales import locale_problems
from .private_data import private_data_problems
from .problems import DRAFT, ERROR, WARNING, Problem, problem_from, problem_from_crash
from .settings_errors import reading_error, settings_problems
from .skipped import is_skipped, skipped_sources
from .sources import SourceFile, file_problems, key_line, line_mentioning, names_a_file
from .unresolved import unresolved_in_plan, unresolved_in_site

# Where Pelican resolves `{filename}` links (a function's name, not a message's wording).
LINK_RESOLVER = "_link_replacer"
# What plugins would write at the end of a run that `check` does not need: the search index.
NOT_FOR_CHECKING = {"SEARCH_ENABLED": False}


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
    run = plan_pelican({**settings, **NOT_FOR_CHECKING})
    return Inspection(run_problems(run), [] if run.crash else topic_hints(run))


def run_problems(run: Run, only: set[Path] | None = None) -> list[Problem]:
    """Return, sorted, the problems of a run: the checks' own, what was logged, any crash."""
    plugins = missing_plugins(run.records, run.settings)
    unread = any(is_unprocessed(r) for r in run.records)
    machine = [*locale_problems(run.settings, unread), *timezone_problems(run.settings)]
    if any(p.is_error for p in machine):  # Pelican read no post: its records say no more
        return sorted({*machine, *plugins})
    plugins += machine
    # Settings no file can be read with: named once, at their line, not by each file.
    unreadable = missing_typogrify(run.settings) + missing_markdown_extensions(run.settings)
    records = [
        r for r in run.records if not (is_plugin_loading(r) or (unreadable and is_unprocessed(r)))
    ]
    plugins += unreadable + missing_direct_templates(run.settings)
    plugins += [p for r in records if (p := link_warning(r, run.settings))]
    records = [r for r in records if r.msg not in ABOUT_A_LINK]
    settings_found, records = settings_behind_unprocessed(records, run.settings)
    plugins += settings_found
    if run.crash is not None or not run.generators:
        crash = crash_problems(run.crash, run.settings) if run.crash else []
        if settings_found or any(p.line for p in crash):  # a setting stopped every file
            records = [r for r in records if not is_unprocessed(r)]
        return sorted({*crash, *plugins, *logged_problems(records)})
    found = content_problems(run, only)
    explained = explained_names(run, found) | linked_files(records, Path(run.settings["PATH"]))
    return sorted(drafts_noted({*found, *plugins, *logged_problems(records, explained)}, run))


def crash_problems(crash: Exception, settings: Mapping[str, Any]) -> list[Problem]:
    """Return what stopped the run: at the setting it failed on, else as a bug to report."""
    return settings_problems(crash, settings) or [problem_from_crash(crash)]


def settings_behind_unprocessed(
    records: list[logging.LogRecord], settings: Mapping[str, Any]
) -> tuple[list[Problem], list[logging.LogRecord]]:
    """Return the settings problems behind Pelican's bare "Could not process" records (read
    again to find why), and the records they do not explain."""
    found: list[Problem] = []
    left = []
    for record in records:
        args = record.args if isinstance(record.args, tuple) else ()
        error = reading_error(settings, str(args[0])) if is_unprocessed(record) and args else None
        problems = settings_problems(error, settings) if error else []
        found += problems
        if not problems:
            left.append(record)
    return found, left


def drafts_noted(problems: Iterable[Problem], run: Run) -> list[Problem]:
    """Return the problems with each warning about a draft made a draft note.

    `invoke new` writes drafts full of template text and `git add content` commits them; the
    deploy is strict, so a warning about a draft would stop every deploy until it is finished.
    """
    drafts = {
        shown_path(run.settings, content.source_path)
        for content in run.contents
        if getattr(content, "status", "") == "draft"
    }
    return [
        replace(p, severity=DRAFT) if p.is_warning and p.path in drafts else p for p in problems
    ]


def content_problems(run: Run, only: set[Path] | None = None) -> list[Problem]:
    """Return the problems of every source file (or those in `only`) and of their outputs."""
    sources = source_files(run)
    if only is not None:  # the live preview: its edits only; the next full build checks all
        wanted = {str(path) for path in only}
        sources = (s for s in sources if os.path.realpath(s[0].path) in wanted)
        return [p for source in sources for p in file_problems(*source)]
    problems = [p for source in sources for p in file_problems(*source)]
    problems += output_problems(run, run.outputs)
    problems += unresolved_problems(run)
    problems += private_data_problems(run.settings)  # comment files are no articles: read apart
    problems += endpoint_problems(run.settings)
    problems += missing_catalogs(run.settings, run.contents)
    return problems


def unresolved_problems(run: Run) -> list[Problem]:
    """Return the links Pelican left as written though their files exist: in each page the
    build wrote, or (for `check`, which writes none) in each article's and page's own text."""
    return unresolved_in_plan(run) if run.is_planning else unresolved_in_site(run)


def explained_names(run: Run, found: Iterable[Problem]) -> set[str]:
    """Return the names (files, as Pelican gives them, and link targets) the checks' problems
    are about: Pelican's own record naming one of them says the same, without line or fix."""
    shown = {p.path for p in found}
    names = {p.subject for p in found if p.subject}
    names |= skipped_sources(run.settings)  # left out by --keep-going: Pelican may still say so
    # A missing `{static}/x.png` is named by Pelican as the file it could not find.
    names |= {os.path.join(run.settings["PATH"], name.lstrip("/")) for name in set(names)}
    for source, _reader, settings in source_files(run) if shown else ():
        if source.shown in shown:
            names.add(str(source.path))
            names.add(Path(source.path).relative_to(settings["PATH"]).as_posix())
    return names


def linked_files(records: Iterable[logging.LogRecord], content_root: Path) -> set[str]:
    """Return the link targets Pelican could not resolve when asked that name a file the
    checks found: a plugin read a summary before the target's page was known (a topic's hub,
    say); the page written later links it, and a target naming no file is the checks' error."""
    return {
        target
        for record in records
        if is_pelicans(record) and record.funcName == LINK_RESOLVER
        for target in arguments_of(record)
        if names_a_file(target, content_root, content_root)
    }


def logged_problems(
    records: Iterable[logging.LogRecord], explained: set[str] = frozenset()
) -> list[Problem]:
    """Return what Pelican and the plugins logged, as problems.

    Pelican's own record is left out when one of its arguments names something the checks
    already explain (`explained_names`): the checks say the same with the line and the fix.
    """
    problems = []
    for record in records:
        if is_pelicans(record) and explained & set(arguments_of(record)):
            continue
        severity = ERROR if record.levelno >= logging.ERROR else WARNING
        problem = problem_from(record.getMessage().split("\n", 1)[0], severity)
        if problem.path or problem.is_error or not is_pelicans(record):
            problems.append(problem)  # Pelican's warnings naming no file (its summaries) are noise
    return problems


def arguments_of(record: logging.LogRecord) -> Iterator[str]:
    """Yield a record's arguments as text (a content object as its source path)."""
    args = record.args if isinstance(record.args, tuple) else (record.args,)
    for arg in args:
        text = str(getattr(arg, "source_path", arg))
        yield from (text, os.path.normpath(text))  # Pelican names a file './x.md' at times


def source_files(run: Run) -> Iterator[tuple[SourceFile, Any, Mapping[str, Any]]]:
    """Yield each article and page file Pelican considers, its reader and the settings."""
    settings = run.settings
    generated = run.context["generated_content"]
    published = published_files(
        settings, run.context.get("staticfiles", []), (o.save_as for o in run.outputs)
    )
    for generator in run.generators:
        if isinstance(generator, ArticlesGenerator):
            paths, exclude = settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"]
        elif isinstance(generator, PagesGenerator):
            paths, exclude = settings["PAGE_PATHS"], settings["PAGE_EXCLUDES"]
        else:
            continue
        is_page = isinstance(generator, PagesGenerator)
        for relative in sorted(generator.get_files(paths, exclude=exclude)):
            reader = generator.readers.readers.get(file_suffix(relative))
            if reader is None or is_skipped(settings, Path(relative).as_posix()):
                continue
            path = Path(settings["PATH"]) / relative
            content = generated.get(Path(relative).as_posix())
            shown = shown_path(settings, path)
            yield SourceFile(path, shown, is_page, content, published), reader, settings


def output_problems(run: Run, outputs: list[Output]) -> Iterator[Problem]:
    """Yield a problem for each content file whose output another file or page also writes."""
    settings = run.settings
    by_path: dict[str, list[Output]] = {}
    for output in outputs:
        if not output.save_as:
            continue  # not written at all (a draft, with DRAFT_SAVE_AS = "")
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


def topic_hints(run: Run) -> list[str]:
    """Return a hint for each untagged article naming the topics its text suggests."""
    settings = run.settings
    topics = run.context.get("topics", {})
    hints = []
    for article in run.articles:
        slugs = getattr(article, "suggested_topics", [])
        names = ", ".join(topics[slug].name for slug in slugs if slug in topics)
        if getattr(article, "tags", None) or not names:
            continue
        hints.append(
            f"{shown_path(settings, article.source_path)}:1: hint: no Tags yet; its text "
            f"suggests {names}. Add 'Tags: {names}' if they fit"
        )
    return sorted(hints)


# Pelican's own warnings about a link that name its file inside the message (so they would
# pass for one of its summaries): the argument naming the file, the one naming the target.
ABOUT_A_LINK = {
    "{filename} used for linking to static content %s in %s. Use {static} instead": (1, 0),
    "The {attach} link in %s cannot relocate %s because %s. Falling back to {filename} link "
    "behavior instead.": (0, 1),
}


def link_warning(record: logging.LogRecord, settings: Mapping[str, Any]) -> Problem | None:
    """Return Pelican's warning about a link in a content file, located at its line, with
    the fix; None for any other record."""
    where = ABOUT_A_LINK.get(record.msg) if is_pelicans(record) else None
    args = record.args if isinstance(record.args, tuple) else ()
    if where is None or len(args) <= max(where):
        return None
    path = Path(settings["PATH"]) / str(args[where[0]])
    target = str(args[where[1]])
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    if where == (1, 0):
        name = target.lstrip("/")
        line = line_mentioning(lines, name)
        message = (
            f"{{filename}} links to '{name}', a file, not an article or page (Pelican warns). "
            f"Fix: write {{static}}{target} instead"
        )
    else:
        line = line_mentioning(lines, Path(target).name)
        message = (
            f"{{attach}} cannot move '{target}' beside this page: {args[2]}, so it keeps its "
            "own address (Pelican warns). Fix: link it with {attach} from one page only and "
            "{static} from the others, or remove its EXTRA_PATH_METADATA entry"
        )
    return Problem(shown_path(settings, path), line, message, WARNING)


def is_pelicans(record: logging.LogRecord) -> bool:
    """Return whether Pelican itself (not one of the plugins in its namespace) logged `record`."""
    return record.name.startswith("pelican") and not record.name.startswith("pelican.plugins.")
