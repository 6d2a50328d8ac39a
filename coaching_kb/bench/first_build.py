"""First and warm builds against plain Pelican, on each fixture site and the bench corpora.

    python -m coaching_kb.bench.first_build [--runs 3] [--articles 1000] [--only NAME,...]
                                            [--against-pagefind] [--without-search]

A first build starts with no output, no reader cache and no related lists; the embeddings of
related_topics are made once beforehand (a site's one-time embedding is not counted, as issue
37 asks), and only they are kept: the lists it relates are thrown away before each first build,
since a site's first build relates every pair. A warm
build follows each first build into the same output. Pelican is timed building the same
content with its own theme and a page per tag, in a fresh output each time. The three are
interleaved round by round, each in a fresh process; the medians of the wall clock and of
processor seconds (the build's process and its children: Pagefind) are printed with the
medians of each round's ratios to Pelican, as JSON lines.

With --without-search, each round also times a first build with `SEARCH_ENABLED = False`
(`first_without_search`), so the ratio shows how much of a first build Pagefind takes.

With --against-pagefind, each round is instead issue 33's pair: our first build without
related_topics against Pelican followed by Pagefind's command line on its output (what a user
would run by hand), each in a fresh output.
"""

import argparse
import functools
import json
import shutil
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

from coaching_kb.project import CONTENT, ROOT

from .corpus import write_corpus, write_tag_heavy_corpus
from .suite import run_once

SITES = ROOT / "tests" / "sites"


def content_of(site: Path) -> Path:
    """Return a fixture's content folder (a site with its own settings keeps it in content/)."""
    return site / "content" if (site / "pelicanconf.py").is_file() else site


# The file of finished lists in related_topics' cache folder (its README's "Caches").
RELATED_LISTS = "lists.json"
KINDS = ("pelican", "first", "warm")
# The command's wall clock (from starting Python), and processor seconds (with Pagefind's).
MEASURES = {"s": "process_s", "cpu_s": "cpu_s"}


def measure(
    name: str, content: Path, runs: int, work: Path, *, without_search: bool = False
) -> dict:
    """Return the median wall-clock and processor seconds of each kind of build, and their
    ratios to Pelican's (each a median of the rounds' own ratios)."""
    cache = work / f"related-{name}"
    run_once("ours", content, work / f"{name}-embed" / "output", cache)  # embeddings, once
    rounds: list[dict[str, dict]] = []
    for number in range(runs):
        output = work / f"{name}-ours-{number}" / "output"
        forget_related_lists(cache)
        rounds.append(
            {
                "pelican": run_once("pelican", content, work / f"{name}-pelican-{number}"),
                "first": run_once("ours", content, output, cache),
                "warm": run_once("ours", content, output, cache),
            }
        )
        if without_search:
            unsearched = work / f"{name}-unsearched-{number}" / "output"
            forget_related_lists(cache)
            rounds[-1]["first_without_search"] = run_once(
                "ours_without_search", content, unsearched, cache
            )
            shutil.rmtree(unsearched.parent, ignore_errors=True)
        shutil.rmtree(work / f"{name}-pelican-{number}", ignore_errors=True)
    row: dict = {"site": name}
    kinds = [*KINDS, "first_without_search"] if without_search else KINDS
    for suffix, key in MEASURES.items():
        for kind in kinds:
            row[f"{kind}_{suffix}"] = median([r[kind][key] for r in rounds])
        for kind in kinds[1:]:
            ratios = [r[kind][key] / r["pelican"][key] for r in rounds]
            row[f"{kind}_over_pelican_{suffix}"] = round(median(ratios), 2)
    return row


def forget_related_lists(cache: Path) -> None:
    """Remove related_topics' finished lists from its cache folder, keeping the vectors."""
    (cache / RELATED_LISTS).unlink(missing_ok=True)


def measure_against_pagefind(name: str, content: Path, runs: int, work: Path) -> dict:
    """Return the medians of our first build without related_topics, of Pelican then
    Pagefind's command line, and of each round's ratio of the two."""
    rounds = []
    for number in range(runs):
        theirs = work / f"{name}-pelican-pagefind-{number}" / "output"
        ours = work / f"{name}-ours-first-{number}" / "output"
        rounds.append(
            {
                "pelican_then_pagefind": run_once("pelican_then_pagefind", content, theirs),
                "first_without_related": run_once("ours_without_related", content, ours),
            }
        )
        for output in (theirs, ours):
            shutil.rmtree(output.parent, ignore_errors=True)
    row: dict = {"site": name}
    for suffix, key in MEASURES.items():
        for kind in ("pelican_then_pagefind", "first_without_related"):
            row[f"{kind}_{suffix}"] = median([r[kind][key] for r in rounds])
        ratios = [r["first_without_related"][key] / r["pelican_then_pagefind"][key] for r in rounds]
        row[f"ratio_{suffix}"] = round(median(ratios), 2)
        row[f"ratio_{suffix}_runs"] = [round(ratio, 2) for ratio in ratios]
    return row


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def table(rows: list[dict]) -> str:
    """Return the rows as a Markdown table: Pelican's seconds, then our ratios to them."""
    lines = [
        "| site | pelican s (cpu) | first / pelican cpu (wall) | warm / pelican cpu (wall) |",
        "|---|---|---|---|",
    ]
    for row in rows:
        if "failed" in row:
            lines.append(f"| {row['site']} | failed: {row['failed']} | | |")
            continue
        lines.append(
            f"| {row['site']} | {row['pelican_s']:.2f} ({row['pelican_cpu_s']:.2f}) "
            f"| {row['first_over_pelican_cpu_s']:.2f}x ({row['first_over_pelican_s']:.2f}x) "
            f"| {row['warm_over_pelican_cpu_s']:.2f}x ({row['warm_over_pelican_s']:.2f}x) |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", default="1000")
    parser.add_argument("--only", default="")
    parser.add_argument("--against-pagefind", action="store_true")
    parser.add_argument("--without-search", action="store_true")
    arguments = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="first-build-") as folder:
        work = Path(folder)
        # Each corpus is written only when it is measured (a thousand files for --only a site).
        targets: dict[str, Callable[[], Path]] = {
            p.name: functools.partial(content_of, p) for p in sorted(SITES.iterdir()) if p.is_dir()
        }
        targets["tags-500"] = functools.partial(
            write_tag_heavy_corpus, CONTENT, work / "corpus-tags"
        )
        for count in filter(None, arguments.articles.split(",")):
            targets[count] = functools.partial(
                write_corpus, CONTENT, work / f"corpus-{count}", int(count)
            )
        only = set(filter(None, arguments.only.split(",")))
        for name, prepare in targets.items():
            if only and name not in only:
                continue
            content = prepare()
            try:
                if arguments.against_pagefind:
                    print(json.dumps(measure_against_pagefind(name, content, arguments.runs, work)))
                    continue
                row = measure(
                    name, content, arguments.runs, work, without_search=arguments.without_search
                )
            except RuntimeError as error:  # plain Pelican stops on some shapes (a Template:
                row = {"site": name, "failed": str(error).splitlines()[0]}  # line it lacks)
            rows.append(row)
            print(json.dumps(row), flush=True)
    if rows:
        print(table(rows))


if __name__ == "__main__":
    main()
