"""Screenshot every page type at phone and desktop widths, light and dark, for people to see."""

from pathlib import Path

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
