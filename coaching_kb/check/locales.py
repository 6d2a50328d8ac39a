"""Flag a LOCALE or DATE_FORMATS locale this machine does not have.

Pelican writes month and day names (`%B`, `%a`...) in the locale LOCALE names. Where none of
those locales is installed it logs one warning naming no file, and every date comes out in
English ("06 de February de 2023"); a locale in a DATE_FORMATS tuple that is not installed
stops Pelican reading every post in that language. A fresh Debian machine (CI) has no locale
but C.UTF-8, so the owner learns it here, at the line of the settings file.
"""

import locale
import re
from collections.abc import Iterator, Mapping
from typing import Any

from .foreign import setting_line
from .problems import ERROR, WARNING, Problem

NAMES = re.compile(r"%-?[aAbBcpxX]")  # directives whose text depends on the locale
INSTALL = (
    "install it (Debian, as root: apt-get install locales, uncomment '{name}' in "
    "/etc/locale.gen, run locale-gen)"
)


def locale_problems(settings: Mapping[str, Any], posts_unread: bool) -> Iterator[Problem]:
    """Yield a problem for each DATE_FORMATS locale missing here (an error when Pelican could
    not read posts, `posts_unread`; else a warning, as no post in that language exists yet),
    and a warning when dates name months or days and none of LOCALE's locales is installed."""
    formats = settings.get("DATE_FORMATS") or {}
    for lang, layout in formats.items():
        if isinstance(layout, tuple | list) and layout and not available(str(layout[0])):
            effect = "so Pelican reads no post" if posts_unread else "so a post would not be read"
            yield Problem(
                *setting_line(settings, "DATE_FORMATS", str(lang)), f"DATE_FORMATS['{lang}'] "
                f"names the locale '{layout[0]}', which this machine does not have, {effect} "
                f"in '{lang}'. Fix: {INSTALL.format(name=layout[0])}, or give "
                f"DATE_FORMATS['{lang}'] a format alone",
                ERROR if posts_unread else WARNING,
            )  # fmt: skip
    wanted = [str(name) for name in settings.get("LOCALE") or [] if str(name)]
    if wanted and names_words(settings) and not any(map(available, wanted)):
        yield Problem(
            *setting_line(settings, "LOCALE"), f"LOCALE names {', '.join(wanted)}, and this "
            "machine has none of them, so month and day names in dates are in English. "
            f"Fix: {INSTALL.format(name=wanted[0])}, or write dates in numbers (%d/%m/%Y)",
            WARNING,
        )  # fmt: skip


def names_words(settings: Mapping[str, Any]) -> bool:
    """Return True when a date format of the site writes a month or day name."""
    layouts = [settings.get("DEFAULT_DATE_FORMAT"), settings.get("ARCHIVE_DATE_FORMAT")]
    for layout in (settings.get("DATE_FORMATS") or {}).values():
        layouts.append(layout[-1] if isinstance(layout, tuple | list) and layout else layout)
    return any(NAMES.search(str(layout)) for layout in layouts if layout)


def available(name: str) -> bool:
    """Return True when this machine has the locale `name` (the current one is kept)."""
    current = locale.setlocale(locale.LC_TIME)
    try:
        locale.setlocale(locale.LC_TIME, name)
    except locale.Error:
        return False
    finally:
        locale.setlocale(locale.LC_TIME, current)
    return True
