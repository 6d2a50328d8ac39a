"""Write files so that nothing the user wrote is lost: atomically, and never over a file unasked."""

import os
import tempfile
from pathlib import Path

from coaching_kb.errors import SiteError


def write_text(path: Path, text: str, *, overwrite: bool = False, fix: str = "") -> None:
    """Write `text` to `path` atomically; refuse to replace an existing file unless asked.

    `fix` tells the user what to do instead when the file exists (the caller knows).
    """
    if path.exists() and not overwrite:
        raise SiteError(f"{path}: already exists. Fix: {fix or 'choose another name'}")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
