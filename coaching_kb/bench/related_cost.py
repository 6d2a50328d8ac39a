"""What related_topics costs a build, measured as a user runs Pelican: its own command.

Builds the bench corpus with the `pelican` command on Pelican's default theme, in a fresh
process each time: with the plugin and a cold cache (every article embedded), with it and its
cache warm, and without it. Medians of `runs` rounds; each round runs the three builds back
to back, so their ratio is measured under the same load.
"""

import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from coaching_kb.project import CONTENT

from .corpus import write_corpus

EMBEDDED = re.compile(r"related_topics: embedded (\d+) passages in ([0-9.]+)s")


def pelican_build(site: Path, plugins: list[str]) -> tuple[float, str]:
    """Build `site`/content with `plugins`; return the seconds taken and the log."""
    conf = site / "conf.py"
    # No automatic list: the site's theme shows article.related, as ours does.
    conf.write_text(
        f"PLUGINS = {plugins!r}\nTIMEZONE = 'UTC'\nFEED_ALL_ATOM = None\n"
        "RELATED_TOPICS_AUTO_INSERT = False\n"
        "CATEGORY_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\n",
        encoding="utf-8",
    )
    shutil.rmtree(site / "output", ignore_errors=True)
    command = [sys.executable, "-m", "pelican", "content", "-s", "conf.py", "-o", "output", "-v"]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=site, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"bench: the build failed: {done.stderr[-2000:]}")
    return seconds, done.stdout + done.stderr


def related_cost(work: Path, articles: int = 1000, runs: int = 3) -> dict[str, float]:
    """Return median seconds of the three builds, the embedding time and the ratios."""
    site = work / f"related-cost-{articles}"
    write_corpus(CONTENT, site / "content", articles)
    plugin = ["pelican.plugins.related_topics"]
    rounds: dict[str, list[float]] = {"cold": [], "warm": [], "without": [], "embed": []}
    for _ in range(runs):
        shutil.rmtree(site / "cache", ignore_errors=True)
        seconds, log = pelican_build(site, plugin)
        rounds["cold"].append(seconds)
        if found := EMBEDDED.search(" ".join(log.split())):
            rounds["embed"].append(float(found[2]))
        rounds["warm"].append(pelican_build(site, plugin)[0])
        rounds["without"].append(pelican_build(site, [])[0])
    median = {name: statistics.median(values) for name, values in rounds.items() if values}
    ratios = [w / o for w, o in zip(rounds["warm"], rounds["without"], strict=True)]
    return median | {"warm_added_share": statistics.median(ratios) - 1, "articles": articles}
