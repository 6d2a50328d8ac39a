"""Where the site's own files are: the project folder the commands run in.

That is the nearest folder, from the working folder upwards, holding a `pelicanconf.py`
(as `invoke` finds `tasks.py`); outside any, the checkout the toolkit is installed from.
"""

from pathlib import Path

INSTALLED_FROM = Path(__file__).resolve().parents[1]


def find_root(start: Path) -> Path:
    """Return the nearest folder from `start` upwards with a pelicanconf.py."""
    for folder in (start, *start.parents):
        if (folder / "pelicanconf.py").is_file() and (folder / "tasks.py").is_file():
            return folder
    return INSTALLED_FROM


ROOT = find_root(Path.cwd().resolve())
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
DEV_SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
