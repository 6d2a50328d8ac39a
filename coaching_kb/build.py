"""Run one build safely: Pelican's own `Pelican.run()` into a staging folder, checked, then
swapped in.

The build runs Pelican once (`coaching_kb.run`), then runs `check`'s rules on what it read
and wrote (so `check` and `build` cannot disagree). Pelican logs bad content and still exits
0, so the build is also judged by the ERROR (and, when strict, WARNING) records it logs. The
site is written to a sibling folder and swapped in only on success, so a failed build never
leaves a half-written site where the good one was (`staging`).
"""

import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.settings import read_settings

from coaching_kb.check.checks import run_problems
from coaching_kb.check.foreign import setting_line
from coaching_kb.check.problems import Problem
from coaching_kb.errors import SettingsError, SiteError, where
from coaching_kb.project import ROOT
from coaching_kb.reader_cache import reader_cache
from coaching_kb.run import Run, run_pelican
from coaching_kb.staging import discard, remove_retired, staging_folder, swap_in


@dataclass
class BuildReport:
    """What one build did: where it wrote, and the problems it found or logged."""

    output: Path
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    stages: dict[str, float] = field(default_factory=dict)  # seconds: pelican, check

    @property
    def errors(self) -> list[str]:
        return [p.located for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[str]:
        return [p.located for p in self.problems if p.is_warning]

    def failed(self, *, strict: bool = False) -> bool:
        """Return True when the build found errors (or warnings, when strict)."""
        return any(p.fails(strict=strict) for p in self.problems)


NO_CACHE = {"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}


def load_settings(
    settings_file: Path, content: Path | None = None, overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Return Pelican's settings from `settings_file`, with the content folder and overrides."""
    override: dict[str, Any] = dict(overrides or {})
    # The file a message about a setting names (an owner's own, with --settings, sets it).
    override.setdefault("SETTINGS_FILE", str(Path(settings_file).resolve()))
    if content is not None:
        if not Path(content).is_dir():  # Pelican's own message is a traceback naming no folder
            raise SiteError(
                f"{content}: no such content folder. Fix: pass --content with the folder that "
                "holds your Markdown, e.g. --content content"
            )
        override["PATH"] = str(Path(content).resolve())
    try:
        return read_settings(str(settings_file), override=override)
    except SiteError:
        raise
    except Exception as error:  # noqa: BLE001 - an error in the settings' Python is the owner's
        raise unreadable_settings(Path(settings_file), error) from None


def unreadable_settings(settings_file: Path, error: Exception) -> SettingsError:
    """Return the error naming the settings file (or a file beside it that it imports) at
    the line Python stopped on, with the fix; Pelican's own is a traceback."""
    path, line, what = str(settings_file), 0, f"{type(error).__name__}: {error}"
    if isinstance(error, SyntaxError) and error.filename:
        path, line, what = error.filename, error.lineno or 0, str(error.msg)
    else:
        folder = settings_file.resolve().parent
        ours = [f for f in traceback.extract_tb(error.__traceback__)
                if Path(f.filename).resolve().parent == folder]  # fmt: skip
        if ours:
            path, line = ours[-1].filename, ours[-1].lineno or 0
    if Path(path).resolve().parent == settings_file.resolve().parent:
        path = str(settings_file.parent / Path(path).name)  # Python names it absolute
    at = f" at line {line}" if line else ""
    return SettingsError(
        f"{where(path, line)}: {what}. Fix: correct {path}{at} (python {path} shows the error)"
    )


def build_site(
    settings_file: Path,
    content: Path | None = None,
    output: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    *,
    strict: bool = False,
    keep: Callable[[Run], None] | None = None,
) -> BuildReport:
    """Build the site into `output`, replacing it only if the build succeeds; then hand the
    run to `keep` (the live preview holds it for its quick pages)."""
    settings = load_settings(settings_file, content, overrides)
    final = Path(output or settings["OUTPUT_PATH"]).resolve()
    refuse_sources_in(final, settings)
    final.parent.mkdir(parents=True, exist_ok=True)
    # What Pelican keeps in the output folder, which the swap keeps too.
    kept = {"delete_old": bool(settings["DELETE_OUTPUT_DIRECTORY"])}
    kept["retention"] = list(settings.get("OUTPUT_RETENTION") or [])
    # Our reader cache, in a folder of its own: never an owner's CACHE_PATH, which their plain
    # `pelican` fills with what its readers make of the same files without our plugins. A
    # CACHE_CONTENT = False (a caller's, or the owner's) turns it off.
    if (overrides or {}).get("CACHE_CONTENT", True):
        settings.update(reader_cache(settings, Path(settings_file), final) or NO_CACHE)
    else:
        settings.update(NO_CACHE)
    staging = staging_folder(final)
    settings["OUTPUT_PATH"] = str(staging)
    settings["DELETE_OUTPUT_DIRECTORY"] = False  # never delete outside the staging folder
    settings["PREVIOUS_OUTPUT_PATH"] = str(final)  # what plugins may reuse from the last build
    report = BuildReport(output=final)
    started = time.perf_counter()
    remover = remove_retired(final)  # the site the last build replaced, while Pelican works
    try:
        run = run_pelican(settings)
        report.stages["pelican"] = round(time.perf_counter() - started, 3)
        report.problems = run_problems(run)
        report.written = run.crash is None
    except BaseException:
        discard(staging)
        raise
    finally:
        remover.join()
        report.seconds = time.perf_counter() - started
        report.stages["check"] = round(report.seconds - report.stages.get("pelican", 0.0), 3)
    if report.failed(strict=strict) or not report.written:
        discard(staging)
        return report
    swap_in(staging, final, **kept)
    if keep is not None:
        keep(run)
    return report


def refuse_sources_in(final: Path, settings: Mapping[str, Any]) -> None:
    """Raise a SettingsError when the output folder holds the content folder, the settings
    file or the project: a build replaces what its output folder holds."""
    settings_file = Path(settings["SETTINGS_FILE"])
    sources = {
        "the content folder": Path(settings["PATH"]),
        "this settings file": settings_file,
        "this project": ROOT,
    }
    held = [name for name, path in sources.items() if path.resolve().is_relative_to(final)]
    if not held:
        return
    what = " and ".join(held)
    if Path(settings["OUTPUT_PATH"]).resolve() != final:  # --output named it
        raise SettingsError(
            f"--output {final} holds {what}: a build replaces what its output folder holds. "
            "Fix: pass --output with a folder of its own, e.g. --output output"
        )
    shown, line = setting_line(settings, "OUTPUT_PATH")
    raise SettingsError(
        f"{where(shown or str(settings_file), line)}: OUTPUT_PATH is {final}, which holds "
        f"{what}: a build replaces what its output folder holds. Fix: set OUTPUT_PATH = "
        '"output" (a folder of its own), or pass --output'
    )


CONTENT_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm")
DATA_FOLDERS = {"authors", "topics", "comments"}  # what many pages show: a full build


def edited_sources(content: Path, changed: Sequence[str]) -> frozenset[str]:
    """Return the changed files if every one is an existing article or page, else nothing."""
    root = content.resolve()
    paths = {Path(p).resolve() for p in changed}
    for path in paths:
        inside = path.is_relative_to(root) and path.is_file()
        data = inside and DATA_FOLDERS & set(path.relative_to(root).parts)
        if not inside or data or path.suffix.lower() not in CONTENT_SUFFIXES:
            return frozenset()
    return frozenset(str(path) for path in paths)
