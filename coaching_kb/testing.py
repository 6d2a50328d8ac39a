"""Helpers for the project's tests: where things are, writing content, running tasks, serving.

In the package (as Pelican keeps `pelican.tests.support`), so tests import it like any module.
"""

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent
from typing import Any

from bs4 import BeautifulSoup

from coaching_kb.project import ROOT
from coaching_kb.serve import serving

SEEDS = ROOT.parent / "shared" / "seeds"
SITES = ROOT / "tests" / "sites"  # small sites shaped like other people's


@dataclass
class Site:
    """A built site: its folders and the build's report."""

    content: Path
    output: Path
    report: Any

    def page(self, relative: str) -> BeautifulSoup:
        """Return the parsed HTML of the built page at `relative` (a folder gets index.html)."""
        path = self.output / relative
        if path.is_dir():
            path /= "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def copy_site(name: str, tmp_path: Path) -> Path:
    """Copy the fixture site `name` from tests/sites into `tmp_path`; return its content folder."""
    content = tmp_path / "content"
    shutil.copytree(SITES / name, content)
    return content


def parsed_html(path: Path) -> BeautifulSoup:
    """Return the parsed HTML of the file at `path`."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def write_files(folder: Path, files: dict[str, str | bytes]) -> None:
    """Write each relative path's text (dedented) or bytes under `folder`."""
    for relative, data in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(dedent(data).lstrip("\n"), encoding="utf-8")


def run_task(
    *arguments: str, stdin: str = "", cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run `invoke <arguments>` in a child process, as a user would (with `env` added to its
    environment); return the result."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", "-r", str(ROOT), *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**{k: v for k, v in os.environ.items() if k != "CI"}, **(env or {})},  # CI: strict
        timeout=300,
        check=False,
    )


def run_tasks(*commands: Sequence[str]) -> list[subprocess.CompletedProcess]:
    """Run each `invoke <command>` as `run_task` does, two at a time (a CI runner's two
    cores: most of a run is one process building); return the results in the given order.
    Only for commands that neither write what another reads nor share an output folder."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda command: run_task(*command), commands))


def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free loopback port; yield its base URL (for `for base in ...`)."""
    with serving(folder) as base:
        yield base


def review_imports(folder: Path, day: str = "2020-01-01") -> None:
    """Do what the importer's `Review:` lines ask of a site owner, for tests that build imports.

    Gives undated posts `day` as their date and removes the `Review:` lines.
    """
    for path in folder.rglob("*.md"):
        if path.parent.name in ("authors", "topics") or "comments" in path.parts:
            continue
        header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        lines = [line for line in header.splitlines() if not line.startswith("Review:")]
        if not any(line.startswith("Date:") for line in lines):
            lines.insert(1, f"Date: {day}")
        path.write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")


def wait_for_results(page: Any, timeout: float = 30000) -> None:
    """Wait for the search page to list results; if it does not, fail saying what the page
    met (its console errors, failed requests, status line)."""
    try:
        page.wait_for_selector(".search-result", timeout=timeout)
    except Exception as error:  # Playwright's TimeoutError
        status = page.locator("#search-status").inner_text()
        met = getattr(page, "errors", [])
        raise AssertionError(f"no search result; status {status!r}; the page met {met}") from error
