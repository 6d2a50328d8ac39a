"""`build --keep-going`: publish every file that is fine, skip those that are not, list them.

Without it a build is all-or-nothing. With it, each article or page with an error is left out
(Pelican's own `status: skip`, set through EXTRA_PATH_METADATA and the readers' context
signal, so the file is never changed) and the site is built again; a file linking to one
left out may then fail in turn, so this repeats a few times. Errors no content file is to
blame for (settings, a crash) still fail the build.
"""

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import signals

from coaching_kb.build import BuildReport, build_site, load_settings
from coaching_kb.check.problems import Problem
from coaching_kb.check.skipped import SKIP_KEY

MAX_ROUNDS = 4


@dataclass
class KeptGoing:
    """The last build, and the problems of the files left out of it (by file)."""

    report: BuildReport
    skipped: dict[str, list[Problem]] = field(default_factory=dict)


def build_keeping_going(
    settings_file: Path,
    content: Path | None,
    output: Path,
    overrides: Mapping[str, Any] | None = None,
    *,
    strict: bool = False,
) -> KeptGoing:
    """Build, leaving out the content files with errors until the rest builds."""
    overrides = dict(overrides or {})
    base = load_settings(settings_file, content, overrides)
    kept = KeptGoing(BuildReport(output=output))
    with skipping():
        for _ in range(MAX_ROUNDS):
            marked = {
                **base["EXTRA_PATH_METADATA"],
                **{rel: {SKIP_KEY: True} for rel in kept.skipped},
            }
            kept.report = build_site(
                settings_file, content, output, {**overrides, "EXTRA_PATH_METADATA": marked},
                strict=strict,
            )  # fmt: skip
            at_fault = files_at_fault(kept.report, base, strict=strict)
            if not at_fault:
                break
            kept.skipped.update(at_fault)
    return kept


def files_at_fault(
    report: BuildReport, settings: Mapping[str, Any], *, strict: bool
) -> dict[str, list[Problem]]:
    """Return the failing problems by content file (relative to PATH), if a content file is to
    blame for every one of them; else {} (nothing more can be left out)."""
    failing = [p for p in report.problems if p.fails(strict=strict)]
    by_file: dict[str, list[Problem]] = {}
    for problem in failing:
        relative = source_of(problem, settings)
        if relative is None:
            return {}
        by_file.setdefault(relative, []).append(problem)
    return by_file


def source_of(problem: Problem, settings: Mapping[str, Any]) -> str | None:
    """Return the content file a problem names, relative to PATH, or None if it names none."""
    if not problem.path:
        return None
    path = os.path.abspath(problem.path)
    relative = os.path.relpath(path, settings["PATH"])
    if relative.startswith("..") or not os.path.isfile(path):
        return None
    return Path(relative).as_posix()


def skip_marked(_generator: Any, metadata: dict[str, Any]) -> None:
    """Give a file marked to be left out Pelican's own `skip` status."""
    if metadata.pop(SKIP_KEY, False):
        metadata["status"] = "skip"


@contextmanager
def skipping() -> Iterator[None]:
    """Leave out the marked files while the block builds."""
    context_signals = (signals.article_generator_context, signals.page_generator_context)
    for signal in context_signals:
        signal.connect(skip_marked)
    try:
        yield
    finally:
        for signal in context_signals:
            signal.disconnect(skip_marked)
