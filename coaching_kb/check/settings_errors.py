"""Errors that come from a value in the settings file, named at that setting's line.

Pelican reports a bad setting far from where it was written: a bad TIMEZONE or an unknown
`{slugg}` in ARTICLE_URL stops the build with a bare exception, a bad FILENAME_METADATA or
DEFAULT_DATE says only "Could not process hello.md" of every file, and a typo in MARKDOWN's
extension settings blames every Markdown file. The exception still carries the value it
failed on (the time zone, the missing key, the template, the regex, the date), so an error
is the settings' when that value is one the settings file wrote: it is named once, at that
line, instead of as a bug or as every content file's fault.
"""

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pelican.readers import Readers

from .foreign import setting_line
from .problems import Problem

SHORTEST = 3  # shorter values ('en', 1) are too common to tell where an error came from
# A value found inside a message must be one no sentence holds by chance: five characters or
# more, with one that is not a letter (a time zone's `/`, a date's digits, a file's `.`).
DISTINCT, DISTINCT_MARK = 5, re.compile(r"[/_.:{%\d]")
FIELD = re.compile(r"\{([^{}:!.\[]+)")  # `{slug}`, `{date:%Y}`: the names a pattern formats
SETTINGS_DOCS = "https://docs.getpelican.com/en/latest/settings.html"


def settings_problems(error: BaseException, settings: Mapping[str, Any]) -> list[Problem]:
    """Return the error as a problem at each setting whose value it failed on (none if it
    names no value the settings file wrote)."""
    carried = set(carried_values(error))
    problems = []
    for key in sorted(k for k in settings if k.isupper()) if carried else ():
        if not any(matches(text, carried) for text in texts_of(settings[key])):
            continue
        shown, line = setting_line(settings, key)
        if not line:  # not written in the settings file (a default): not the owner's mistake
            continue
        problems.append(Problem(
            shown, line, f"{key} cannot be used as set: Pelican stopped on it with "
            f"{kind_of(error)}: {first_line(error)}. Fix: correct {key} (what it takes: "
            f"{SETTINGS_DOCS}), then run check again",
        ))  # fmt: skip
    return problems


def carried_values(error: BaseException) -> Iterator[str]:
    """Yield the values an exception names: its arguments and the attributes that hold one
    (a regex's pattern, a template's name, a missing key)."""
    for item in (*error.args, *(getattr(error, a, None) for a in ("pattern", "name", "key"))):
        if isinstance(item, str | bytes):
            text = item.decode(errors="replace") if isinstance(item, bytes) else item
            yield text.strip("'\"")
            yield from re.findall(r"'([^']+)'", text)  # 'yesterday' is not a valid date
    if error.__cause__ is not None and error.__cause__ is not error:
        yield from carried_values(error.__cause__)


def texts_of(value: Any) -> Iterator[str]:
    """Yield every text a setting holds: itself, or its keys and items, nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from texts_of(key)
            yield from texts_of(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from texts_of(item)


def matches(text: str, carried: set[str]) -> bool:
    """Return True when a setting's text is a value the error names, formats one of them as
    a `{field}`, or (an unmistakable one: `Europe/Berln`) is written in its message."""
    if len(text) >= SHORTEST and text in carried:
        return True
    if any(len(name) >= SHORTEST and name in carried for name in FIELD.findall(text)):
        return True
    if len(text) < DISTINCT or not DISTINCT_MARK.search(text) or " " in text:
        return False
    alone = re.compile(rf"(?<![\w/.-]){re.escape(text)}(?![\w/.-])")
    return any(alone.search(message) for message in carried)


def kind_of(error: BaseException) -> str:
    """Return the exception's name, with its module when the name alone says little
    (`re.error`)."""
    kind = type(error)
    return f"{kind.__module__}.{kind.__name__}" if kind.__name__.islower() else kind.__name__


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def reading_error(settings: Mapping[str, Any], relative: str) -> BaseException | None:
    """Return what stops Pelican's readers reading one content file (Pelican logs "Could not
    process" and no reason), or None if it reads."""
    plain = {**settings, "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}
    try:
        Readers(plain).read_file(base_path=settings["PATH"], path=str(Path(relative)))
    except Exception as error:  # noqa: BLE001 - whatever stopped Pelican is the answer
        return error
    return None
