"""Screenshot every page type at phone and desktop widths, light and dark, for people to see;
and a small set of first screens of the main pages, for the before-and-after in docs/."""

from pathlib import Path
from typing import Any

from coaching_kb.browser import launch
from coaching_kb.serve import serving

PAGE_TYPES = {
    "home": "",
    "essay": "the-hero-who-stays-late/",
    "qa": "my-team-goes-quiet-when-i-speak/",
    "topic": "topics/delegation/",
    "topics": "topics/",
    "author": "authors/nadia-okafor/",
    "authors": "authors/",
    "archives": "archives/",
    "month": "archives/2026/03/",
    "section": "section/ask-the-coach/",
    "search": "search/?q=feedback",
    "about": "about/",
    "not-found": "404.html",
}
WIDTHS = {"phone": 375, "desktop": 1280}

# The pages compared before and after a change of the theme: (path, screens shown, dark too).
# A few screens of each rather than the whole page keeps docs/screenshots/ small.
COMPARED = {
    "home": ("", 2, True),
    "essay": ("the-hero-who-stays-late/", 1, True),
    "qa": ("my-team-goes-quiet-when-i-speak/", 1, False),
    "topic": ("topics/delegation/", 2, False),
    "topics": ("topics/", 3, True),
    "search": ("search/?q=delegation", 1, False),
    "search-none": ("search/?q=xylophonequartz", 1, True),
}
COMPARED_WIDTHS = {"390": 390, "1280": 1280}
SCREEN_HEIGHT = 844
COLOURS = 128  # a palette this size keeps text and every topic colour, a screen at 20-150 KB


def take_screenshots(site: Path, dest: Path, pages: dict[str, str] = PAGE_TYPES) -> list[Path]:
    """Write a full-page PNG per page type, width and colour scheme into `dest`; return them."""
    from playwright.sync_api import sync_playwright

    dest.mkdir(parents=True, exist_ok=True)
    written = []
    with serving(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        for width_name, width in WIDTHS.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(
                    viewport={"width": width, "height": 900}, color_scheme=scheme
                )
                page = context.new_page()
                for name, path in pages.items():
                    page.goto(f"{base}/{path}")
                    page.wait_for_load_state("networkidle")
                    target = dest / f"{name}-{width_name}-{scheme}.png"
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
                context.close()
        browser.close()
    return written


def take_comparison(
    site: Path, dest: Path, pages: dict[str, tuple[str, int, bool]] = COMPARED
) -> list[Path]:
    """Write the first screens of the COMPARED pages at 390 and 1280 px, light (and dark where
    it matters), as small palette PNGs named page-width-scheme.png; return them."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        written = compare_in(browser, site, dest, pages)
        browser.close()
    return written


def compare_in(
    browser: Any, site: Path, dest: Path, pages: dict[str, tuple[str, int, bool]] = COMPARED
) -> list[Path]:
    """take_comparison in a Chromium already running (a test's, say)."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    with serving(site) as base:
        for width_name, width in COMPARED_WIDTHS.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(
                    viewport={"width": width, "height": SCREEN_HEIGHT}, color_scheme=scheme
                )
                page = context.new_page()
                for name, (path, screens, has_dark) in pages.items():
                    if scheme == "dark" and not has_dark:
                        continue
                    target = dest / f"{name}-{width_name}-{scheme}.png"
                    shoot(page, f"{base}/{path}", screens, target)
                    written.append(target)
                context.close()
    return written


def shoot(page: Any, url: str, screens: int, target: Path) -> None:
    """Save the first `screens` screens of `url` once its search (if any) has answered."""
    from PIL import Image

    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # the search page's results, drawn after Pagefind answers
    height = min(page.evaluate("document.documentElement.scrollHeight"), screens * SCREEN_HEIGHT)
    clip = {"x": 0, "y": 0, "width": page.viewport_size["width"], "height": height}
    page.screenshot(path=str(target), clip=clip, full_page=True)
    with Image.open(target) as shot:
        small = shot.convert("RGB").quantize(COLOURS, method=Image.Quantize.FASTOCTREE)
    small.save(target, optimize=True)
