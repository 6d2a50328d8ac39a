"""How we start Chromium for tests, screenshots and benchmarks: Debian's binary when present."""

import os
from pathlib import Path

CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """Return Debian's (or CHROMIUM_PATH's) Chromium, or None to use Playwright's own."""
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    return next((p for p in CHROMIUM_PATHS if Path(p).exists()), None)


def launch(playwright: object) -> object:
    """Return a headless Chromium with no network beyond what the page asks for."""
    return playwright.chromium.launch(  # type: ignore[attr-defined]
        executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True
    )
