"""Site-building, command-running and browser fixtures shared by every test folder."""

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from coaching_kb.browser import launch
from coaching_kb.testing import ROOT, Site, run_task, serve, write_files


@pytest.fixture
def build_site(tmp_path: Path) -> Callable[..., Site]:
    """Build a tiny site from inline files with every plugin, in a temp folder."""
    from coaching_kb.build import build_site as run_build

    def build(
        files: dict[str, str | bytes], settings: str = "pelicanconf.py", **overrides: Any
    ) -> Site:
        content = tmp_path / "content"
        write_files(content, files)
        content.mkdir(exist_ok=True)
        output = tmp_path / "output"
        strict = overrides.pop("strict", False)
        report = run_build(ROOT / settings, content, output, overrides, strict=strict)
        return Site(content, output, report)

    return build


# A site built elsewhere (an older commit's output, say) that the tests look at instead of
# building content/: how a browser test is seen red on the site before a change.
SAMPLE_OUTPUT = os.environ.get("COACHING_KB_SAMPLE_OUTPUT")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The sample content in content/, built once for the whole session."""
    from coaching_kb.build import build_site as run_build

    if SAMPLE_OUTPUT:
        return Site(ROOT / "content", Path(SAMPLE_OUTPUT), None)
    output = tmp_path_factory.mktemp("sample") / "output"
    report = run_build(ROOT / "pelicanconf.py", ROOT / "content", output)
    assert not report.errors, report.errors
    return Site(ROOT / "content", output, report)


@pytest.fixture
def task() -> Callable[..., subprocess.CompletedProcess]:
    return run_task


@pytest.fixture(scope="session")
def sample_url(sample_site: Site) -> Iterator[str]:
    """The sample site served over HTTP on loopback."""
    yield from serve(sample_site.output)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium driven by Playwright, with no network beyond loopback."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser page that records console errors, dialogs and off-site requests."""
    context = browser.new_context()
    tab = context.new_page()
    tab.dialogs = []
    tab.offsite_requests = []
    tab.errors = []  # console errors and uncaught exceptions, for a failing test to show
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("requestfailed", lambda r: tab.errors.append(f"{r.url}: {r.failure}"))

    def note_request(request: Any) -> None:
        if not request.url.startswith(("http://127.0.0.1", "data:", "about:")):
            tab.offsite_requests.append(request.url)

    tab.on("request", note_request)
    yield tab
    context.close()


SCREEN_WIDTHS = [360, 390, 1280]  # the commonest Android phone, a current iPhone, a laptop
SCHEMES = ["light", "dark"]


@pytest.fixture(
    params=[(w, s) for w in SCREEN_WIDTHS for s in SCHEMES], ids=lambda p: f"{p[0]}-{p[1]}"
)
def screen(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """A page at each width (844 px tall) and colour scheme, recording off-site requests."""
    width, scheme = request.param
    context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme=scheme)
    tab = context.new_page()
    tab.width = width
    tab.offsite_requests = []
    tab.on("request", lambda r: None if r.url.startswith("http://127.0.0.1") else
           tab.offsite_requests.append(r.url))  # fmt: skip
    yield tab
    context.close()
