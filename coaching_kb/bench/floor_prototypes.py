"""Prototypes measured for issue 37's small-site floor, kept in history only (reverted).

    python -m coaching_kb.bench.floor_prototypes products CONTENT [CACHE]
    python -m coaching_kb.bench.floor_prototypes bytecode CONTENT [ROUNDS]

`products`: related articles' similarity products in numpy alone, each pair added up in the
order scipy's csr_matmat adds it, timed against scipy on the site's own term model and
compared bit for bit. `bytecode`: interleaved first builds with and without Jinja's
FileSystemBytecodeCache (warm), processor seconds.
"""

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def numpy_scores(model, rows: np.ndarray, columns) -> np.ndarray:
    """Return (matrix[rows] @ matrix.T) densely, each cell summed in its row's stored order."""
    matrix = model.matrix
    starts, lengths = matrix.indptr[rows], np.diff(matrix.indptr)[rows]
    local = np.repeat(np.arange(len(rows)), lengths)
    offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    place = np.arange(lengths.sum()) - offsets + np.repeat(starts, lengths)
    terms, weights = matrix.indices[place], matrix.data[place]
    counts = np.diff(columns.indptr)[terms]
    which = np.repeat(np.arange(len(terms)), counts)
    within = (
        np.arange(counts.sum())
        - np.repeat(np.cumsum(counts) - counts, counts)
        + np.repeat(columns.indptr[terms], counts)
    )
    cells = local[which] * matrix.shape[0] + columns.indices[within]
    products = weights[which] * columns.data[within]
    summed = np.bincount(cells, weights=products, minlength=len(rows) * matrix.shape[0])
    return summed.reshape(len(rows), matrix.shape[0])


def products(content: str, cache: str = "") -> None:
    from pelican.plugins.related_topics import ranking

    models = []
    built = ranking.term_model
    ranking.term_model = lambda counts: models.append(built(counts)) or models[-1]
    with tempfile.TemporaryDirectory() as folder:
        from coaching_kb.bench.runner import main

        main("ours", content, f"{folder}/output", cache or f"{folder}/cache")
    model = models[-1]
    columns = model.matrix.T.tocsr()
    size = model.matrix.shape[0]
    for block in (256, 64):
        starts = range(0, size, block)
        started = time.process_time()
        theirs = [model.scores(np.arange(s, min(s + block, size))) for s in starts]
        scipy_s = time.process_time() - started
        started = time.process_time()
        ours = [numpy_scores(model, np.arange(s, min(s + block, size)), columns) for s in starts]
        numpy_s = time.process_time() - started
        same = all(np.array_equal(a, b) for a, b in zip(theirs, ours, strict=True))
        print(json.dumps({"block": block, "scipy_s": round(scipy_s, 3),
                          "numpy_s": round(numpy_s, 3), "identical": same}))  # fmt: skip


def one_build(mode: str, content: str, output: str, cache: str) -> None:
    import jinja2

    from coaching_kb.build import build_site, load_settings
    from coaching_kb.project import DEV_SETTINGS

    overrides: dict = {"RELATED_TOPICS_CACHE_PATH": cache}
    (Path(cache) / "lists.json").unlink(missing_ok=True)  # a first build relates every pair
    if mode == "bytecode":
        folder = Path(tempfile.gettempdir()) / "jinja-bytecode-prototype"
        folder.mkdir(exist_ok=True)
        environment = dict(load_settings(DEV_SETTINGS)["JINJA_ENVIRONMENT"])
        environment["bytecode_cache"] = jinja2.FileSystemBytecodeCache(str(folder))
        overrides["JINJA_ENVIRONMENT"] = environment
    build_site(DEV_SETTINGS, Path(content), Path(output), overrides)
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    print(json.dumps({"cpu": sum(u.ru_utime + u.ru_stime for u in usage)}))


def bytecode(content: str, rounds: str = "7") -> None:
    seconds: dict[str, list[float]] = {"plain": [], "bytecode": []}
    cache = tempfile.mkdtemp()  # embeddings made in the first round, then kept
    for number in range(int(rounds) + 1):
        for mode in ("plain", "bytecode") if number % 2 else ("bytecode", "plain"):
            work = tempfile.mkdtemp()
            command = [sys.executable, "-m", "coaching_kb.bench.floor_prototypes", "one", mode,
                       content, f"{work}/o/output", cache]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            if number:  # the first round only fills the bytecode cache
                seconds[mode].append(json.loads(done.stdout.splitlines()[-1])["cpu"])
            shutil.rmtree(work)
    shutil.rmtree(cache)
    ratios = [b / p for p, b in zip(seconds["plain"], seconds["bytecode"], strict=True)]
    print(json.dumps({mode: round(statistics.median(s), 3) for mode, s in seconds.items()}
                     | {"ratio": round(statistics.median(ratios), 3)}))  # fmt: skip


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    action, *arguments = sys.argv[1:]
    {"products": products, "bytecode": bytecode, "one": one_build}[action](*arguments)
