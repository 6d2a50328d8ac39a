"""First and warm builds against plain Pelican, on each fixture site and the bench corpora.

    python -m coaching_kb.bench.first_build [--runs 3] [--articles 1000] [--only NAME,...]

A first build starts with no output and no reader cache; the embeddings of related_topics are
made once beforehand (a site's one-time embedding is not counted, as issue 37 asks). A warm
build follows each first build into the same output. Pelican is timed building the same
content with its own theme and a page per tag, in a fresh output each time. The three are
interleaved round by round, each in a fresh process; medians are printed, as JSON lines.
"""

import argparse
import json
import shutil
import statistics
import tempfile
from pathlib import Path

from coaching_kb.project import CONTENT, ROOT

from .corpus import write_corpus, write_tag_heavy_corpus
from .suite import run_once

SITES = ROOT / "tests" / "sites"


def content_of(site: Path) -> Path:
    """Return a fixture's content folder (a site with its own settings keeps it in content/)."""
    return site / "content" if (site / "pelicanconf.py").is_file() else site


def measure(name: str, content: Path, runs: int, work: Path) -> dict:
    """Return the median seconds of each kind of build, and their ratios to Pelican's."""
    cache = work / f"related-{name}"
    run_once("ours", content, work / f"{name}-embed" / "output", cache)  # embeddings, once
    times: dict[str, list[float]] = {"pelican": [], "first": [], "warm": []}
    for number in range(runs):
        times["pelican"].append(
            run_once("pelican", content, work / f"{name}-pelican-{number}")["seconds"]
        )
        output = work / f"{name}-ours-{number}" / "output"
        times["first"].append(run_once("ours", content, output, cache)["seconds"])
        times["warm"].append(run_once("ours", content, output, cache)["seconds"])
        shutil.rmtree(work / f"{name}-pelican-{number}", ignore_errors=True)
    medians = {kind: round(statistics.median(values), 3) for kind, values in times.items()}
    return {
        "site": name,
        **{f"{kind}_s": value for kind, value in medians.items()},
        "first_over_pelican": round(medians["first"] / medians["pelican"], 2),
        "warm_over_pelican": round(medians["warm"] / medians["pelican"], 2),
        "runs": times,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", default="1000")
    parser.add_argument("--only", default="")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="first-build-") as folder:
        work = Path(folder)
        targets = {p.name: content_of(p) for p in sorted(SITES.iterdir()) if p.is_dir()}
        targets["tags-500"] = write_tag_heavy_corpus(CONTENT, work / "corpus-tags")
        for count in filter(None, arguments.articles.split(",")):
            targets[count] = write_corpus(CONTENT, work / f"corpus-{count}", int(count))
        only = set(filter(None, arguments.only.split(",")))
        for name, content in targets.items():
            if only and name not in only:
                continue
            try:
                row = measure(name, content, arguments.runs, work)
            except RuntimeError as error:  # plain Pelican stops on some shapes (a Template:
                row = {"site": name, "failed": str(error).splitlines()[0]}  # line it lacks)
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
