"""Time one build configuration in a fresh process and report its time and peak memory.

Run as `python -m coaching_kb.bench.runner CONFIG CONTENT OUTPUT [CACHE]`; prints one JSON
line. CACHE is where related_topics keeps its embeddings (cold when the folder is new).
A fresh process per build keeps peak memory honest and signals from leaking between builds.
"""

import json
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from pelican import Pelican

from coaching_kb.bench.memory import peak_memory_mb
from coaching_kb.build import build_site, load_settings
from coaching_kb.project import DEV_SETTINGS
from coaching_kb.run import isolated_signals, recorded

# Pelican alone: no plugins of ours, Pelican's own theme.
PLAIN = {"PLUGINS": [], "THEME": "simple", "JINJA_ENVIRONMENT": {}}
# With Pelican's own page for each tag (our settings turn those off: topic hubs replace
# them), as `pelican` builds a tagged blog.
PELICAN = {
    **PLAIN,
    "DIRECT_TEMPLATES": ["index", "tags", "archives", "authors", "categories"],
    "TAG_URL": "tag/{slug}.html",
    "TAG_SAVE_AS": "tag/{slug}.html",
    "TAGS_SAVE_AS": "tags.html",
    "PAGINATED_TEMPLATES": {"index": 12, "category": 20, "author": None, "tag": None},
}
CONFIGS = {
    "pelican": PELICAN,
    # As before 2026-11-24: no tag pages at all, so a tag-heavy site's Pelican wrote less.
    "pelican_without_tag_pages": {
        **PLAIN,
        "DIRECT_TEMPLATES": ["index", "archives", "authors", "categories"],
    },
    # The same with Pelican's own reader cache on: what a warm build of ours is held to.
    "pelican_cached": {**PELICAN, "PELICAN_READER_CACHE": True},
    # The two steps a user would run by hand: `pelican`, then Pagefind's command line.
    "pelican_then_pagefind": {**PELICAN, "PAGEFIND_CLI": True},
    # Every plugin of ours but related_topics, so the difference is what it adds.
    "ours_without_related": {"PLUGINS": "all but related_topics"},
    "ours": {},
}
# Run only when asked for (`invoke bench` runs every one of CONFIGS each round): with search
# off, how much of a first build Pagefind takes.
CONFIGS_ON_REQUEST = {"ours_without_search": {"SEARCH_ENABLED": False}}
TIMING = re.compile(r"^(?P<plugin>\w+): .* in (?P<seconds>[0-9.]+)s$")


class _Timings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.seconds: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        if match := TIMING.match(record.getMessage()):
            self.seconds[match["plugin"]] = float(match["seconds"])


def overrides_for(config: str) -> dict:
    """Return the settings that differ from pelicanconf.py for one configuration."""
    overrides = dict((CONFIGS | CONFIGS_ON_REQUEST)[config])
    if overrides.get("PLUGINS") == "all but related_topics":
        plugins = load_settings(DEV_SETTINGS)["PLUGINS"]
        overrides["PLUGINS"] = [p for p in plugins if p != "pelican.plugins.related_topics"]
    return overrides


def main(config: str, content: str, output: str, cache: str = "") -> None:
    timings = _Timings()
    logging.getLogger().addHandler(timings)
    logging.getLogger().setLevel(logging.INFO)
    logging.getLogger("pelican").setLevel(logging.WARNING)
    logging.getLogger("pelican.plugins").setLevel(logging.INFO)
    started = time.perf_counter()
    if config.startswith("pelican"):
        stages, errors = {}, plain_pelican(Path(content), Path(output), config)
    else:
        overrides = overrides_for(config) | ({"RELATED_TOPICS_CACHE_PATH": cache} if cache else {})
        report = build_site(DEV_SETTINGS, Path(content), Path(output), overrides)
        stages, errors = report.stages, len(report.errors)
    seconds = time.perf_counter() - started
    peak_mb = peak_memory_mb()
    cpu = processor_seconds()
    print(json.dumps({"config": config, "seconds": round(seconds, 3), "cpu_s": round(cpu, 3),
                      "peak_mb": round(peak_mb, 1),
                      "plugins": timings.seconds,
                      "stages": stages, "errors": errors}), flush=True)  # fmt: skip


def processor_seconds() -> float:
    """Return the processor seconds of this process and the children it waited for (Pagefind's
    CLI): on a machine shared with other jobs, steadier than the wall clock. From getrusage,
    to the microsecond (os.times counts in hundredths: a small site's differences vanished)."""
    try:
        import resource
    except ImportError:  # Windows
        return sum(os.times()[:4])
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )


def plain_pelican(content: Path, output: Path, config: str = "pelican") -> int:
    """Build as the `pelican` command does (no checks, no staging); return errors logged.

    `pelican_cached` turns Pelican's reader cache on (kept beside the output), and
    `pelican_then_pagefind` runs Pagefind's command line on the site afterwards.
    """
    overrides = overrides_for(config)
    cached, pagefind = (
        overrides.pop("PELICAN_READER_CACHE", False),
        overrides.pop("PAGEFIND_CLI", False),
    )
    settings = load_settings(DEV_SETTINGS, content, overrides)
    settings["OUTPUT_PATH"] = str(output)
    settings["DELETE_OUTPUT_DIRECTORY"] = True
    if cached:
        cache = output.with_name(f".{output.name}-pelican-cache")
        settings |= {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(cache)}
    records: list[logging.LogRecord] = []
    with recorded(records), isolated_signals():
        Pelican(settings).run()
    if pagefind:
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(output)],
                       check=True, capture_output=True)  # fmt: skip
    return sum(1 for record in records if record.levelno >= logging.ERROR)


if __name__ == "__main__":
    main(*sys.argv[1:5])
