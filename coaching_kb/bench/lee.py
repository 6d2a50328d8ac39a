"""A public, human-rated test of related lists: the Lee document similarity set.

Lee, Pincombe and Welsh (2005) had people rate the similarity of every pair of 50 short news
texts. The texts and the mean ratings ship inside gensim's wheel (its test data), so no
download is needed; gensim itself is never imported.

The set is split once, by document number: queries 0-24 may be looked at while developing,
queries 25-49 are never tuned on. Both halves are reported, so a gap between them shows.
"""

import importlib.util
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .quality import cosine, tfidf_vectors

SPLITS = {"looked at (0-24)": range(25), "untouched (25-49)": range(25, 50)}
COLUMNS = SPLITS | {"all 50": range(50)}  # the halves, then the whole set the goals name


@dataclass(frozen=True)
class LeeSet:
    texts: list[str]  # the 50 documents
    ratings: np.ndarray  # 50 x 50 mean human similarity, 0 to 1


def find_lee() -> LeeSet | None:
    """Return the Lee set from an installed gensim, or None when gensim is not installed."""
    spec = importlib.util.find_spec("gensim")
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(next(iter(spec.submodule_search_locations))) / "test" / "test_data"
    texts = (data / "lee.cor").read_bytes().decode("latin-1").splitlines()
    upper = np.triu(np.loadtxt(data / "similarities0-1.txt"), 1)  # the file fills one triangle
    ratings = upper + upper.T + np.eye(len(upper))
    return LeeSet([t.strip() for t in texts if t.strip()], ratings)


def key_of(number: int) -> str:
    return f"lee-{number:02d}.md"


def write_site(lee: LeeSet, content: Path) -> Path:
    """Write the 50 texts as untagged Markdown articles, as a site owner's import would."""
    content.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(lee.texts):
        head = f"Title: Text {number:02d}\nDate: 2026-01-01 00:{number:02d}\n"
        (content / key_of(number)).write_text(f"{head}\n{text}\n", encoding="utf-8")
    return content


def ndcg(ranked: Sequence[int], ratings: np.ndarray, query: int, k: int = 5) -> float:
    """Return NDCG@k of a ranked list, the human ratings (0 to 1) as gains."""
    others = np.delete(ratings[query], query)
    ideal = sorted(others, reverse=True)[:k]
    best = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    got = sum(ratings[query, other] / math.log2(i + 2) for i, other in enumerate(ranked[:k]))
    return got / best if best else 0.0


def pearson(scores: np.ndarray, ratings: np.ndarray, queries: Sequence[int]) -> float:
    """Return Pearson's r between a method's pair scores and the ratings, over each pair
    that has a query of the split in it."""
    pairs = {(min(q, o), max(q, o)) for q in queries for o in range(len(ratings)) if o != q}
    rows, cols = zip(*sorted(pairs), strict=True)
    return float(np.corrcoef(scores[rows, cols], ratings[rows, cols])[0, 1])


def split_figures(
    lists: Mapping[int, Sequence[int]], scores: np.ndarray | None, ratings: np.ndarray
) -> dict[str, dict[str, float]]:
    """Return NDCG@5 (and Pearson r when pair scores are known) for each half and in all."""
    figures = {}
    for name, queries in COLUMNS.items():
        found = {"ndcg5": round(float(np.mean([ndcg(lists[q], ratings, q) for q in queries])), 3)}
        if scores is not None:
            found["pearson_r"] = round(pearson(scores, ratings, queries), 3)
        figures[name] = found
    return figures


def ranked_by(scores: np.ndarray, k: int = 5) -> dict[int, list[int]]:
    """Return each document's k highest-scoring others (ties by number)."""
    lists = {}
    for query, row in enumerate(scores):
        order = sorted((o for o in range(len(row)) if o != query), key=lambda o: (-row[o], o))
        lists[query] = order[:k]
    return lists


def tfidf_scores(texts: Sequence[str]) -> np.ndarray:
    """Return the bench's plain TF-IDF cosine for every pair."""
    vectors = tfidf_vectors(texts)
    return np.array([[cosine(a, b) for b in vectors] for a in vectors])


def lee_figures(build_lists: Callable[[Path], dict[str, dict[int, list[int]]]], work: Path) -> dict:
    """Return NDCG@5 and Pearson r, by half and in all, for our built lists and TF-IDF
    (related_quality.py compares each of our models alone).

    `build_lists(content)` builds the site for real and returns each scorer's related lists.
    """
    lee = find_lee()
    if lee is None:
        return {}
    built = build_lists(write_site(lee, work / "lee-content"))
    methods: dict[str, tuple[dict[int, list[int]], np.ndarray | None]] = {}
    pair_scores = {"TF-IDF baseline": tfidf_scores(lee.texts)}
    for name, lists in built.items():
        methods[f"{name}, built"] = (lists, None)
    for name, scores in pair_scores.items():
        methods[name] = (ranked_by(scores), scores)
    return {name: split_figures(lists, s, lee.ratings) for name, (lists, s) in methods.items()}
