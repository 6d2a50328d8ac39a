"""A problem `check` and `build` report: `path:line: what is wrong. Fix: how`, error or warning."""

import logging
import re
import traceback
from dataclasses import dataclass
from pathlib import Path

ERROR, WARNING = "error", "warning"
# Work waiting for the owner that is nobody's mistake (a reader's letter to answer): listed,
# never counted as a problem, even when strict.
PENDING = "pending"
# A warning about a draft (template text, an unknown author, a missing image): a reminder for
# its writer, never counted as a problem, even when strict, since no page of it is published.
DRAFT = "draft"
# What the toolkit does its own way with nothing to fix (a plugin the site lists whose job one
# of ours does): listed, never counted as a problem, even when strict.
NOTE = "note"
LOCATED = re.compile(r"^(?P<path>[^:\n]+?)(?::(?P<line>\d+))?: (?P<text>.*)$", re.DOTALL)
PLUGIN_PREFIX = re.compile(r"^[a-z_]+: (?=[^:\n]+?(?::\d+)?: )")


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing to fix. Errors stop a build; warnings stop it only when strict."""

    path: str
    line: int
    message: str
    severity: str = ERROR
    subject: str = ""  # what the problem is about besides its file (a link's target), if any

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    def fails(self, *, strict: bool) -> bool:
        """Return True when it stops a run: an error, or a warning when strict (never a note,
        a draft's reminder or pending work)."""
        return self.is_error or (strict and self.is_warning)

    @property
    def located(self) -> str:
        """Return `path:line: message` (the path or line left out when unknown)."""
        place = f"{self.path}:{self.line}" if self.line else self.path
        return f"{place}: {self.message}" if place else self.message

    def __str__(self) -> str:
        return self.located if self.is_error else f"{self.severity}: {self.located}"


def problem_from(message: str, severity: str = ERROR) -> Problem:
    """Return a Problem from a `[plugin: ]path:line: text` or `path: text` message."""
    message = PLUGIN_PREFIX.sub("", message, count=1)
    match = LOCATED.match(message)
    if not match or not looks_like_path(match["path"], match["line"]):
        return Problem("", 0, message, severity)
    return Problem(match["path"], int(match["line"] or 0), match["text"], severity)


def looks_like_path(text: str, line: str | None) -> bool:
    """Return True when the text before ': ' names a file or folder (spaces allowed)."""
    return bool(line) or "/" in text or bool(re.search(r"\.\w{1,9}$", text))


def problem_from_crash(error: Exception) -> Problem:
    """Return a crash inside Pelican or a plugin as one error naming where it happened.

    Bad content is reported by the checks; this is the last resort for a bug, so the author
    still gets a message instead of a traceback (which `--verbose` shows).
    """
    logging.getLogger(__name__).debug("the build crashed", exc_info=error)
    frames = traceback.extract_tb(error.__traceback__)
    frame = frames[-1] if frames else None
    place = f" in {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return Problem(
        "", 0, f"the build stopped: {type(error).__name__}: {error}{place}. Fix: this is a bug; "
        "run again with --verbose and report the traceback it shows",
    )  # fmt: skip
