"""Run the benchmark suite: build times and memory by corpus size, and related-list quality."""

import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from coaching_kb.project import CONTENT, ROOT

from .corpus import write_corpus
from .runner import CONFIGS
from .search_figures import search_figures


def run_once(config: str, content: Path, output: Path) -> dict:
    """Build `content` with `config` in a fresh process; return its measurements."""
    result = subprocess.run(
        [sys.executable, "-m", "coaching_kb.bench.runner", config, str(content), str(output)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"bench: {config} build failed:\n{result.stderr[-2000:]}")
    return json.loads(lines[-1])


def median_of(runs: list[dict], pick: Callable[[dict], float]) -> float:
    """Return the median of one measurement over several runs."""
    return round(statistics.median(pick(run) for run in runs), 3)


def measure_size(count: int, runs: int, work: Path, say: Callable[[str], None]) -> dict:
    """Return median figures for one corpus size."""
    content = write_corpus(CONTENT, work / f"corpus-{count}", count)
    results: dict[str, list[dict]] = {config: [] for config in CONFIGS}
    for number in range(runs):
        for config in CONFIGS:  # interleaved, so machine noise hits every config alike
            results[config].append(run_once(config, content, work / f"out-{count}-{config}"))
        say(f"  n={count} run {number + 1}/{runs} done")
    ours, without, pelican = results["ours"], results["ours_without_related"], results["pelican"]
    added = [
        {"d": round(o["seconds"] - w["seconds"], 3)} for o, w in zip(ours, without, strict=True)
    ]
    return search_figures(work / f"out-{count}-ours") | {
        "search_index_s": median_of(ours, lambda r: r["plugins"].get("search_index", 0.0)),
        "articles": count,
        "pelican_s": median_of(pelican, lambda r: r["seconds"]),
        "ours_s": median_of(ours, lambda r: r["seconds"]),
        "related_handler_s": median_of(ours, lambda r: r["plugins"].get("related_topics", 0.0)),
        "related_added_s": median_of(added, lambda r: r["d"]),
        # Paired differences of two ~40 s builds are noisy: show how far they spread.
        "related_added_range_s": [min(r["d"] for r in added), max(r["d"] for r in added)],
        "related_added_runs_s": [r["d"] for r in added],
        "pelican_peak_mb": median_of(pelican, lambda r: r["peak_mb"]),
        "ours_peak_mb": median_of(ours, lambda r: r["peak_mb"]),
        # The build's own growth plus the whole of the worker's peak: an upper bound, as the
        # two peaks need not coincide.
        "related_added_mb": median_of(
            [
                {"d": o["peak_mb"] - w["peak_mb"] + o["worker_mb"]}
                for o, w in zip(ours, without, strict=True)
            ],
            lambda r: r["d"],
        ),
        "related_worker_mb": median_of(ours, lambda r: r["worker_mb"]),
    }


def quality(work: Path) -> dict:
    """Return NDCG@5 of our related lists and of the TF-IDF baseline on the sample content."""
    from coaching_kb.bench.quality import quality_report

    output = work / "sample-output"
    run_once("ours", CONTENT, output)
    return quality_report(CONTENT, output / "related.json")


def run_suite(sizes: list[int], runs: int, say: Callable[[str], None]) -> dict:
    """Return every figure of the suite, saying progress as it goes."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        work = Path(folder)
        figures = {"quality": quality(work), "sizes": []}
        say(f"quality: {figures['quality']}")
        for count in sizes:
            figures["sizes"].append(measure_size(count, runs, work, say))
            say(json.dumps(figures["sizes"][-1]))
    return figures
