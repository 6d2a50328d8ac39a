"""What a task shows on the terminal while it builds: progress lines only.

Warnings and errors come back as the build's problems, printed once by the task; the live
preview's build process shows the same progress lines as the task that started it.
"""

import logging
import sys


class _ProgressOnly(logging.Filter):
    """Let only progress lines through: warnings and errors come back as the build's problems."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno < logging.WARNING


def log_progress(verbose: bool = False, *, warnings: bool = False) -> None:
    """Send progress lines (and with `verbose`, debug lines) to stderr, nothing else; with
    `warnings`, warnings and errors too (a server's: no build reports them)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    if not warnings:
        handler.addFilter(_ProgressOnly())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    quiet = [] if verbose else ["pelican"]
    for noisy in ("markdown", "MARKDOWN", "tornado.access", *quiet):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # Plugins log under pelican.plugins: their one summary line a build stays in view.
    logging.getLogger("pelican.plugins").setLevel(logging.DEBUG if verbose else logging.INFO)
