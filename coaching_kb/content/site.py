"""Read a content folder exactly as the build does: Pelican's readers and our plugins, no output.

`check` and its hints use this, so they see what `build` will see (reST, YAML front matter,
whatever readers the site's settings enable) instead of parsing files a second way.
"""

import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins import signals

from coaching_kb.build import BuildReport, isolated_signals, recorded


@dataclass
class ReadSite:
    """What Pelican made of a content folder before writing anything."""

    articles: list[Any] = field(default_factory=list)
    drafts: list[Any] = field(default_factory=list)
    pages: list[Any] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)
    report: BuildReport | None = None


def read_site(settings: Mapping[str, Any]) -> ReadSite:
    """Return the articles, pages and context Pelican builds from settings['PATH'].

    Runs every generator's reading stage and the signals plugins use to finish their work
    (`all_generators_finalized` included), then stops before anything is written.
    """
    scratch = Path(tempfile.mkdtemp(prefix="coaching-kb-read-"))
    read = ReadSite()
    report = BuildReport(output=scratch)
    try:
        with recorded(report), isolated_signals():
            pelican = Pelican({**settings, "OUTPUT_PATH": str(scratch)})
            generators = _read(pelican)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            read.articles, read.drafts = list(generator.articles), list(generator.drafts)
            read.context = generator.context
        elif isinstance(generator, PagesGenerator):
            read.pages = list(generator.pages)
    read.report = report
    return read


def _read(pelican: Pelican) -> list[Any]:
    """Run Pelican.run() up to, not including, writing; return the generators."""
    context = pelican.settings.copy()
    context.update(generated_content={}, static_links=set(), static_content={})
    context["localsiteurl"] = pelican.settings["SITEURL"]
    generators = [
        cls(
            context=context,
            settings=pelican.settings,
            path=pelican.path,
            theme=pelican.theme,
            output_path=pelican.output_path,
        )
        for cls in pelican._get_generator_classes()
    ]
    for generator in generators:
        if hasattr(generator, "generate_context"):
            generator.generate_context()
    signals.all_generators_finalized.send(generators)
    return generators
