"""Where the plugins' data folders are, and how to name a file and line in a message."""

import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from coaching_kb.errors import ContentError

Item = TypeVar("Item")

DEFAULT_FOLDERS = {"AUTHORS": "authors", "TOPICS": "topics", "COMMENTS": "comments"}


def data_folder(settings: Mapping[str, Any], family: str) -> Path:
    """Return the main folder of `family` data (`<FAMILY>_PATH`, inside the content folder)."""
    name = settings.get(f"{family}_PATH", DEFAULT_FOLDERS[family])
    return Path(settings["PATH"]) / name


def data_folders(settings: Mapping[str, Any], family: str) -> list[Path]:
    """Return every folder of `family` data: the main one and any in a subfolder.

    An imported folder carries its own `authors/` and `comments/`, so it builds on its own
    and merged into the main content folder alike.
    """
    main = data_folder(settings, family)
    root = Path(settings["PATH"])
    found = [main] if main.is_dir() else []
    if not root.is_dir():
        return found
    for folder, subfolders, _files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        here = Path(folder)
        if here != root and here.name == main.name and here != main and here.parent != main:
            found.append(here)
    return sorted(set(found))


def shown_path(settings: Mapping[str, Any], path: Path | str) -> str:
    """Return `path` as the user knows it: relative to the working folder when inside it."""
    path = Path(path)
    full = (path if path.is_absolute() else Path(settings["PATH"]) / path).resolve()
    here = Path.cwd().resolve()
    return os.path.relpath(full, here) if full.is_relative_to(here) else str(full)


def header_line(path: Path | str, key: str) -> int | None:
    """Return the line of `key:` in the header of the file at `path`, if it is there."""
    pattern = re.compile(rf"^{re.escape(key)}\s*:", re.IGNORECASE)
    try:
        with open(path, encoding="utf-8", errors="replace") as source:
            for number, line in enumerate(source, start=1):
                if not line.strip():
                    return None
                if pattern.match(line):
                    return number
    except OSError:
        return None
    return None


def located(settings: Mapping[str, Any], path: Path | str, key: str) -> str:
    """Return `shown/path:line` for the header `key` of a content file."""
    line = header_line(path, key)
    shown = shown_path(settings, path)
    return f"{shown}:{line}" if line else shown


def load_folder(
    folder: Path, shown_as: str, make: Callable[[str, str, str], Item]
) -> tuple[dict[str, Item], list[str]]:
    """Return `make(text, slug, shown path)` for each Markdown file in `folder`, and errors."""
    items: dict[str, Item] = {}
    errors: list[str] = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        shown = f"{shown_as}/{path.name}"
        try:
            items[path.stem] = make(path.read_text(encoding="utf-8"), path.stem, shown)
        except ContentError as error:
            errors.append(str(error))
        except UnicodeDecodeError:
            errors.append(f"{shown}: is not UTF-8 text. Fix: save it as UTF-8")
    return items, errors


def load_everywhere(
    settings: Mapping[str, Any], family: str, make: Callable[[str, str, str], Item]
) -> tuple[dict[str, Item], list[str]]:
    """Return the items of every `family` data folder (the main one wins a clash), and errors."""
    items: dict[str, Item] = {}
    errors: list[str] = []
    for folder in reversed(data_folders(settings, family)):
        found, failed = load_folder(folder, shown_path(settings, folder), make)
        items.update(found)
        errors += failed
    return items, errors
