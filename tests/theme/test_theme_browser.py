"""The theme in Chromium: zero axe-core violations, 320 px without sideways scrolling, print."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "the-hero-who-stays-late/",
    "my-team-goes-quiet-when-i-speak/",
    "topics/delegation/",
    "topics/",
    "authors/nadia-okafor/",
    "authors/",
    "archives/",
    "archives/2026/03/",
    "section/ask-the-coach/",
    "section/",
    "search/?q=trust",
    "about/",
    "404.html",
]
VIEWPORTS = {"phone": {"width": 375, "height": 800}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_axe_violations_on_any_page_type(browser, sample_url, axe, viewport, scheme):
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    found = []
    for path in PAGES:
        page.goto(f"{sample_url}/{path}")  # waits for "load": the scripts have run
        if "?q=" in path:  # only search fetches after load (its index and results)
            page.wait_for_load_state("networkidle")
        for violation in axe.run(page).response["violations"]:
            found.append((path, violation["id"], [n["target"] for n in violation["nodes"]][:3]))
    context.close()
    assert found == []


def test_narrowest_phone_needs_no_sideways_scrolling(browser, sample_url):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    for path in PAGES:
        page.goto(f"{sample_url}/{path}")
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 320, f"{path} is {wide}px wide"
    context.close()


def test_text_keeps_a_readable_measure_on_wide_screens(page, sample_url):
    page.set_viewport_size({"width": 1600, "height": 900})
    page.goto(f"{sample_url}/the-hero-who-stays-late/")
    width = page.evaluate(
        "document.querySelector('.article__body p').getBoundingClientRect().width"
    )
    font = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.article__body p')).fontSize)"
    )
    assert 55 <= width / (font * 0.5) <= 90  # about 60-75 average characters a line


def test_print_drops_navigation_and_forms(page, sample_url):
    page.goto(f"{sample_url}/the-hero-who-stays-late/")
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", "form.comment-form", ".related"):
        assert not page.locator(selector).is_visible()
    assert page.locator(".article__body").is_visible()


def test_keyboard_focus_is_visible_and_skip_link_works(page, sample_url):
    page.goto(f"{sample_url}/the-hero-who-stays-late/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url("**#main", timeout=5000)  # under load the jump lands a moment later
