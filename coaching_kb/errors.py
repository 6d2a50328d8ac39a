"""The errors our plugins and tasks raise; tasks.py prints them without a traceback."""


class SiteError(Exception):
    """Something the site owner must fix; the message names the file and the fix."""


class ContentError(SiteError):
    """A content file is wrong: `<path>:<line>: <what>. Fix: <how>`."""


class SettingsError(SiteError):
    """A setting in pelicanconf.py or publishconf.py is wrong."""


def where(path: str, line: int | None = None) -> str:
    """Return `path:line`, or just the path when the line is unknown."""
    return f"{path}:{line}" if line else path
