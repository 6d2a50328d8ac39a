"""What related_topics costs a build, measured as a user runs Pelican: its own command.

Builds the bench corpus with the `pelican` command on Pelican's default theme, in a fresh
process each time: with the plugin and a cold cache (every article embedded), with it and its
cache warm (content unchanged: the lists are read back), with one article edited (the lists
are made again, one passage embedded), and without it. Medians of `runs` rounds; each round
runs the four builds back to back, so their ratios are measured under the same load. Each
build is timed twice: wall seconds, and processor seconds (user and system), which other jobs
on a shared machine disturb less. The peak resident memory is the largest of any build's.
"""

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from coaching_kb.project import CONTENT

from .corpus import write_corpus

EMBEDDED = re.compile(r"related_topics: embedded (\d+) passages in ([0-9.]+)s")
RELATED = re.compile(r"related_topics: \d+ articles related \(.*?\) in ([0-9.]+)s")
BUILDS = ("cold", "warm", "edited", "without")


def pelican_build(site: Path, plugins: list[str]) -> tuple[float, float, str]:
    """Build `site`/content with `plugins`; return the wall and processor seconds taken and
    the log."""
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
    processor = children_seconds()
    started = time.perf_counter()
    wide = os.environ | {"COLUMNS": "500"}  # Pelican's log wraps lines at the terminal's width
    done = subprocess.run(command, cwd=site, capture_output=True, text=True, check=False, env=wide)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"bench: the build failed: {done.stderr[-2000:]}")
    return seconds, children_seconds() - processor, done.stdout + done.stderr


def children_seconds() -> float:
    """Return the user and system seconds of every finished child process so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def children_peak_mb() -> float:
    """Return the peak resident memory of the largest finished child process, in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def related_cost(work: Path, articles: int = 1000, runs: int = 3) -> dict[str, float]:
    """Return median seconds of the four builds, the embedding and relating times and the
    ratios to the build without the plugin."""
    site = work / f"related-cost-{articles}"
    write_corpus(CONTENT, site / "content", articles)
    edited = sorted((site / "content" / "essays").glob("*.md"))[0]  # an article
    rounds: dict[str, list[float]] = {}
    for _ in range(runs):
        shutil.rmtree(site / "cache", ignore_errors=True)
        for name in BUILDS:
            original = edited.read_text(encoding="utf-8")
            if name == "edited":
                edited.write_text(original + "\nOne more sentence, edited.\n", encoding="utf-8")
            plugins = [] if name == "without" else ["pelican.plugins.related_topics"]
            seconds, processor, log = pelican_build(site, plugins)
            edited.write_text(original, encoding="utf-8")
            rounds.setdefault(name, []).append(seconds)
            rounds.setdefault(f"{name}_cpu", []).append(processor)
            record(rounds, name, " ".join(log.split()))
    median = {name: statistics.median(values) for name, values in rounds.items() if values}
    shares = {
        f"{name}_added_share{unit}": statistics.median(
            w / o for w, o in zip(rounds[f"{name}{unit}"], rounds[f"without{unit}"], strict=True)
        )
        - 1
        for name in ("warm", "edited")
        for unit in ("", "_cpu")
    }
    return median | shares | {"peak_mb": children_peak_mb(), "articles": articles}


def record(rounds: dict[str, list[float]], name: str, log: str) -> None:
    """Note the seconds the plugin logged: embedding (first build) and relating."""
    if name == "cold" and (found := EMBEDDED.search(log)):
        rounds.setdefault("embed", []).append(float(found[2]))
        rounds.setdefault("passages", []).append(float(found[1]))
    if name != "without" and (found := RELATED.search(log)):
        rounds.setdefault(f"{name}_relate", []).append(float(found[1]))
