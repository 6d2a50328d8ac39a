"""Run one Pelican build safely: count its errors, and replace the output only on success.

Pelican logs bad content and still exits 0, so a build is judged by the ERROR (and, when
strict, WARNING) records it logs. The site is written to a fresh sibling folder and swapped
in at the end, so a failed build never leaves a half-written site where the good one was.
"""

import logging
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.plugins import signals
from pelican.settings import read_settings

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What one build did: where it wrote, and the problems it logged."""

    output: Path
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def failed(self, *, strict: bool = False) -> bool:
        """Return True when the build logged errors (or warnings, when strict)."""
        return bool(self.errors or (strict and self.warnings))


class _RecordCounter(logging.Handler):
    def __init__(self, report: BuildReport) -> None:
        super().__init__(level=logging.WARNING)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        target = self.report.errors if record.levelno >= logging.ERROR else self.report.warnings
        target.append(record.getMessage())


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


@contextmanager
def recorded(report: BuildReport) -> Iterator[BuildReport]:
    """Collect the warnings and errors logged inside the block into `report`."""
    counter = _RecordCounter(report)
    root = logging.getLogger()
    root.addHandler(counter)
    LimitFilter._raised_messages.clear()  # else a warning seen in an earlier build is silent
    LimitFilter._group_count.clear()
    try:
        yield report
    finally:
        root.removeHandler(counter)


def load_settings(
    settings_file: Path, content: Path | None = None, overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Return Pelican's settings from `settings_file`, with the content folder and overrides."""
    override: dict[str, Any] = dict(overrides or {})
    if content is not None:
        override["PATH"] = str(Path(content).resolve())
    return read_settings(str(settings_file), override=override)


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
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}-building-", dir=final.parent))
    settings["OUTPUT_PATH"] = str(staging)
    settings["DELETE_OUTPUT_DIRECTORY"] = False  # staging starts empty; never delete elsewhere
    report = BuildReport(output=final)
    started = time.perf_counter()
    try:
        with recorded(report), isolated_signals():
            Pelican(settings).run()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        report.seconds = time.perf_counter() - started
    if report.failed(strict=strict):
        shutil.rmtree(staging, ignore_errors=True)
        return report
    _swap_in(staging, final)
    return report


def _swap_in(staging: Path, final: Path) -> None:
    """Move the finished site into place; the old one is removed only after the move."""
    retired = final.with_name(f".{final.name}-old-{staging.name.rsplit('-', 1)[-1]}")
    if final.exists():
        final.rename(retired)
    staging.rename(final)
    shutil.rmtree(retired, ignore_errors=True)
