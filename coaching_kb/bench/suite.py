"""Run the benchmark suite: build times and memory by corpus size, and related-list quality."""

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from coaching_kb.build import BuildReport, build_site
from coaching_kb.preview import Preview
from coaching_kb.project import CONTENT, DEV_SETTINGS, ROOT
from coaching_kb.reader_cache import cache_root
from coaching_kb.serve import Reloads, serving
from coaching_kb.staging import leftovers
from coaching_kb.watch import POLL_SECONDS, watch

from .corpus import write_corpus, write_tag_heavy_corpus
from .lee import key_of, lee_figures
from .quality import reading_agreement
from .runner import CONFIGS
from .search_figures import search_figures


def run_once(config: str, content: Path, output: Path, cache: Path | None = None) -> dict:
    """Build `content` with `config` in a fresh process; return its measurements."""
    where = [str(content), str(output)] + ([str(cache)] if cache else [])
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "coaching_kb.bench.runner", config, *where],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"bench: {config} build failed:\n{result.stderr[-2000:]}")
    # The process's whole wall clock too: starting Python and importing, as a command does.
    return json.loads(lines[-1]) | {"process_s": round(time.perf_counter() - started, 3)}


def median_of(runs: list[dict], pick: Callable[[dict], float]) -> float:
    """Return the median of one measurement over several runs."""
    return round(statistics.median(pick(run) for run in runs), 3)


PLUGINS_TIMED = ("related_topics", "topics", "pagefind_search", "authors", "static_comments")


def measure_corpus(name: str, content: Path, runs: int, work: Path,
                   say: Callable[[str], None], cold_runs: int = 1) -> dict:  # fmt: skip
    """Return median figures for one corpus: times, our build over plain Pelican, where it goes.

    The first `cold_runs` rounds are each a site's first build (nothing cached or kept, every
    article embedded); the rounds after them are warm.
    """
    cold_runs = max(1, min(cold_runs, runs - 1)) if runs > 1 else 1
    results: dict[str, list[dict]] = {config: [] for config in CONFIGS}
    cache = related_cache(work, name)
    for number in range(runs):
        if number < cold_runs:
            forget_builds(work, name)
        for config in CONFIGS:  # interleaved, so machine noise hits every config alike
            output = output_of(work, name, config)
            results[config].append(run_once(config, content, output, cache))
        say(f"  {name} run {number + 1}/{runs} done")
    # Builds with every cache warm but related_topics's own: its cold cost when it cannot
    # work alongside Pelican's reading of Markdown (which the reader cache skips).
    cache_cold = [related_cache_cold(content, work, name) for _ in range(cold_runs)]
    edited = edited_build(content, work, name)
    ours, pelican = results["ours"], results["pelican"]
    # Each round's ratio comes from builds run back to back, so noise largely cancels.
    ratios = [{"r": o["seconds"] / p["seconds"]} for o, p in zip(ours, pelican, strict=True)]
    untagged = zip(ours, results["pelican_without_tag_pages"], strict=True)
    ratios_untagged = [{"r": o["seconds"] / p["seconds"]} for o, p in untagged]
    warm = warm_rounds(runs, cold_runs)
    return (
        {
            "corpus": name,
            "articles": len(list(content.rglob("*.md"))),
            "cold_runs": cold_runs,
            "pelican_s": median_of(pelican, lambda r: r["seconds"]),
            "ours_s": median_of(ours[warm], lambda r: r["seconds"]),
            "ours_over_pelican": median_of(ratios[warm], lambda r: r["r"]),
            "ratio_range": [
                round(min(r["r"] for r in ratios[warm]), 2),
                round(max(r["r"] for r in ratios[warm]), 2),
            ],
            "ours_over_pelican_first_build": median_of(ratios[:cold_runs], lambda r: r["r"]),
            # The two targets, each paired within a round.
            "warm_over_pelican_cached": paired_ratio(ours[warm], results["pelican_cached"][warm]),
            "first_without_related_over_pelican_then_pagefind": paired_ratio(
                results["ours_without_related"][:cold_runs],
                results["pelican_then_pagefind"][:cold_runs],
            ),
            "warm_over_pelican_cached_cpu": paired_ratio(
                ours[warm], results["pelican_cached"][warm], "cpu_s"
            ),
            "first_without_related_over_pelican_then_pagefind_cpu": paired_ratio(
                results["ours_without_related"][:cold_runs],
                results["pelican_then_pagefind"][:cold_runs],
                "cpu_s",
            ),
            "ours_over_pelican_without_tag_pages": median_of(
                ratios_untagged[warm], lambda r: r["r"]
            ),
            "ratio_runs": [round(r["r"], 2) for r in ratios],
            "plugins_s": {
                p: median_of(ours[warm], lambda r, p=p: r["plugins"].get(p, 0.0))
                for p in PLUGINS_TIMED
            },
            "stages_s": {
                s: median_of(ours[warm], lambda r, s=s: r["stages"].get(s, 0.0))
                for s in ("pelican", "check")
            },
        }
        | related_figures(results, cold_runs)
        | cache_cold_figures(cache_cold, pelican)
        | edit_figures(edited, pelican)
    )


def paired_ratio(ours: list[dict], theirs: list[dict], measure: str = "seconds") -> float:
    """Return the median of each round's ratio of our build's seconds (or `measure`) to theirs."""
    return round(
        statistics.median(o[measure] / t[measure] for o, t in zip(ours, theirs, strict=True)), 3
    )


def forget_builds(work: Path, name: str) -> None:
    """Remove every output, reader cache and kept finding of the corpus's builds."""
    for config in CONFIGS:
        output = output_of(work, name, config)
        for folder in (
            output,
            *leftovers(output),
            cache_root(output),
            output.with_name(f".{output.name}-pelican-cache"),
        ):
            shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(related_cache(work, name), ignore_errors=True)


def output_of(work: Path, name: str, config: str) -> Path:
    """Return where one configuration builds the corpus: in a folder of its own, because a
    build keeps its reader cache beside its output, and one kept for other settings (another
    configuration's) is removed as stale."""
    return work / f"{name}-{config}" / "output"


def related_cache(work: Path, name: str) -> Path:
    """Return where related_topics keeps the corpus's embeddings and lists."""
    return work / f"related-cache-{name}"


def warm_rounds(runs: int, cold_runs: int) -> slice:
    """Return which rounds are warm: those after the cold ones (all, if every one is cold)."""
    return slice(cold_runs, None) if runs > cold_runs else slice(None)


def built_with_and_without(content: Path, work: Path, name: str) -> dict[str, dict]:
    """Build with and without related_topics, each over its own last build."""
    configs = ("ours", "ours_without_related")
    cache = related_cache(work, name)
    return {c: run_once(c, content, output_of(work, name, c), cache) for c in configs}


def related_cache_cold(content: Path, work: Path, name: str) -> dict[str, dict]:
    """Build with and without related_topics once its cache is removed (the rest kept)."""
    shutil.rmtree(related_cache(work, name), ignore_errors=True)
    return built_with_and_without(content, work, name)


def cache_cold_figures(pairs: list[dict[str, dict]], pelican: list[dict]) -> dict:
    """Return what related_topics adds to a build whose only cold cache is its own."""
    pelican_s = statistics.median(run["seconds"] for run in pelican)
    added = [p["ours"]["seconds"] - p["ours_without_related"]["seconds"] for p in pairs]
    return {
        "related_added_own_cache_cold_pct": round(100 * statistics.median(added) / pelican_s, 1),
        "related_added_own_cache_cold_runs_s": [round(a, 2) for a in added],
    }


def edited_build(content: Path, work: Path, name: str) -> dict[str, dict]:
    """Edit one article, then build with and without related_topics (warm caches): the
    builds after an author's edit, which relate the whole corpus again."""
    articles = sorted(content.rglob("*.md"))
    article = articles[len(articles) // 2]
    article.write_text(article.read_text(encoding="utf-8") + "\nA sentence added.\n")
    return built_with_and_without(content, work, name)


def edit_figures(edited: dict[str, dict], pelican: list[dict]) -> dict:
    """Return what related_topics adds to a build after one article was edited."""
    pelican_s = statistics.median(run["seconds"] for run in pelican)
    added = edited["ours"]["seconds"] - edited["ours_without_related"]["seconds"]
    return {
        "related_added_edit_pct": round(100 * added / pelican_s, 1),
        "related_handler_edit_s": edited["ours"]["plugins"].get("related_topics", 0.0),
        "ours_over_pelican_edit": round(edited["ours"]["seconds"] / pelican_s, 2),
    }


def related_figures(results: dict[str, list[dict]], cold_runs: int = 1) -> dict:
    """Return what related_topics adds: its handler, and a whole build with it minus without."""
    ours, without, pelican = results["ours"], results["ours_without_related"], results["pelican"]
    added = [
        {"d": round(o["seconds"] - w["seconds"], 3)} for o, w in zip(ours, without, strict=True)
    ]
    share = [a["d"] / p["seconds"] for a, p in zip(added, pelican, strict=True)]
    warm = warm_rounds(len(ours), cold_runs)
    return {
        # The cold rounds are first builds, which embed every article; the rounds after them
        # find the embeddings kept (warm), and relate the very same corpus, so they read back the
        # last round's lists.
        "related_added_cold_pct": round(100 * statistics.median(share[:cold_runs]), 1),
        "related_added_warm_pct": round(100 * statistics.median(share[warm]), 1),
        "related_added_share_runs_pct": [round(100 * s, 1) for s in share],
        "related_handler_s": median_of(
            ours[warm], lambda r: r["plugins"].get("related_topics", 0.0)
        ),
        "related_added_s": median_of(added[warm], lambda r: r["d"]),
        # Paired differences of two builds are noisy: show how far the warm ones spread.
        "related_added_range_s": [
            min(r["d"] for r in added[warm]),
            max(r["d"] for r in added[warm]),
        ],
        "related_added_runs_s": [r["d"] for r in added],
        "pelican_peak_mb": median_of(pelican, lambda r: r["peak_mb"]),
        "ours_peak_mb": median_of(ours, lambda r: r["peak_mb"]),
        # The build's growth, in the round where it is most (a cold one, which embeds).
        "related_added_mb": round(
            max(o["peak_mb"] - w["peak_mb"] for o, w in zip(ours, without, strict=True)), 1
        ),
    }


# Scorers compared on the judgements: our lists, and each of their parts alone.
SCORERS = {
    "ours (terms + meaning + topics)": {},
    "terms + topics, no model": {"RELATED_TOPICS_MODEL": ""},
}


def scorers() -> dict[str, dict]:
    """Return SCORERS (related_quality.py compares each model alone, on more sets)."""
    return SCORERS


def quality(work: Path) -> dict:
    """Return NDCG@5 of each scorer and of the TF-IDF baseline on the sample content."""
    from coaching_kb.bench.quality import quality_report

    figures: dict = {}
    for name, overrides in scorers().items():
        output = work / f"sample-{len(figures)}"
        report = build_site(DEV_SETTINGS, CONTENT, output, {"SEARCH_ENABLED": False, **overrides})
        if report.failed():
            raise RuntimeError(f"bench: the {name} build failed: {report.errors[:3]}")
        found = quality_report(CONTENT, output / "related.json")
        figures[name] = found["ndcg5_plugin"]
        figures["TF-IDF baseline"] = found["ndcg5_tfidf_baseline"]
        figures["queries"] = found["queries"]
    figures |= reading_agreement()
    figures["ndcg5_plugin"] = figures["ours (terms + meaning + topics)"]
    figures["ndcg5_tfidf_baseline"] = figures["TF-IDF baseline"]
    return figures


def lee_lists(content: Path) -> dict[str, dict[int, list[int]]]:
    """Build the Lee texts with each scorer and return its related lists, by text number."""
    lists = {}
    for name, overrides in scorers().items():
        output = content.parent / f"lee-out-{len(lists)}"
        report = build_site(DEV_SETTINGS, content, output, {"SEARCH_ENABLED": False, **overrides})
        if report.failed():
            raise RuntimeError(f"bench: the Lee build ({name}) failed: {report.errors[:3]}")
        built = json.loads((output / "related.json").read_text(encoding="utf-8"))
        number = {key_of(n): n for n in range(len(built["articles"]))}
        lists[name] = {
            number[a["source_path"]]: [number[r["source_path"]] for r in a["related"]]
            for a in built["articles"]
        }
    return lists


def preview_figures(count: int, work: Path, edits: int = 5) -> dict:
    """Return the seconds from saving an edited article to its new page being served.

    End to end, as an author meets it: the live preview's own watcher sees the save, its build
    process rebuilds, the open page is told to reload (as its event stream is), and the dev
    server answers with the new page.
    """
    content = write_corpus(CONTENT, work / f"preview-{count}", count)
    output = work / f"preview-out-{count}"
    article = sorted((content / "essays").glob("*.md"))[0]
    article.write_text(article.read_text() + "\nThe page the bench edits.\n")
    # The full build that follows a quick page runs between saves, so each save finds the
    # build process idle, as an author's does when they read the page before saving again.
    with Preview(DEV_SETTINGS, content, output, catch_up_seconds=None) as preview:
        reports = [preview.rebuild()]  # the first build
        page = next(
            p for p in output.glob("*/index.html") if "The page the bench edits" in p.read_text()
        )
        reloads = Reloads()
        catch_ups: list[BuildReport | None] = []

        def rebuild(changed: list[str], only_edits: bool) -> None:
            reports.append(preview.rebuild(changed, only_edits))
            reloads.bump()

        seconds = watch_edits(content, output, article, page, reloads, rebuild, edits,
                              lambda: catch_ups.append(preview.catch_up()))  # fmt: skip
    failed: list[BuildReport] = [r for r in reports + catch_ups if r is not None and r.failed()]
    if failed:
        raise RuntimeError(f"bench: preview rebuild failed: {failed[0].errors[:3]}")
    return {
        "articles": count,
        "save_to_served_s": round(statistics.median(seconds), 3),
        "runs_s": [round(s, 3) for s in seconds],
        "rebuild_s": round(statistics.median(r.seconds for r in reports[1:]), 3),
        "catch_up_s": round(statistics.median(r.seconds for r in catch_ups if r), 3),
        "watch_poll_s": POLL_SECONDS,
    }


def watch_edits(content: Path, output: Path, article: Path, page: Path, reloads: Reloads,
                rebuild: Callable[[list[str], bool], None], edits: int,
                settle: Callable[[], object] = lambda: None) -> list[float]:  # fmt: skip
    """Edit `article` `edits` times under the watcher; return each save-to-served time.
    `settle` runs after each (outside the figure)."""
    stopped = threading.Event()
    watcher = threading.Thread(target=watch, args=([content], rebuild, stopped.is_set), daemon=True)
    seconds = []
    with serving(output) as base:
        watcher.start()
        time.sleep(2 * POLL_SECONDS)  # the watcher's first look at the files
        for number in range(edits):
            marker, version = f"An edit, number {number}.", reloads.version
            article.write_text(article.read_text() + f"\n{marker}\n")
            started = time.perf_counter()
            reloads.wait_after(version, timeout=60)
            if marker not in fetch(f"{base}/{page.parent.name}/"):
                raise RuntimeError(f"bench: the reloaded page lacks the edit {marker!r}")
            seconds.append(time.perf_counter() - started)
            settle()
        stopped.set()
        watcher.join()
    return seconds


def fetch(url: str) -> str:
    with urllib.request.urlopen(url) as response:  # noqa: S310 - our own local server
        return response.read().decode("utf-8")


def run_suite(sizes: list[int], runs: int, say: Callable[[str], None], tags: bool = True,
              cold_runs: int = 1) -> dict:  # fmt: skip
    """Return every figure of the suite, saying progress as it goes."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        work = Path(folder)
        figures = {"quality": quality(work), "sizes": [], "preview": []}
        say(f"quality: {figures['quality']}")
        figures["lee"] = lee_figures(lee_lists, work)
        say(f"lee: {json.dumps(figures['lee'])}")
        for count in (100, 1000):
            figures["preview"].append(preview_figures(count, work))
            say(json.dumps(figures["preview"][-1]))
        corpora = (
            [("tags-500", write_tag_heavy_corpus(CONTENT, work / "corpus-tags"))] if tags else []
        )
        corpora += [(str(n), write_corpus(CONTENT, work / f"corpus-{n}", n)) for n in sizes]
        for name, content in corpora:
            row = measure_corpus(name, content, runs, work, say, cold_runs)
            figures["sizes"].append(row | searched(output_of(work, name, "ours"), say))
            say(json.dumps(figures["sizes"][-1]))
    return figures


def searched(site: Path, say: Callable[[str], None], tries: int = 2) -> dict[str, float]:
    """Return the search figures of a built site; NaN for each if the browser failed twice,
    so one browser hiccup does not lose a whole run's build figures."""
    for attempt in range(1, tries + 1):
        try:
            return search_figures(site)
        except Exception as error:  # noqa: BLE001 - reported, and the run goes on
            say(f"  search figures failed on {site.name} ({attempt}/{tries}): "
                f"{str(error).splitlines()[0]}")  # fmt: skip
    return dict.fromkeys(("bundle_kb", "first_query_kb", "query_ms_median"), float("nan"))
