"""Flag a reader's e-mail address left in a comment or letter file under the content folder.

Comment and letter files are committed and often public; readers' addresses belong in the
inbox's private store (`.inbox/private.sqlite` or COMMENTS_PRIVATE_STORE), never in git.
Older inboxes wrote `Email:` into comment files and `Asker-Email:` into letters.
"""

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from coaching_kb.content.paths import data_folders, key_line, shown_path

from .problems import Problem

LETTER_KEY = "Asker-Email"  # a letter's asker: any Markdown file that has an Asker
COMMENT_KEY = "Email"  # a commenter: only files in the comment folders
FIX = ("delete the line (the address is not needed to publish), or keep it only in the "
       "inbox's private store")  # fmt: skip


def private_data_problems(settings: Mapping[str, Any]) -> Iterator[Problem]:
    """Yield an error for each reader's e-mail line in a comment or letter file."""
    root = Path(settings["PATH"])
    comment_files = {
        path for folder in data_folders(settings, "COMMENTS") for path in folder.rglob("*.md")
    }
    for path in sorted(root.rglob("*.md")) if root.is_dir() else ():
        keys = (LETTER_KEY, COMMENT_KEY) if path in comment_files else (LETTER_KEY,)
        yield from email_lines(path, settings, keys)


def email_lines(
    path: Path, settings: Mapping[str, Any], keys: tuple[str, ...]
) -> Iterator[Problem]:
    """Yield an error for each of `keys` found in the header of the file at `path`."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return  # unreadable files are reported by the file checks
    for key in keys:
        if line := key_line(lines, key):
            message = f"'{key}:' keeps a reader's e-mail address in git. Fix: {FIX}"
            yield Problem(shown_path(settings, path), line, message)
