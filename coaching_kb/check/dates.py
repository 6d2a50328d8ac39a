"""Dates Pelican reads one way that the author may have meant the other way.

Pelican parses a `Date:` with dateutil, month first: `07/12/2026` is 12 July to it, and
`12.07.2026` is 7 December. Where swapping the day and the month gives another day, the
author's meaning cannot be known, so the date is an error naming both readings; a date
starting with its year (2026-12-07, Pelican's documented form) is never in doubt.
"""

import difflib
import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from dateutil import parser

from coaching_kb.content.paths import key_line

from .foreign import setting_line
from .problems import Problem

DATE_KEYS = ("date", "modified")
YEAR_FIRST = re.compile(r"^\d{4}(?!\d)")
DAY_MONTH = re.compile(r"\b\d{1,2}([./_-])\d{1,2}\1\d{2}(?:\d{2})?\b")  # 07/12/2026, 12.07.26
FIELD = re.compile(r"^\s*:?[A-Za-z]+\s*:\s*")
META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
META_NAME = re.compile(r"""\bname\s*=\s*["'](?P<value>[^"']*)["']""", re.IGNORECASE)
META_CONTENT = re.compile(r"""\bcontent\s*=\s*["'](?P<value>[^"']*)["']""", re.IGNORECASE)


def readings(text: str) -> tuple[datetime, datetime] | None:
    """Return (month first, day first) for a date whose day and month could swap, else None."""
    text = " ".join(text.replace("_", " ").split())
    if YEAR_FIRST.match(text):
        return None
    try:
        month_first, day_first = parser.parse(text), parser.parse(text, dayfirst=True)
    except (ValueError, OverflowError):
        return None  # not a date at all: the "does not parse" check says so
    return (month_first, day_first) if month_first.date() != day_first.date() else None


def ambiguous_date(shown: str, line: int, text: str, severity: str) -> Problem | None:
    """Return the problem of a date that reads two ways, or None."""
    both = readings(text)
    if both is None:
        return None
    pelicans, other = (f"{iso_written(text, d)} for {d.day} {d:%B %Y}" for d in both)
    return Problem(
        shown, line, f"date '{text}' could be read as {both[0].day} {both[0]:%B} (as Pelican "
        f"reads it) or {both[1].day} {both[1]:%B %Y}. Fix: write {other}, or {pelicans}",
        severity,
    )  # fmt: skip


def iso_written(text: str, day: datetime) -> str:
    """Return `text` with its day and month part written year first, the rest (time, seconds,
    time zone) as the author wrote it."""
    found = DAY_MONTH.search(text)
    if found is None:
        return day.strftime("%Y-%m-%d" + (" %H:%M" if ":" in text else ""))
    return f"{text[: found.start()]}{day:%Y-%m-%d}{text[found.end() :]}"


def date_problems(path: Path, shown: str, content: Any, severity: str) -> Iterator[Problem]:
    """Yield a problem for each `Date:`/`Modified:` of a file whose day and month could swap.

    The file is read only when a date Pelican made could be swapped (its day 12 or under, and
    not its month), so the common case costs nothing.
    """
    if not any(swappable(getattr(content, key, None)) for key in DATE_KEYS):
        return
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for line, text in written_dates(lines):
        if problem := ambiguous_date(shown, line, text, severity):
            yield problem


def written_dates(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Yield (line, text) of each date as the author wrote it: a `Date:`/`:date:` field, or an
    HTML page's `<meta name="date" content="...">`."""
    for key in DATE_KEYS:
        if (line := key_line(lines, key)) is not None:
            yield line, FIELD.sub("", lines[line - 1], count=1).strip().strip("'\"")
    for number, text in enumerate(lines, start=1):
        for tag in META_TAG.findall(text):
            name, value = META_NAME.search(tag), META_CONTENT.search(tag)
            if name and value and name["value"].lower() in DATE_KEYS:
                yield number, value["value"].strip()


def swappable(date: Any) -> bool:
    """Return True for a date that would be another date with its day and month swapped."""
    return isinstance(date, datetime) and date.day <= 12 and date.day != date.month


def unknown_zone(name: str) -> str:
    """Return '' for a time zone Python knows (as Pelican reads `TIMEZONE` and `Timezone:`),
    else what is wrong and the fix, naming the nearest zone it knows."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        near = difflib.get_close_matches(name, sorted(available_timezones()), n=1)
        fix = f"write '{near[0]}'" if near else "write one such as 'Europe/London' or 'UTC'"
        return f"'{name}' is not a time zone, so Pelican cannot read a post with it. Fix: {fix}"
    return ""


def timezone_problems(settings: Mapping[str, Any]) -> list[Problem]:
    """Return an error at the TIMEZONE line when it names no zone: Pelican then reads no
    article or page, and says only "Could not process" of each."""
    wrong = unknown_zone(str(settings.get("TIMEZONE") or "UTC"))
    return [Problem(*setting_line(settings, "TIMEZONE"), f"TIMEZONE {wrong}")] if wrong else []
