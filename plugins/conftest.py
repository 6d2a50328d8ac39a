"""Fixtures for the plugins' own tests: a tiny site built with one plugin on Pelican's theme.

The root conftest.py's `build_site` builds with the whole product (our theme, every plugin);
`build_alone` shows that a plugin meant to work on any Pelican site does its job by itself.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from coaching_kb.run import isolated_signals
from coaching_kb.testing import Site, write_files


@pytest.fixture
def build_alone(tmp_path: Path) -> Callable[..., Site]:
    """Build inline files with only `plugin` (a short name) on Pelican's default theme."""

    def build(plugin: str, files: dict[str, str | bytes], **overrides: Any) -> Site:
        content, output = tmp_path / "content", tmp_path / "output"
        write_files(content, files)
        settings = read_settings(
            None,
            override={
                "PATH": str(content),
                "OUTPUT_PATH": str(output),
                "PLUGINS": [f"pelican.plugins.{plugin}"] if plugin else [],
                "TIMEZONE": "UTC",
                "FEED_ALL_ATOM": None,  # feeds are not what these tests are about
                "CATEGORY_FEED_ATOM": None,
                "TRANSLATION_FEED_ATOM": None,
                **overrides,
            },
        )
        with isolated_signals():
            Pelican(settings).run()
        return Site(content, output, report=None)

    return build
