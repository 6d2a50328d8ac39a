"""Where the plugins' data folders are, and how to name a file and line in a message."""

import fnmatch
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
    """Return every folder of `family` data: the main one and any in a subfolder, each only
    when the site's IGNORE_FILES names it (as ours does).

    A folder Pelican does not skip is the site's own: on another site, `topics/` or
    `authors/` is a category folder of posts (USE_FOLDER_AS_CATEGORY), which Pelican
    publishes. An imported folder carries its own `authors/` and `comments/`, so it builds on
    its own and merged into the main content folder alike.
    """
    main = data_folder(settings, family)
    if not is_skipped_by_pelican(settings, main.name):
        return []
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


def is_skipped_by_pelican(settings: Mapping[str, Any], name: str) -> bool:
    """Return whether Pelican skips files and folders called `name` (IGNORE_FILES, matched
    as Pelican matches it: the name alone, with shell wildcards)."""
    return any(fnmatch.fnmatch(name, pattern) for pattern in settings.get("IGNORE_FILES") or [])


def shown_path(settings: Mapping[str, Any], path: Path | str) -> str:
    """Return `path` as the user knows it: relative to the working folder when inside it."""
    # abspath, not resolve(): no file system calls; and string work, not Path objects, as
    # this runs twice for every file of a site in each build's checks.
    full = os.path.abspath(os.path.join(settings["PATH"], path))  # an absolute `path` as is
    here = os.getcwd()
    if full == here:
        return "."
    inside = os.path.join(here, "")
    return full[len(inside) :] if full.startswith(inside) else full


KEY_VALUE = re.compile(r"^[A-Za-z][\w-]*\s*:")


def header_end(lines: list[str]) -> int:
    """Return how many lines the metadata header spans (YAML, `Key: value`, or reST fields)."""
    if lines and lines[0].strip() == "---":
        closing = (n for n, line in enumerate(lines[1:], start=2) if line.strip() in ("---", "..."))
        return next(closing, 1)
    if lines and KEY_VALUE.match(lines[0]):
        return next(
            (n - 1 for n, line in enumerate(lines, start=1) if not line.strip()), len(lines)
        )
    return min(len(lines), 200)  # reST fields follow the title; search the top of the file


def key_line(lines: list[str], key: str) -> int | None:
    """Return the line of a `key:` (Markdown, YAML front matter) or `:key:` (reST) field."""
    pattern = re.compile(rf"^\s*(?::{re.escape(key)}:|{re.escape(key)}\s*:)", re.IGNORECASE)
    region = lines[: header_end(lines)]
    return next((n for n, line in enumerate(region, start=1) if pattern.match(line)), None)


def body_line(lines: list[str]) -> int:
    """Return the first line of the text after the header (1 when there is no header)."""
    ends = (
        header_end(lines)
        if lines and (lines[0].strip() == "---" or KEY_VALUE.match(lines[0]))
        else 0
    )
    return next((n for n, line in enumerate(lines[ends:], start=ends + 1) if line.strip()), 1)


def read_lines(path: Path | str) -> list[str]:
    """Return the lines of a text file (undecodable bytes replaced), or none if unreadable."""
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def header_line(path: Path | str, key: str) -> int | None:
    """Return the line of `key:` in the header of the file at `path`, if it is there."""
    return key_line(read_lines(path), key)


def located(settings: Mapping[str, Any], path: Path | str, key: str) -> str:
    """Return `shown/path:line` for the header `key` of a content file (the body for '')."""
    line = header_line(path, key) if key else body_line(read_lines(path))
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
